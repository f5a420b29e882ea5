package io.picktartup.platform.control;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class JsonsTest {

    /** A call that looks the JSON provider up anew: {@code Json.createReader(…)}, {@code Json.createObjectBuilder()}… */
    private static final Pattern LOOKUP_PER_CALL = Pattern.compile("(?<![\\w.])Json\\.create\\w*\\(");

    @Test
    void readsAnObjectWithTheSharedProvider() {
        var args = Jsons.object("{\"arg0\":\"0xAbC\",\"arg1\":\"1000000000000000000\"}");
        assertThat(args.getString("arg0")).isEqualTo("0xAbC");
        assertThat(args.getString("arg1")).isEqualTo("1000000000000000000");
        assertThat(Jsons.PROVIDER).isSameAs(Jsons.PROVIDER);
    }

    @Test
    void noApplicationCodeLooksTheProviderUpPerCall() throws IOException {
        var offenders = new ArrayList<String>();
        for (Path root : new Path[] {Path.of("src/main/java"), Path.of("../picktartup-web/src/main/java"),
                Path.of("../picktartup-batch/src/main/java")}) {
            assertThat(root).isDirectory();
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    if (LOOKUP_PER_CALL.matcher(Files.readString(file)).find()) {
                        offenders.add(file.toString());
                    }
                }
            }
        }
        assertThat(offenders).as("use Jsons.PROVIDER instead of jakarta.json.Json").isEmpty();
    }
}
