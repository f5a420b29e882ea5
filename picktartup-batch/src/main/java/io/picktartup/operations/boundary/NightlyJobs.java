package io.picktartup.operations.boundary;

import io.picktartup.platform.boundary.JobSchedules;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts each nightly job when its schedule (table {@code job_schedule}, see {@link JobSchedules}) says so, and the
 * heartbeat job once right after deployment. A short non-persistent tick on every instance claims the due jobs: the
 * schedules and their next fire times are in PostgreSQL, so they survive restarts, an admin changes them without a
 * redeployment, a job fires once however many instances tick, and an occurrence missed while the platform was down
 * fires once at the first tick after boot (marked late). No EJB timer is persistent (nothing on the default H2 pool).
 * <p>
 * The schedules are seeded from configuration on first boot ({@code picktartup.batch.schedule.<job>}, "HH:mm" or
 * "off"; default {@code picktartup.batch.nightly-at}, zone {@code picktartup.batch.zone}); after that the database
 * is the truth.
 */
@Startup
@jakarta.interceptor.Interceptors(io.picktartup.platform.control.TimerGuard.class)
@Singleton
@TransactionManagement(TransactionManagementType.BEAN) // ticks without a container transaction: see TimerGuard
public class NightlyJobs {

    private static final Logger LOG = Logger.getLogger(NightlyJobs.class.getName());
    static final List<String> NIGHTLY = List.of("heartbeat", "round-settlement", "news-crawl", "ssi-scoring",
            JobHistory.JOB);
    private static final String BOOT = "boot";
    private static final String TICK = "tick";

    @Resource
    TimerService timers;

    @Inject
    BatchJobs jobs;

    @EJB
    JobSchedules schedules;

    /**
     * Called before any job starts: a singleton's first call waits for its initialisation, so no job (and not the
     * batch runtime's lazily created repository tables) can touch the database before Flyway has migrated it.
     * Timers may fire while the application is still deploying; a {@code @DependsOn} would not span the EAR's
     * modules.
     */
    @EJB
    io.picktartup.platform.boundary.SchemaMigration schema;

    @Inject
    @ConfigProperty(name = "picktartup.batch.nightly-at", defaultValue = "02:30")
    String nightlyAt;

    @Inject
    @ConfigProperty(name = "picktartup.batch.zone", defaultValue = "Asia/Seoul")
    String zone;

    @Inject
    @ConfigProperty(name = "picktartup.batch.heartbeat-on-boot", defaultValue = "true")
    boolean heartbeatOnBoot;

    @Inject
    @ConfigProperty(name = "picktartup.batch.schedule-tick-seconds", defaultValue = "30")
    long tickSeconds;

    private volatile boolean seeded;

    @PostConstruct
    void schedule() {
        timers.getTimers().forEach(Timer::cancel);
        timers.createIntervalTimer(1_000, Math.max(1, tickSeconds) * 1_000, new TimerConfig(TICK, false));
        if (heartbeatOnBoot) {
            timers.createSingleActionTimer(1_000, new TimerConfig(BOOT, false));
        }
    }

    /** Each nightly job's configured time ("HH:mm" or "off"): the schedules' seed on first boot. */
    Map<String, String> configured() {
        var config = ConfigProvider.getConfig();
        var planned = new LinkedHashMap<String, String>();
        for (String job : NIGHTLY) {
            planned.put(job, config.getOptionalValue("picktartup.batch.schedule." + job, String.class)
                    .map(String::trim).filter(v -> !v.isEmpty()).orElse(nightlyAt));
        }
        return planned;
    }

    @Timeout
    void fire(Timer timer) {
        schema.migrationsAppliedAtBoot();
        if (BOOT.equals(timer.getInfo())) {
            start("heartbeat", BOOT, false);
            return;
        }
        try {
            if (!seeded) {
                schedules.seed(configured(), zone);
                seeded = true;
            }
            for (var firing : schedules.claimDue()) {
                long id = start(firing.job(), firing.late() ? "schedule-late" : "schedule", firing.late());
                schedules.started(firing.job(), id);
            }
        } catch (RuntimeException e) {
            // the next tick tries again; an occurrence stays due (and the overdue gauge grows) until one claims it
            LOG.log(Level.WARNING, "Scheduling tick failed", e);
        }
    }

    private long start(String job, String trigger, boolean late) {
        var parameters = new Properties();
        parameters.setProperty("trigger", trigger);
        long id = jobs.start(job, parameters);
        if (late) {
            LOG.warning(() -> "Started job " + job + " late (missed while the platform was down) as execution " + id);
        } else {
            LOG.info(() -> "Started job " + job + " as execution " + id + " (" + trigger + ")");
        }
        return id;
    }
}
