package io.picktartup.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The fault-injection switches' values, for tests only ({@code picktartup.chain.fault.*},
 * {@code picktartup.settlement.fault.*}: off unless set). They come from the configuration, read when the
 * application starts; a test platform may also name a switch file ({@code picktartup.fault.file}, never set in
 * production), a properties file read again at every check, so a test can arm a fault in the running application
 * and so spend one restart per fault (the one after the halt) instead of two.
 */
@ApplicationScoped
public class FaultSwitches {

    private static final Logger LOG = Logger.getLogger(FaultSwitches.class.getName());

    @Inject
    @ConfigProperty(name = "picktartup.fault.file")
    Optional<String> file;

    /** The switch file's value for {@code name} when there is such a file and it names it, else {@code configured}. */
    public Optional<String> value(String name, Optional<String> configured) {
        if (file.isPresent() && !file.get().isBlank()) {
            var armed = new Properties();
            try (Reader reader = Files.newBufferedReader(Path.of(file.get().trim()), StandardCharsets.UTF_8)) {
                armed.load(reader);
            } catch (NoSuchFileException none) {
                return configured;
            } catch (IOException unreadable) {
                LOG.warning(() -> "Fault switch file unreadable: " + unreadable.getMessage());
                return configured;
            }
            String value = armed.getProperty(name);
            if (value != null) {
                return Optional.of(value);
            }
        }
        return configured;
    }
}
