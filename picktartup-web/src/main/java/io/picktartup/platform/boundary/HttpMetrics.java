package io.picktartup.platform.boundary;

import io.picktartup.platform.control.ObservationSwitches;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;
import org.eclipse.microprofile.metrics.annotation.RegistryType;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Request metrics per endpoint, named by route template (never by raw path, so the number of series is bounded by
 * the application's routes): {@code http_server_request_duration_seconds} (a timer: count, sum, p50/p95/p99 and
 * histogram buckets, see microprofile-config.properties), {@code http_server_requests_total} by status class,
 * {@code http_server_errors_total} by status class and problem code, and {@code http_server_requests_in_flight}.
 * Off with {@code picktartup.metrics.http-enabled=false}, or at run time with the operator switch
 * {@code observability.request-metrics} ({@link ObservationSwitches}).
 */
@ApplicationScoped
public class HttpMetrics {

    /** A safety net: routes past this many (a bug producing raw paths) are all counted as {@code other}. */
    static final int MAX_ROUTES = 400;

    @Inject
    @RegistryType(type = MetricRegistry.Type.APPLICATION)
    MetricRegistry registry;

    @Inject
    ObservationSwitches switches;

    private final AtomicLong inFlight = new AtomicLong();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private volatile boolean gaugeRegistered;

    /** Upper bounds (ms) of the recent window's latency buckets, for the admin dashboard's own samples. */
    static final long[] WINDOW_BOUNDS_MS = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 30_000};
    private final java.util.concurrent.atomic.AtomicLongArray window =
            new java.util.concurrent.atomic.AtomicLongArray(WINDOW_BOUNDS_MS.length + 1);
    private final java.util.concurrent.atomic.LongAdder windowErrors = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder windowBusy = new java.util.concurrent.atomic.LongAdder();

    /**
     * The requests since the previous call: how many, how many answered 5xx, how many found the database pool
     * exhausted (503 service.busy), and their p50/p95/p99 in ms (a bucket's
     * upper bound; the last bucket is "over 30 s"). For the admin dashboard when no Prometheus runs.
     */
    public record Window(long requests, long serverErrors, long poolBusy, double p50Ms, double p95Ms, double p99Ms) {
    }

    public synchronized Window drainWindow() {
        long[] counts = new long[window.length()];
        long total = 0;
        for (int i = 0; i < counts.length; i++) {
            counts[i] = window.getAndSet(i, 0);
            total += counts[i];
        }
        return new Window(total, windowErrors.sumThenReset(), windowBusy.sumThenReset(), percentile(counts, total, 0.50),
                percentile(counts, total, 0.95), percentile(counts, total, 0.99));
    }

    static double percentile(long[] counts, long total, double q) {
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return i < WINDOW_BOUNDS_MS.length ? WINDOW_BOUNDS_MS[i] : 2 * WINDOW_BOUNDS_MS[WINDOW_BOUNDS_MS.length - 1];
            }
        }
        return 2 * WINDOW_BOUNDS_MS[WINDOW_BOUNDS_MS.length - 1];
    }

    /**
     * Whether requests are measured now (configuration {@code picktartup.metrics.http-enabled}, switched at run time
     * by an operator): the request filter asks once per request and calls {@link #started} and {@link #finished} only
     * when it is, so a switch between the two cannot unbalance the in-flight gauge.
     */
    public boolean enabled() {
        return switches.requestMetrics();
    }

    public void started() {
        if (!gaugeRegistered) {
            registerGauge();
        }
        inFlight.incrementAndGet();
    }

    private synchronized void registerGauge() {
        if (!gaugeRegistered) {
            registry.gauge(Metadata.builder().withName("http_server_requests_in_flight")
                    .withDescription("HTTP requests being served now").build(), inFlight, AtomicLong::get);
            gaugeRegistered = true;
        }
    }

    /**
     * One finished request. {@code problemCode} is the code of a problem answer ({@code none} otherwise).
     */
    public void finished(String method, String route, int status, String problemCode, Duration latency) {
        inFlight.decrementAndGet();
        long millis = latency.toMillis();
        int bucket = 0;
        while (bucket < WINDOW_BOUNDS_MS.length && millis > WINDOW_BOUNDS_MS[bucket]) {
            bucket++;
        }
        window.incrementAndGet(bucket);
        if (status >= 500) {
            windowErrors.increment();
        }
        if ("service.busy".equals(problemCode)) {
            windowBusy.increment(); // every pooled connection was taken: the pool's exhaustion as callers see it
        }
        if (timers.size() >= MAX_ROUTES && !timers.containsKey(method + " " + route)) {
            route = "other";
        }
        String statusClass = (status / 100) + "xx";
        String finalRoute = route;
        timers.computeIfAbsent(method + " " + route, key -> registry.timer(Metadata.builder()
                .withName("http_server_request_duration").withUnit(MetricUnits.SECONDS)
                .withDescription("Time to serve an HTTP request, by route template").build(),
                new Tag("method", method), new Tag("route", finalRoute))).update(latency);
        counter("http_server_requests_total", "HTTP requests served, by route template and status class",
                method, route, statusClass, null).inc();
        if (status >= 400) {
            counter("http_server_errors_total", "HTTP answers with a 4xx or 5xx status, by status class and problem code",
                    method, route, statusClass, problemCode == null ? "none" : problemCode).inc();
        }
    }

    private Counter counter(String name, String description, String method, String route, String statusClass,
                            String code) {
        String key = name + " " + method + " " + route + " " + statusClass + " " + code;
        return counters.computeIfAbsent(key, k -> {
            var metadata = Metadata.builder().withName(name).withDescription(description).build();
            return code == null
                    ? registry.counter(metadata, new Tag("method", method), new Tag("route", route),
                            new Tag("status_class", statusClass))
                    : registry.counter(metadata, new Tag("method", method), new Tag("route", route),
                            new Tag("status_class", statusClass), new Tag("code", code));
        });
    }
}
