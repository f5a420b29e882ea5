package io.picktartup.platform.boundary;

import io.picktartup.platform.control.AuditTrail;
import io.picktartup.platform.entity.JobSchedule;
import io.picktartup.platform.entity.NotFoundException;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The nightly jobs' schedules (table {@code job_schedule}): seeded from configuration on first boot, changed by
 * admins (audited), and claimed by whichever instance's tick sees a job due first. Scheduling runs on the system
 * clock, never on the business clock tests move forward.
 */
@Stateless
public class JobSchedules {

    /** An occurrence started more than this after its time was missed (the platform was down): it is marked late. */
    public static final Duration LATE_AFTER = Duration.ofMinutes(5);

    /** One occurrence this instance won and must start. */
    public record Firing(String job, Instant dueAt, boolean late) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    AuditTrail audit;

    @jakarta.annotation.Resource
    jakarta.ejb.SessionContext context;

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** Creates the schedules that do not exist yet from configuration ("HH:mm" or "off" per job); keeps the others. */
    public void seed(Map<String, String> dailyAt, String zone) {
        Instant now = now();
        for (var entry : dailyAt.entrySet()) {
            var schedule = new JobSchedule(entry.getKey(), entry.getValue(), zone, "configuration", now);
            // two statements rather than a null parameter, whose SQL type PostgreSQL cannot infer
            var insert = schedule.nextFireAt().isPresent()
                    ? em.createNativeQuery("""
                            insert into job_schedule (job, daily_at, zone, changed_by, changed_at, next_fire_at)
                            values (?1, ?2, ?3, ?4, ?5, ?6) on conflict (job) do nothing""")
                            .setParameter(6, schedule.nextFireAt().get())
                    : em.createNativeQuery("""
                            insert into job_schedule (job, daily_at, zone, changed_by, changed_at)
                            values (?1, ?2, ?3, ?4, ?5) on conflict (job) do nothing""");
            int inserted = insert.setParameter(1, schedule.job())
                    .setParameter(2, schedule.dailyAt())
                    .setParameter(3, schedule.zone())
                    .setParameter(4, schedule.changedBy())
                    .setParameter(5, now)
                    .executeUpdate();
            if (inserted == 1) {
                audit.record("system", "job.schedule-seeded", "job_schedule", schedule.job(), null, schedule.dailyAt());
            }
        }
    }

    public List<JobSchedule> list() {
        return em.createQuery("select s from JobSchedule s order by s.job", JobSchedule.class).getResultList();
    }

    public Optional<JobSchedule> find(String job) {
        return Optional.ofNullable(em.find(JobSchedule.class, job));
    }

    /** Sets a job's daily time ("HH:mm" or "off"); the next fire time follows from now. Audited. */
    public JobSchedule change(String job, String at) {
        String actor = io.picktartup.platform.entity.Caller.actor(context.getCallerPrincipal());
        var schedule = find(job).orElseThrow(() -> new NotFoundException("Job schedule", job));
        String old = schedule.change(at, actor, now());
        audit.record(actor, "job.schedule-changed", "job_schedule", job, old, schedule.dailyAt());
        return schedule;
    }

    /**
     * The occurrences due now that this instance won: for each, one conditional update moves the next fire time on
     * from the value this instance read, so when several instances tick at once exactly one gets each occurrence.
     */
    public List<Firing> claimDue() {
        Instant now = now();
        return list().stream().filter(s -> s.dueAt(now)).flatMap(s -> {
            Instant seen = s.nextFireAt().orElseThrow();
            boolean late = s.lateAt(now, LATE_AFTER);
            int won = em.createNativeQuery("""
                            update job_schedule set next_fire_at = ?1, last_fired_at = ?2, last_fire_late = ?3,
                                                    version = version + 1
                            where job = ?4 and next_fire_at = ?5""")
                    .setParameter(1, s.followingFireAt(now))
                    .setParameter(2, now)
                    .setParameter(3, late)
                    .setParameter(4, s.job())
                    .setParameter(5, seen)
                    .executeUpdate();
            return won == 1 ? java.util.stream.Stream.of(new Firing(s.job(), seen, late)) : java.util.stream.Stream.empty();
        }).toList();
    }

    /** Remembers the execution a fired occurrence started. */
    public void started(String job, long executionId) {
        em.createNativeQuery("update job_schedule set last_execution_id = ?1 where job = ?2")
                .setParameter(1, executionId).setParameter(2, job).executeUpdate();
    }
}
