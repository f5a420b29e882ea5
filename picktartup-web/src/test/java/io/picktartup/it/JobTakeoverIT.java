package io.picktartup.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18's job takeover on one instance (the cluster test kills a real member): the job repository is made to show
 * two heartbeat executions still running five minutes after they began, one whose lease lapsed (its member "died")
 * and one whose lease another live member keeps renewing. The watchdog ends the orphan as FAILED ("TAKEN OVER by
 * …"), starts the job again with trigger {@code takeover} (which completes and audits its run), audits the takeover
 * once and lets the orphan's lease go, within 15 s; the live member's execution and lease are left alone.
 */
@ExtendWith(RunningPlatform.class)
class JobTakeoverIT {

    @Test
    void anExecutionWhoseMemberDiedIsTakenOverOnceAndALiveOneIsLeftAlone() throws Exception {
        ChainIT.await("the job repository exists (the boot's heartbeat)", () -> {
            try {
                return ChainIT.count("select count(*) from jbatchjobinstancedata where name = 'heartbeat'") > 0;
            } catch (SQLException notYet) {
                return false;
            }
        }, Duration.ofSeconds(90));
        long orphan;
        long alive;
        Instant planted = Instant.now();
        try (var db = RunningPlatform.database()) {
            db.setAutoCommit(false); // the watchdog sees the executions with their leases, never without
            orphan = runningHeartbeat(db);
            alive = runningHeartbeat(db);
            lease(db, orphan, "4242@a-dead-member/00000000", "now() - interval '2 seconds'");
            lease(db, alive, "4343@a-live-member/11111111", "now() + interval '10 minutes'");
            db.commit();
        }

        ChainIT.await("execution " + orphan + " taken over", () -> status(orphan).startsWith("FAILED"),
                Duration.ofSeconds(15));
        double seconds = Duration.between(planted, Instant.now()).toMillis() / 1000.0;
        System.out.printf("jobs.takeover.detect: %.1f s (limit 15 s: check every 2 s; machine shared)%n", seconds);
        assertThat(status(orphan)).matches("FAILED TAKEN OVER by \\d+@.+: its member stopped renewing the execution's lease");
        assertThat(ChainIT.strings("select batchstatus from jbatchstepexecutioninstancedata where jobexecid = " + orphan))
                .containsExactly("FAILED");
        // started again as a new execution of the same job, which runs to its end on this member (the audit comes
        // right after the new start, a moment after the orphan was marked)
        ChainIT.await("the takeover audited", () -> !status("select count(*) || '' from audit_event where action ="
                + " 'job.taken-over' and subject_id = '" + orphan + "'").equals("0"), Duration.ofSeconds(15));
        long restarted = Long.parseLong(ChainIT.strings("select new_value from audit_event where action = 'job.taken-over'"
                + " and subject_type = 'job_execution' and subject_id = '" + orphan + "'").get(0)
                .replaceAll("^execution (\\d+) on .*$", "$1"));
        assertThat(restarted).isGreaterThan(alive);
        ChainIT.await("execution " + restarted + " completed", () -> status(restarted).startsWith("COMPLETED"),
                Duration.ofSeconds(60));
        assertThat(ChainIT.count("select count(*) from audit_event where action = 'batch.heartbeat' and subject_id = '"
                + restarted + "' and new_value = 'takeover'")).as("the new run knows it is a takeover").isEqualTo(1);
        assertThat(ChainIT.count("select count(*) from audit_event where action = 'job.taken-over' and subject_id = '"
                + orphan + "' and old_value = 'heartbeat'")).as("audited once").isEqualTo(1);
        assertThat(ChainIT.count("select count(*) from worker_lease where name = 'job-execution:" + orphan
                + "' and holder <> '4242@a-dead-member/00000000' and epoch = 2")).as("claimed once (epoch 2)").isEqualTo(1);
        assertThat(ChainIT.count("select count(*) from worker_lease where name = 'job-execution:" + restarted
                + "' and epoch = 1")).as("the new execution's own claim").isEqualTo(1);
        // neither is renewed any more: both lapse within a TTL (10 s), never released early
        ChainIT.await("both leases lapsed", () -> status("select count(*) || '' from worker_lease where name in"
                + " ('job-execution:" + orphan + "', 'job-execution:" + restarted + "') and expires_at <= now()")
                .equals("2"), Duration.ofSeconds(20));

        // the watchdog has ticked several times since: the live member's execution and lease are untouched
        Thread.sleep(3_000);
        assertThat(status(alive)).isEqualTo("STARTED");
        assertThat(ChainIT.strings("select holder || ' ' || epoch from worker_lease where name = 'job-execution:" + alive + "'"))
                .containsExactly("4343@a-live-member/11111111 1");
        assertThat(ChainIT.count("select count(*) from audit_event where action = 'job.taken-over' and subject_id = '"
                + alive + "'")).isZero();

        // leave nothing planted behind for the other tests: the planted instances have no job status (the runtime's
        // serialized blob), so the batch runtime could not describe them on the jobs page
        try (var db = RunningPlatform.database(); var statement = db.createStatement()) {
            String plantedRows = "select jobinstanceid from jbatchexecutioninstancedata where jobexecid in (" + orphan + ", "
                    + alive + ")";
            var instances = ChainIT.strings(plantedRows);
            statement.executeUpdate("delete from jbatchstepexecutioninstancedata where jobexecid in (" + orphan + ", " + alive + ")");
            statement.executeUpdate("delete from jbatchexecutioninstancedata where jobexecid in (" + orphan + ", " + alive + ")");
            statement.executeUpdate("delete from jbatchjobinstancedata where jobinstanceid in (" + String.join(", ", instances) + ")");
            statement.executeUpdate("delete from worker_lease where name = 'job-execution:" + alive + "'");
        }
    }

    /** A heartbeat execution the repository shows STARTED (with its step) since five minutes ago. */
    private static long runningHeartbeat(Connection db) throws SQLException {
        var began = new Timestamp(System.currentTimeMillis() - Duration.ofMinutes(5).toMillis());
        long instance;
        try (var rs = db.createStatement().executeQuery("""
                insert into jbatchjobinstancedata (name, apptag)
                select name, apptag from jbatchjobinstancedata where name = 'heartbeat' order by jobinstanceid limit 1
                returning jobinstanceid""")) {
            rs.next();
            instance = rs.getLong(1);
        }
        long execution;
        try (var insert = db.prepareStatement("""
                insert into jbatchexecutioninstancedata (jobinstanceid, createtime, starttime, updatetime, batchstatus)
                values (?, ?, ?, ?, 'STARTED') returning jobexecid""")) {
            insert.setLong(1, instance);
            insert.setTimestamp(2, began);
            insert.setTimestamp(3, began);
            insert.setTimestamp(4, began);
            try (var rs = insert.executeQuery()) {
                rs.next();
                execution = rs.getLong(1);
            }
        }
        try (var insert = db.prepareStatement("""
                insert into jbatchstepexecutioninstancedata (jobexecid, batchstatus, stepname, starttime)
                values (?, 'STARTED', 'beat', ?)""")) {
            insert.setLong(1, execution);
            insert.setTimestamp(2, began);
            insert.executeUpdate();
        }
        return execution;
    }

    private static void lease(Connection db, long execution, String holder, String expires) throws SQLException {
        try (var insert = db.prepareStatement("insert into worker_lease (name, holder, epoch, expires_at) values (?, ?, 1, "
                + expires + ")")) {
            insert.setString(1, "job-execution:" + execution);
            insert.setString(2, holder);
            insert.executeUpdate();
        }
    }

    private static String status(long execution) {
        return status("select batchstatus || ' ' || coalesce(exitstatus, '') from jbatchexecutioninstancedata"
                + " where jobexecid = " + execution);
    }

    private static String status(String sql) {
        try {
            return ChainIT.strings(sql).get(0).trim();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
