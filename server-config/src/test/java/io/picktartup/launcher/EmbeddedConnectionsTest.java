package io.picktartup.launcher;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedConnectionsTest {

    @Test
    void thePoolSizeTheLimitCountsIsTheOnePostBootCreates() throws IOException {
        String postBoot;
        try (var in = Platform.class.getResourceAsStream("post-boot.asadmin")) {
            postBoot = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        var size = Pattern.compile("--maxpoolsize=(\\d+)").matcher(postBoot);
        assertThat(size.find()).as("post-boot.asadmin sets --maxpoolsize").isTrue();
        assertThat(Integer.parseInt(size.group(1))).isEqualTo(Platform.POOL_MAX);
    }

    @Test
    void everyInstancesFullPoolAndABenchsPgbenchFitUnderTheLimit() {
        assertThat(Platform.embeddedMaxConnections(1)).isEqualTo(100);
        for (int instances = 1; instances <= 9; instances++) {
            assertThat(Platform.embeddedMaxConnections(instances))
                    .as("%d instances", instances)
                    .isGreaterThanOrEqualTo(instances * Platform.POOL_MAX + Platform.POOL_MAX + 10);
        }
    }
}
