package io.picktartup.platform.control;

import io.picktartup.platform.entity.SettingChanged;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static io.picktartup.platform.control.ObservationSwitches.ACCESS_LOG;
import static io.picktartup.platform.control.ObservationSwitches.REQUEST_METRICS;
import static org.assertj.core.api.Assertions.assertThat;

class ObservationSwitchesTest {

    private static ObservationSwitches configured(boolean metrics, boolean accessLog) {
        var switches = new ObservationSwitches();
        switches.configuredMetrics = metrics;
        switches.configuredAccessLog = accessLog;
        switches.configured();
        return switches;
    }

    @Test
    void startsFromTheConfigurationAndAStoredValueWinsOverIt() {
        var switches = configured(true, false);
        assertThat(switches.requestMetrics()).isTrue();
        assertThat(switches.accessLog()).isFalse();

        switches.refreshed(switches.generation(), Map.of(REQUEST_METRICS, Optional.of("false"), ACCESS_LOG, Optional.of("true")));
        assertThat(switches.requestMetrics()).isFalse();
        assertThat(switches.accessLog()).isTrue();

        // no stored value (a row removed): back to the configuration's
        switches.refreshed(switches.generation(), Map.of(REQUEST_METRICS, Optional.empty(), ACCESS_LOG, Optional.empty()));
        assertThat(switches.requestMetrics()).isTrue();
        assertThat(switches.accessLog()).isFalse();
    }

    @Test
    void aRefreshThatReadBeforeALocalChangeDoesNotUndoIt() {
        var switches = configured(true, true);
        long seen = switches.generation();          // a refresh starts and reads "true"
        switches.changed(new SettingChanged(REQUEST_METRICS, "false")); // an operator's change commits here meanwhile
        switches.refreshed(seen, Map.of(REQUEST_METRICS, Optional.of("true")));
        assertThat(switches.requestMetrics()).as("the stale read is dropped").isFalse();

        switches.refreshed(switches.generation(), Map.of(REQUEST_METRICS, Optional.of("true"))); // another instance's change
        assertThat(switches.requestMetrics()).isTrue();
    }
}
