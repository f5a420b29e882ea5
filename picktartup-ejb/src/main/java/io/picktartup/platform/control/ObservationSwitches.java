package io.picktartup.platform.control;

import io.picktartup.platform.entity.SettingChanged;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;
import java.util.Optional;

/**
 * Whether this instance feeds the per-request metrics and writes the access log: two volatile flags the request filter
 * reads on every request (no database read there). They start from the configuration
 * ({@code picktartup.metrics.http-enabled}, {@code picktartup.log.access}); an operator's switch
 * ({@link #REQUEST_METRICS}, {@link #ACCESS_LOG} in {@code app_setting}) overrides them: applied at once on the instance
 * that stored it, and by every instance at its next refresh (every 2 s, {@code ObservationRefresh}).
 */
@ApplicationScoped
public class ObservationSwitches {

    public static final String REQUEST_METRICS = "observability.request-metrics";
    public static final String ACCESS_LOG = "observability.access-log";

    @Inject
    @ConfigProperty(name = "picktartup.metrics.http-enabled", defaultValue = "true")
    boolean configuredMetrics;

    @Inject
    @ConfigProperty(name = "picktartup.log.access", defaultValue = "true")
    boolean configuredAccessLog;

    private volatile boolean requestMetrics;
    private volatile boolean accessLog;
    private long generation;

    @PostConstruct
    void configured() {
        requestMetrics = configuredMetrics;
        accessLog = configuredAccessLog;
    }

    public boolean requestMetrics() {
        return requestMetrics;
    }

    public boolean accessLog() {
        return accessLog;
    }

    /** The configuration's value of a switch: what holds while no operator has set it. */
    public boolean configured(String key) {
        return ACCESS_LOG.equals(key) ? configuredAccessLog : configuredMetrics;
    }

    /** Counts the changes made on this instance: a refresh that read before one of them must not undo it. */
    public synchronized long generation() {
        return generation;
    }

    /**
     * Applies the stored values read by a refresh that began at {@code seen} (a {@link #generation()}), or the
     * configuration's for a switch with no stored value; skipped when a change was made here meanwhile (the refresh
     * may have read the value before that change committed; the next refresh reads it).
     */
    public synchronized void refreshed(long seen, Map<String, Optional<String>> stored) {
        if (seen != generation) {
            return;
        }
        stored.forEach(this::apply);
    }

    /** A switch set on this instance holds here as soon as its transaction commits. */
    synchronized void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) SettingChanged change) {
        generation++;
        apply(change.key(), Optional.of(change.value()));
    }

    private void apply(String key, Optional<String> stored) {
        boolean on = stored.map(Boolean::parseBoolean).orElseGet(() -> configured(key));
        if (REQUEST_METRICS.equals(key)) {
            requestMetrics = on;
        } else if (ACCESS_LOG.equals(key)) {
            accessLog = on;
        }
    }
}
