package io.picktartup.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Arms the application's fault-injection switches while it runs, through the switch file the test platform names
 * ({@code PICKTARTUP_FAULT_FILE}, read at every check): a test that halts the application pays one restart, the one
 * after the halt, and clears or re-arms the file before it.
 */
final class Faults {

    private Faults() {
    }

    static Path file() {
        return Path.of(System.getProperty("picktartup.work")).resolve("faults.properties");
    }

    /** Replaces every armed switch with these ({@code picktartup.…} names), at once for the application. */
    static void arm(Map<String, String> switches) {
        String text = switches.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
        try {
            Path next = file().resolveSibling("faults.properties.next");
            Files.writeString(next, text, StandardCharsets.UTF_8);
            Files.move(next, file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void clear() {
        try {
            Files.deleteIfExists(file());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
