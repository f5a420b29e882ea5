package io.picktartup.operations.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ScheduleExpression;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.LocalTime;
import java.util.List;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * Starts each nightly job at its own configured local time ({@code picktartup.batch.schedule.<job>}, "HH:mm" or
 * "off"; default {@code picktartup.batch.nightly-at}), and the heartbeat job once right after deployment (a timer
 * only fires once the application has started, so the schema is migrated by then). The timers are not persistent:
 * they are created anew at every deployment, on each instance.
 */
@Startup
@Singleton
public class NightlyJobs {

    private static final Logger LOG = Logger.getLogger(NightlyJobs.class.getName());
    static final List<String> NIGHTLY = List.of("heartbeat", "round-settlement", "news-crawl", "ssi-scoring");
    private static final String BOOT = "boot";

    @Resource
    TimerService timers;

    @Inject
    BatchJobs jobs;

    /**
     * Called before any job starts: a singleton's first call waits for its initialisation, so no job (and not the
     * batch runtime's lazily created repository tables) can touch the database before Flyway has migrated it.
     * Timers may fire while the application is still deploying; a {@code @DependsOn} would not span the EAR's
     * modules.
     */
    @jakarta.ejb.EJB
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

    @PostConstruct
    void schedule() {
        timers.getTimers().forEach(Timer::cancel);
        var config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        var planned = new java.util.LinkedHashMap<String, String>();
        for (String job : NIGHTLY) {
            // each job its own time (picktartup.batch.schedule.<job>, "HH:mm" or "off"); default: the nightly time
            String at = config.getOptionalValue("picktartup.batch.schedule." + job, String.class)
                    .map(String::trim).filter(v -> !v.isEmpty()).orElse(nightlyAt);
            planned.put(job, at);
            if ("off".equalsIgnoreCase(at)) {
                continue;
            }
            var time = LocalTime.parse(at);
            timers.createCalendarTimer(new ScheduleExpression()
                            .hour(time.getHour()).minute(time.getMinute()).second(0).timezone(zone),
                    new TimerConfig(job, false));
        }
        schedules = java.util.Collections.unmodifiableMap(planned);
        if (heartbeatOnBoot) {
            timers.createSingleActionTimer(1_000, new TimerConfig(BOOT, false));
        }
    }

    private java.util.Map<String, String> schedules = java.util.Map.of();

    /** Each nightly job's daily start time ("HH:mm" in {@link #zone()}, or "off"), for the jobs page. */
    public java.util.Map<String, String> schedules() {
        return schedules;
    }

    public String zone() {
        return zone;
    }

    @Timeout
    void fire(Timer timer) {
        schema.migrationsAppliedAtBoot();
        var names = BOOT.equals(timer.getInfo()) ? List.of("heartbeat") : List.of(String.valueOf(timer.getInfo()));
        for (String job : names) {
            var parameters = new Properties();
            parameters.setProperty("trigger", String.valueOf(timer.getInfo()));
            long id = jobs.start(job, parameters);
            LOG.info(() -> "Started job " + job + " as execution " + id + " (" + timer.getInfo() + ")");
        }
    }
}
