package io.picktartup.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The batch runtime keeps its job repository in PostgreSQL (set by the post-boot script) and a job writes
 * application data there: the heartbeat job run after deployment completes and leaves its audit event.
 */
@ExtendWith(RunningPlatform.class)
class BatchIT {

    @Test
    void heartbeatJobCompletesWithItsRepositoryInPostgres() throws Exception {
        String status = awaitHeartbeat(Duration.ofSeconds(60));
        assertThat(status).isEqualTo("COMPLETED");
        try (var connection = RunningPlatform.database()) {
            // one audit event per completed execution (the application may have been restarted by other tests)
            var executions = connection.createStatement().executeQuery("""
                    select count(*) filter (where e.batchstatus = 'COMPLETED'), count(*)
                    from jbatchexecutioninstancedata e join jbatchjobinstancedata j on j.jobinstanceid = e.jobinstanceid
                    where j.name = 'heartbeat'""");
            executions.next();
            int completed = executions.getInt(1);
            assertThat(completed).isPositive();
            var beats = connection.createStatement().executeQuery("""
                    select count(*) from audit_event where action = 'batch.heartbeat' and new_value = 'boot'""");
            beats.next();
            assertThat(beats.getInt(1)).isEqualTo(completed);
        }
    }

    /** Polls the job repository (Payara's jbatch tables) until the heartbeat execution has ended. */
    private static String awaitHeartbeat(Duration timeout) throws SQLException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        String status = "NOT STARTED";
        while (Instant.now().isBefore(deadline)) {
            try (var connection = RunningPlatform.database();
                 var rs = connection.createStatement().executeQuery("""
                         select e.batchstatus from jbatchexecutioninstancedata e
                         join jbatchjobinstancedata j on j.jobinstanceid = e.jobinstanceid
                         where j.name = 'heartbeat' order by e.jobexecid desc limit 1""")) {
                if (rs.next()) {
                    status = rs.getString(1);
                    if (status.equals("COMPLETED") || status.equals("FAILED") || status.equals("ABANDONED")) {
                        return status;
                    }
                }
            } catch (SQLException notYetCreated) {
                // the repository tables appear with the first job
            }
            Thread.sleep(250);
        }
        return status;
    }
}
