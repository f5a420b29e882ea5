package io.picktartup.operations.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryType;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * Each nightly job's latest execution for Prometheus, tagged by job: {@code batch_job_last_duration_seconds},
 * {@code batch_job_last_failed} (1 when it ended FAILED or ABANDONED), {@code batch_job_running} and
 * {@code batch_job_last_end_timestamp_seconds} (0 before the first run; the "job late" alert compares it with now).
 * Read from the job repository at most every 15 s, so a scrape never waits on it. From the schedules:
 * {@code batch_job_overdue_seconds} (how long a job is past its fire time without any instance having started it: the
 * scheduler is not running) and {@code batch_job_last_fire_late} (1 when its latest occurrence was missed while the
 * platform was down and started late at boot).
 */
@ApplicationScoped
public class JobMetrics {

    private static final Duration CACHE = Duration.ofSeconds(15);

    @Inject
    BatchJobs jobs;

    @Inject
    @RegistryType(type = MetricRegistry.Type.APPLICATION)
    MetricRegistry registry;

    private record Latest(Optional<BatchJobs.Execution> execution, Instant readAt) {
    }

    private final Map<String, Latest> latest = new ConcurrentHashMap<>();

    @jakarta.ejb.EJB
    io.picktartup.platform.boundary.JobSchedules schedules;

    private volatile Map<String, io.picktartup.platform.entity.JobSchedule> scheduled = Map.of();
    private volatile Instant scheduledAt = Instant.EPOCH;

    void register(@Observes @Initialized(ApplicationScoped.class) Object application) {
        for (String job : NightlyJobs.NIGHTLY) {
            gauge("batch_job_last_duration_seconds", MetricUnits.NONE, "Duration of the job's latest execution",
                    job, e -> e.started() == null ? 0 : Duration.between(e.started(),
                            e.ended() == null ? Instant.now() : e.ended()).toMillis() / 1000.0);
            gauge("batch_job_last_failed", MetricUnits.NONE, "1 when the job's latest execution failed or was abandoned",
                    job, e -> "FAILED".equals(e.batchStatus()) || "ABANDONED".equals(e.batchStatus()) ? 1 : 0);
            gauge("batch_job_running", MetricUnits.NONE, "1 while an execution of the job is starting or running",
                    job, e -> "STARTING".equals(e.batchStatus()) || "STARTED".equals(e.batchStatus()) ? 1 : 0);
            gauge("batch_job_last_end_timestamp_seconds", MetricUnits.NONE,
                    "When the job's latest execution ended (Unix seconds; 0: never or still running)",
                    job, e -> e.ended() == null ? 0 : e.ended().getEpochSecond());
            scheduleGauge("batch_job_overdue_seconds", "Seconds the job is past its scheduled time without having been started",
                    job, s -> s.overdueAt(Instant.now()).toSeconds());
            scheduleGauge("batch_job_last_fire_late", "1 when the job's latest scheduled start was missed and caught up late",
                    job, s -> s.lastFireLate() ? 1 : 0);
        }
    }

    private void gauge(String name, String unit, String description, String job,
                       ToDoubleFunction<BatchJobs.Execution> value) {
        registry.gauge(Metadata.builder().withName(name).withUnit(unit).withDescription(description).build(),
                job, j -> latest(j).map(value::applyAsDouble).orElse(0.0), new Tag("job", job));
    }

    private void scheduleGauge(String name, String description, String job,
                               ToDoubleFunction<io.picktartup.platform.entity.JobSchedule> value) {
        registry.gauge(Metadata.builder().withName(name).withUnit(MetricUnits.NONE).withDescription(description).build(),
                job, j -> Optional.ofNullable(schedules().get(j)).map(value::applyAsDouble).orElse(0.0),
                new Tag("job", job));
    }

    private Map<String, io.picktartup.platform.entity.JobSchedule> schedules() {
        if (scheduledAt.plus(CACHE).isBefore(Instant.now())) {
            try {
                var read = new java.util.HashMap<String, io.picktartup.platform.entity.JobSchedule>();
                schedules.list().forEach(s -> read.put(s.job(), s));
                scheduled = read;
            } catch (RuntimeException e) {
                // keep the previous reading: a scrape must not fail because the database is busy
            }
            scheduledAt = Instant.now();
        }
        return scheduled;
    }

    private Optional<BatchJobs.Execution> latest(String job) {
        var cached = latest.get(job);
        if (cached == null || cached.readAt().plus(CACHE).isBefore(Instant.now())) {
            Optional<BatchJobs.Execution> execution;
            try {
                execution = jobs.recent(job, 1).stream().findFirst();
            } catch (RuntimeException e) {
                execution = cached == null ? Optional.empty() : cached.execution();
            }
            cached = new Latest(execution, Instant.now());
            latest.put(job, cached);
        }
        return cached.execution();
    }
}
