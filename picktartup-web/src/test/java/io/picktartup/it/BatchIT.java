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
            // every completed heartbeat execution, whoever started it (at boot, after a restart, an operator), wrote
            // exactly one audit event; an operator may abandon one afterwards (JobOperationsIT), which keeps its event
            var rs = connection.createStatement().executeQuery("""
                    select count(*) filter (where e.batchstatus = 'COMPLETED'),
                           count(*) filter (where e.batchstatus = 'COMPLETED' and a.events <> 1),
                           (select count(*) from (select subject_id from audit_event where action = 'batch.heartbeat'
                                                  group by subject_id having count(*) > 1) twice)
                    from jbatchexecutioninstancedata e
                    join jbatchjobinstancedata j on j.jobinstanceid = e.jobinstanceid
                    left join lateral (select count(*) as events from audit_event
                                       where action = 'batch.heartbeat' and subject_type = 'job_execution'
                                         and subject_id = e.jobexecid::text) a on true
                    where j.name = 'heartbeat'""");
            rs.next();
            assertThat(rs.getInt(1)).as("completed heartbeat executions").isPositive();
            assertThat(rs.getInt(2)).as("completed executions without exactly one audit event").isZero();
            assertThat(rs.getInt(3)).as("executions audited more than once").isZero();
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
