package io.picktartup.operations.entity;

import io.picktartup.platform.entity.WorkerLease;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The takeover of a dead member's job execution, with the real statements on a real PostgreSQL: the batch runtime's
 * repository tables (Payara's PostgreSQL layout, prefix {@code jbatch}) and {@code worker_lease} (V120). An execution
 * whose member keeps renewing its lease is never claimed; once the renewals stop, exactly one of several racing
 * members claims it, marks it and its running steps FAILED once, and leaves ended executions and young executions
 * (still within the grace to take their lease) alone; the old holder can no longer renew.
 */
class JobTakeoverTest {

    private static final Duration TTL = Duration.ofMillis(500);
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void database() throws Exception {
        postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
        try (var connection = connect(); var statement = connection.createStatement()) {
            statement.execute(Files.readString(
                    Path.of("../picktartup-ejb/src/main/resources/db/migration/V120__worker_lease.sql")));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    private static Connection connect() throws SQLException {
        return postgres.getPostgresDatabase().getConnection();
    }

    @Test
    void exactlyOneLiveMemberTakesOverAnExecutionWhoseLeaseLapsed() throws Exception {
        try (var db = connect()) {
            assertThat(JobTakeover.repositoryExists(db)).as("created lazily by the runtime").isFalse();
            createRepository(db);
            assertThat(JobTakeover.repositoryExists(db)).isTrue();

            long orphan = execution(db, "round-settlement", "STARTED", Duration.ofMinutes(3));
            step(db, orphan, "settle", "STARTED");
            long young = execution(db, "ssi-scoring", "STARTING", Duration.ofSeconds(1));
            long done = execution(db, "news-crawl", "COMPLETED", Duration.ofMinutes(10));
            step(db, done, "harvest", "COMPLETED");

            var cutoff = new Timestamp(System.currentTimeMillis() - 20_000);
            assertThat(JobTakeover.running(db, cutoff)).as("running and past the grace")
                    .containsExactly(new JobTakeover.Running(orphan, "round-settlement"));

            // member A runs the orphan and renews its lease: nobody else can claim it
            String lease = JobTakeover.lease(orphan);
            long epochA = WorkerLease.take(db, lease, "A", TTL).orElseThrow();
            for (int i = 0; i < 3; i++) {
                Thread.sleep(TTL.toMillis() / 3);
                assertThat(WorkerLease.take(db, lease, "A", TTL)).as("A renews").hasValue(epochA);
                assertThat(WorkerLease.take(db, lease, "B", TTL)).as("A is alive: B must not take over").isEmpty();
            }

            // A dies: after the TTL, B, C and D race for the lease; exactly one wins, with the next epoch
            Thread.sleep(TTL.toMillis() + 100);
            var barrier = new CyclicBarrier(3);
            var pool = Executors.newFixedThreadPool(3);
            var claims = new ArrayList<java.util.concurrent.Future<OptionalLong>>();
            for (String member : List.of("B", "C", "D")) {
                Callable<OptionalLong> claim = () -> {
                    try (var c = connect()) {
                        barrier.await();
                        return WorkerLease.take(c, lease, member, Duration.ofSeconds(30));
                    }
                };
                claims.add(pool.submit(claim));
            }
            var won = new ArrayList<Long>();
            for (var claim : claims) {
                claim.get().ifPresent(won::add);
            }
            pool.shutdown();
            assertThat(won).as("one claim wins").containsExactly(epochA + 1);
            String winner = holder(db, lease);

            // the winner ends the orphan once; a second marking changes nothing
            var now = new Timestamp(System.currentTimeMillis());
            assertThat(JobTakeover.fail(db, orphan, JobTakeover.exitStatus(winner), now)).isTrue();
            assertThat(JobTakeover.fail(db, orphan, JobTakeover.exitStatus("someone else"), now)).isFalse();
            assertThat(status(db, "executioninstancedata where jobexecid = " + orphan))
                    .isEqualTo("FAILED TAKEN OVER by " + winner + ": its member stopped renewing the execution's lease");
            assertThat(status(db, "stepexecutioninstancedata where jobexecid = " + orphan))
                    .startsWith("FAILED TAKEN OVER by " + winner);
            assertThat(status(db, "executioninstancedata where jobexecid = " + done)).isEqualTo("COMPLETED done");
            assertThat(status(db, "stepexecutioninstancedata where jobexecid = " + done)).isEqualTo("COMPLETED done");
            assertThat(status(db, "executioninstancedata where jobexecid = " + young)).startsWith("STARTING");
            assertThat(JobTakeover.running(db, cutoff)).as("nothing left to take over").isEmpty();
            assertThat(JobTakeover.running(db, new Timestamp(System.currentTimeMillis() + 1000)))
                    .extracting(JobTakeover.Running::executionId).containsExactly(young);

            // an execution that ended on its own meanwhile keeps its outcome
            assertThat(JobTakeover.fail(db, done, "TAKEN OVER by late", now)).isFalse();

            // a young execution: no lease yet → not claimable as lapsed; once its member's lease lapsed, it is
            String youngLease = JobTakeover.lease(young);
            assertThat(WorkerLease.takeLapsed(db, youngLease, "B", TTL)).as("its member has not taken it yet").isEmpty();
            long youngEpoch = WorkerLease.take(db, youngLease, "E", TTL).orElseThrow();
            assertThat(WorkerLease.takeLapsed(db, youngLease, "B", TTL)).as("E renews it").isEmpty();
            Thread.sleep(TTL.toMillis() + 100);
            assertThat(WorkerLease.takeLapsed(db, youngLease, "B", TTL)).hasValue(youngEpoch + 1);
            assertThat(WorkerLease.takeLapsed(db, youngLease, "C", TTL)).as("B holds it now").isEmpty();

            // A comes back (it was only paused): it cannot renew, and once the winner lets the lease go, A's take
            // comes back with a new epoch, which WorkerLeases reads as lost (its execution was taken over)
            assertThat(WorkerLease.take(db, lease, "A", TTL)).isEmpty();
            WorkerLease.release(db, lease, winner);
            var retaken = WorkerLease.take(db, lease, "A", TTL);
            assertThat(retaken).isPresent();
            assertThat(retaken.getAsLong()).as("another epoch: lost").isNotEqualTo(epochA);

            // an execution's own claim as it begins only ever creates its lease: a late start of a taken-over
            // execution is refused even once the lease lapsed or was let go, so the job never runs twice
            String late = JobTakeover.lease(execution(db, "heartbeat", "STARTING", Duration.ofMinutes(1)));
            assertThat(WorkerLease.take(db, late, "B", TTL)).as("B claims it past the grace").isPresent();
            assertThat(WorkerLease.claim(db, late, "A", TTL)).as("held by B").isEmpty();
            WorkerLease.release(db, late, "B");
            assertThat(WorkerLease.claim(db, late, "A", TTL)).as("let go by B: still never A's").isEmpty();
            assertThat(WorkerLease.claim(db, lease, "A", TTL)).as("the orphan's lease").isEmpty();
            String fresh = JobTakeover.lease(execution(db, "heartbeat", "STARTING", Duration.ZERO));
            assertThat(WorkerLease.claim(db, fresh, "A", TTL)).as("a new execution's own claim").hasValue(1L);
            assertThat(WorkerLease.take(db, fresh, "B", TTL)).as("A renews it: B must wait").isEmpty();
        }
    }

    // ---- the batch runtime's repository, as Payara creates it in PostgreSQL (the columns used here)

    private static void createRepository(Connection db) throws SQLException {
        try (var statement = db.createStatement()) {
            statement.execute("""
                    create table jbatchjobinstancedata (jobinstanceid serial primary key, name varchar(512),
                                                        apptag varchar(512));
                    create table jbatchexecutioninstancedata (
                        jobexecid serial primary key,
                        jobinstanceid bigint not null references jbatchjobinstancedata (jobinstanceid),
                        createtime timestamp, starttime timestamp, endtime timestamp, updatetime timestamp,
                        parameters bytea, batchstatus varchar(512), exitstatus varchar(512));
                    create table jbatchstepexecutioninstancedata (
                        stepexecid serial primary key,
                        jobexecid bigint not null references jbatchexecutioninstancedata (jobexecid),
                        batchstatus varchar(512), exitstatus varchar(512), stepname varchar(512),
                        starttime timestamp, endtime timestamp)""");
        }
    }

    private static long execution(Connection db, String job, String status, Duration age) throws SQLException {
        try (var instance = db.prepareStatement(
                "insert into jbatchjobinstancedata (name, apptag) values (?, 'picktartup') returning jobinstanceid")) {
            instance.setString(1, job);
            try (var rs = instance.executeQuery()) {
                rs.next();
                try (var execution = db.prepareStatement("""
                        insert into jbatchexecutioninstancedata (jobinstanceid, createtime, starttime, updatetime,
                                                                 batchstatus, exitstatus)
                        values (?, ?, ?, ?, ?, ?) returning jobexecid""")) {
                    var created = new Timestamp(System.currentTimeMillis() - age.toMillis());
                    execution.setLong(1, rs.getLong(1));
                    execution.setTimestamp(2, created);
                    execution.setTimestamp(3, created);
                    execution.setTimestamp(4, created);
                    execution.setString(5, status);
                    execution.setString(6, status.equals("COMPLETED") ? "done" : null);
                    try (var id = execution.executeQuery()) {
                        id.next();
                        return id.getLong(1);
                    }
                }
            }
        }
    }

    private static void step(Connection db, long execution, String name, String status) throws SQLException {
        try (var step = db.prepareStatement("""
                insert into jbatchstepexecutioninstancedata (jobexecid, batchstatus, exitstatus, stepname, starttime)
                values (?, ?, ?, ?, now())""")) {
            step.setLong(1, execution);
            step.setString(2, status);
            step.setString(3, status.equals("COMPLETED") ? "done" : null);
            step.setString(4, name);
            step.executeUpdate();
        }
    }

    private static String status(Connection db, String from) throws SQLException {
        try (var rs = db.createStatement().executeQuery("select batchstatus || ' ' || coalesce(exitstatus, '')"
                + " || case when endtime is null and batchstatus = 'FAILED' then ' (no end time)' else '' end from jbatch"
                + from)) {
            assertThat(rs.next()).as(from).isTrue();
            return rs.getString(1).trim();
        }
    }

    private static String holder(Connection db, String lease) throws SQLException {
        try (var rs = db.createStatement().executeQuery("select holder from worker_lease where name = '" + lease + "'")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
