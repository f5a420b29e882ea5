package io.picktartup.operations.boundary;

import io.picktartup.operations.entity.JobTakeover;
import io.picktartup.platform.boundary.WorkerLeases;
import io.picktartup.platform.control.AuditTrail;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Takes over the job executions of a dead member (issue 18, docs/cluster.md). Every job execution holds the worker
 * lease {@code job-execution:<id>} while it runs on its member ({@link JobExecutionLease} takes it before the first
 * step and lets it go after the last; {@link WorkerLeases} renews it). A short check on every member (a thread of its
 * own) looks for
 * executions the job repository still shows running, claims the lease of each that is not running here, and succeeds
 * only for one whose lease lapsed (its member died, hung or lost the database) or that never took one within the
 * grace after its creation: one member wins each claim (the lease's conditional upsert). The winner marks the
 * orphan FAILED ({@link JobTakeover}), starts the same job again with the same parameters (trigger
 * {@code takeover}), audits and logs it, then lets the orphan's lease go. Every job is idempotent (the settlement's
 * round states and outbox business keys, the other jobs' upserts), so the new execution carries on from where the
 * database and the chain stand.
 */
@Startup
@Singleton
@TransactionManagement(TransactionManagementType.BEAN) // ticks without a container transaction: see TimerGuard
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@jakarta.interceptor.Interceptors(io.picktartup.platform.control.TimerGuard.class)
public class JobWatchdog {

    private static final Logger LOG = Logger.getLogger(JobWatchdog.class.getName());

    @Resource
    TimerService timers;

    @Resource(lookup = "jdbc/picktartup")
    DataSource database;

    @EJB
    WorkerLeases leases;

    @Inject
    BatchJobs jobs;

    @Inject
    AuditTrail audit;

    /** The first tick waits for Flyway (see {@link NightlyJobs#schema}). */
    @EJB
    io.picktartup.platform.boundary.SchemaMigration schema;

    @Inject
    @ConfigProperty(name = "picktartup.batch.takeover-check-ms", defaultValue = "2000")
    long checkMillis;

    @Inject
    @ConfigProperty(name = "picktartup.batch.takeover-grace-seconds", defaultValue = "20")
    long graceSeconds;

    /** The executions running on this member: never claimed here. */
    private final Set<Long> runningHere = ConcurrentHashMap.newKeySet();
    private volatile boolean repository;

    /**
     * The checks get a thread of their own (as the lease renewals do): on the EJB timer service's shared threads, under
     * load, they ran seconds late behind the other ticks and a takeover took 19.5 s instead of ≤ 15.
     */
    @Resource
    jakarta.enterprise.concurrent.ManagedThreadFactory threads;

    private java.util.concurrent.ScheduledExecutorService checker;

    @PostConstruct
    void schedule() {
        timers.getTimers().forEach(Timer::cancel); // an EJB timer of an earlier version
        checker = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(threads);
        long period = Math.max(200, checkMillis);
        checker.scheduleWithFixedDelay(() -> {
            try {
                check();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Job watchdog: a check failed; the next one tries again", e);
            }
        }, period, period, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        if (checker != null) {
            // a check under way finishes (a takeover between marking the orphan FAILED and starting it again)
            checker.shutdown();
            try {
                if (!checker.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    checker.shutdownNow();
                }
            } catch (InterruptedException e) {
                checker.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** An execution begins on this member: takes its lease. False when another member took it over already. */
    public boolean begin(long executionId) {
        runningHere.add(executionId);
        boolean held = leases.claim(JobTakeover.lease(executionId));
        if (!held) {
            runningHere.remove(executionId);
        }
        return held;
    }

    /** Whether another member took over an execution running here (it must stop: the job runs there again). */
    public boolean takenOver(long executionId) {
        return leases.lost(JobTakeover.lease(executionId));
    }

    /**
     * An execution ended on this member: its lease is no longer renewed and lapses after its TTL, by which time the
     * runtime has written the execution's final status (it writes it after this listener ran: a lease let go at once
     * would let another member take a finished execution over and run the job twice).
     */
    public void end(long executionId) {
        leases.letLapse(JobTakeover.lease(executionId));
        runningHere.remove(executionId);
    }

    /** An EJB timer of an earlier version, if one still fires: nothing to do (the checker thread runs the checks). */
    @Timeout
    void expired(Timer timer) {
        timer.cancel();
    }

    void check() {
        schema.migrationsAppliedAtBoot();
        try (var connection = database.getConnection()) {
            if (!repository) {
                repository = JobTakeover.repositoryExists(connection);
                if (!repository) {
                    return;
                }
            }
            // past the grace: claimed when its lease lapsed or was never taken; younger: only when its lease lapsed
            var cutoff = new Timestamp(System.currentTimeMillis() - graceSeconds * 1000);
            var old = new java.util.HashSet<Long>();
            JobTakeover.running(connection, cutoff).forEach(e -> old.add(e.executionId()));
            var all = JobTakeover.running(connection, new Timestamp(System.currentTimeMillis() + 60_000));
            for (var execution : all) {
                if (runningHere.contains(execution.executionId())) {
                    continue;
                }
                String lease = JobTakeover.lease(execution.executionId());
                if (!(old.contains(execution.executionId()) ? leases.acquire(lease) : leases.acquireLapsed(lease))) {
                    continue; // its member is alive (or another member is taking it over)
                }
                try {
                    takeOver(connection, execution);
                } finally {
                    leases.letLapse(lease); // the orphan can never claim it again (WorkerLeases#claim)
                }
            }
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Job watchdog: could not read the job repository; next tick tries again", e);
        }
    }

    private void takeOver(java.sql.Connection connection, JobTakeover.Running orphan) throws SQLException {
        var now = new Timestamp(System.currentTimeMillis());
        if (!JobTakeover.fail(connection, orphan.executionId(), JobTakeover.exitStatus(leases.holder()), now)) {
            return; // it ended meanwhile
        }
        var parameters = new Properties();
        try {
            var before = jakarta.batch.runtime.BatchRuntime.getJobOperator().getParameters(orphan.executionId());
            if (before != null) {
                parameters.putAll(before);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "No parameters for execution " + orphan.executionId(), e);
        }
        parameters.setProperty("trigger", "takeover");
        parameters.setProperty("takeoverOf", Long.toString(orphan.executionId()));
        long started;
        try {
            started = jobs.start(orphan.job(), parameters);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Execution " + orphan.executionId() + " of " + orphan.job()
                    + " marked FAILED (its member died) but the job could not be started again: start it by hand", e);
            audit.record("system", "job.taken-over", "job_execution", Long.toString(orphan.executionId()),
                    orphan.job(), "not restarted: " + e);
            return;
        }
        LOG.warning(() -> "Took over job " + orphan.job() + ": execution " + orphan.executionId()
                + " (its member stopped renewing its lease) marked FAILED, started again as execution " + started);
        audit.record("system", "job.taken-over", "job_execution", Long.toString(orphan.executionId()),
                orphan.job(), "execution " + started + " on " + leases.holder());
    }
}
