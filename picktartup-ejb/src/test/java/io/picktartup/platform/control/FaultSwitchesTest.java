package io.picktartup.platform.control;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class FaultSwitchesTest {

    @TempDir
    Path folder;

    private FaultSwitches switches(Optional<String> file) {
        var switches = new FaultSwitches();
        switches.file = file;
        return switches;
    }

    @Test
    void withoutASwitchFileTheConfiguredValueHolds() {
        assertThat(switches(Optional.empty()).value("picktartup.chain.fault.halt-after-sign", Optional.of("false")))
                .contains("false");
        assertThat(switches(Optional.empty()).value("picktartup.settlement.fault.halt-at", Optional.empty())).isEmpty();
    }

    @Test
    void aSwitchFileArmsAndDisarmsWhileTheApplicationRuns() throws Exception {
        Path file = folder.resolve("faults.properties");
        var switches = switches(Optional.of(file.toString()));
        String name = "picktartup.settlement.fault.halt-at";

        assertThat(switches.value(name, Optional.empty())).as("no file yet").isEmpty();

        Files.writeString(file, name + "=after-release\npicktartup.settlement.fault.rounds=a,b\n");
        assertThat(switches.value(name, Optional.empty())).contains("after-release");
        assertThat(switches.value("picktartup.settlement.fault.rounds", Optional.of("c"))).contains("a,b");
        assertThat(switches.value("picktartup.chain.fault.halt-after-sign", Optional.of("false")))
                .as("a switch the file does not name keeps its configured value").contains("false");

        Files.delete(file);
        assertThat(switches.value(name, Optional.of("after-finalize"))).contains("after-finalize");
    }
}
