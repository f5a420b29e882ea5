package io.picktartup.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.annotation.RegistryType;

import java.util.function.Supplier;

/**
 * The connection pool as its callers wait on it, from {@link TimedConnections}: {@code db_pool_acquisitions_total},
 * {@code db_pool_wait_seconds_total} (their sum: the average wait is the ratio of the two rates),
 * {@code db_pool_slow_acquisitions_total} (waits over 10 ms: the pool was empty), {@code db_pool_failed_acquisitions_total}
 * (no connection within the pool's max wait), {@code db_pool_waiting} (threads waiting now) and
 * {@code db_pool_wait_max_seconds} (the longest wait in the last minute). Counters as gauges of monotonic values, so a
 * scrape only reads numbers.
 */
@ApplicationScoped
public class PoolMetrics {

    private static final long WINDOW_NANOS = 60_000_000_000L;

    @Inject
    @RegistryType(type = MetricRegistry.Type.APPLICATION)
    MetricRegistry registry;

    private volatile long windowStart = System.nanoTime();
    private volatile double previousMax;

    void register(@Observes @Initialized(ApplicationScoped.class) Object application) {
        gauge("db_pool_acquisitions_total", "Connections taken from the pool by JPA (a counter)",
                TimedConnections.ACQUIRED::sum);
        gauge("db_pool_wait_seconds_total", "Seconds spent waiting for those connections (a counter)",
                () -> TimedConnections.WAITED_NANOS.sum() / 1e9);
        gauge("db_pool_slow_acquisitions_total", "Connections that took over 10 ms to get: the pool was empty (a counter)",
                TimedConnections.SLOW::sum);
        gauge("db_pool_failed_acquisitions_total", "Requests for a connection that failed, e.g. after the pool's max wait (a counter)",
                TimedConnections.FAILED::sum);
        gauge("db_pool_waiting", "Threads waiting for a connection now", TimedConnections.WAITING::get);
        gauge("db_pool_wait_max_seconds", "The longest wait for a connection in the last minute", this::maxWaitSeconds);
    }

    /** The longest wait of the current minute, or of the previous one when this one has just begun. */
    synchronized double maxWaitSeconds() {
        long now = System.nanoTime();
        double current = TimedConnections.MAX_NANOS.get() / 1e9;
        if (now - windowStart > WINDOW_NANOS) {
            previousMax = TimedConnections.MAX_NANOS.getAndSet(0) / 1e9;
            windowStart = now;
            return previousMax;
        }
        return Math.max(current, previousMax);
    }

    private void gauge(String name, String description, Supplier<Number> value) {
        registry.gauge(Metadata.builder().withName(name).withUnit(MetricUnits.NONE).withDescription(description).build(),
                value, s -> s.get().doubleValue());
    }
}
