package io.picktartup.operations.boundary;

import io.picktartup.chain.boundary.ChainMetrics;
import io.picktartup.mail.boundary.MailMetrics;
import io.picktartup.platform.boundary.HttpMetrics;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The application's own recent figures, one sample every 10 s for the last hour, for the admin dashboard when no
 * Prometheus is configured: traffic, 5xx ratio, latency percentiles of the interval, process CPU, heap, the pool's
 * connections in use, pending chain transactions and queued mails. A non-persistent timer on each instance: nothing
 * is stored in the database.
 */
@jakarta.interceptor.Interceptors(io.picktartup.platform.control.TimerGuard.class)
@Singleton
@TransactionManagement(TransactionManagementType.BEAN) // ticks without a container transaction: see TimerGuard
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class RecentSamples {

    static final int KEEP = 360;
    private static final double INTERVAL_SECONDS = 10;

    /** One sample; -1 where a figure is unknown. */
    public record Sample(Instant at, double requestsPerSecond, double serverErrorRatio, double p50Ms, double p95Ms,
                         double p99Ms, double cpuPercent, double heapMiB, double poolBusy, double chainPending,
                         double mailQueued) {
    }

    @Inject
    HttpMetrics http;

    @Inject
    ChainMetrics chain;

    @Inject
    MailMetrics mail;

    private final Deque<Sample> samples = new ArrayDeque<>();

    @Schedule(second = "*/10", minute = "*", hour = "*", persistent = false, info = "dashboard-samples")
    void sample() {
        var window = http.drainWindow();
        var memory = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        var os = ManagementFactory.getOperatingSystemMXBean();
        double cpu = os instanceof com.sun.management.OperatingSystemMXBean sun ? 100 * sun.getProcessCpuLoad() : -1;
        var sample = new Sample(Instant.now(), window.requests() / INTERVAL_SECONDS,
                window.requests() == 0 ? 0 : (double) window.serverErrors() / window.requests(),
                window.p50Ms(), window.p95Ms(), window.p99Ms(), cpu, memory.getUsed() / (1024.0 * 1024.0),
                window.poolBusy(), safely(() -> chain.pending()), safely(() -> mail.queued()));
        synchronized (samples) {
            samples.addLast(sample);
            while (samples.size() > KEEP) {
                samples.removeFirst();
            }
        }
    }

    public List<Sample> recent() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    private interface Figure {
        double read();
    }

    /** A figure whose source is down (the database during a fault) is unknown in this sample, not a failed timer. */
    private static double safely(Figure figure) {
        try {
            return figure.read();
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
