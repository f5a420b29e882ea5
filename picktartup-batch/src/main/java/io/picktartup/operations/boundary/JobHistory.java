package io.picktartup.operations.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Job history retention. The batch runtime keeps every execution in its repository (Payara's {@code jbatch*} tables
 * in PostgreSQL, created lazily by the runtime, with no purge of its own); this forgets the job instances whose
 * executions all ended before a cutoff, with their steps, statuses and checkpoints, in one transaction. An instance
 * with an execution still running, or one that ended after the cutoff, is kept whole, so a restartable failure inside
 * the retention window stays restartable.
 */
@Stateless
public class JobHistory {

    public static final String JOB = "job-history";
    /** The repository's table prefix ({@code set-batch-runtime-configuration --tablePrefix=jbatch}). */
    private static final String PREFIX = "jbatch";

    /** What one purge removed. */
    public record Purged(int instances, int executions) {
    }

    @Resource(lookup = "jdbc/picktartup")
    DataSource database;

    public Purged purge(Instant endedBefore) {
        try (Connection connection = database.getConnection()) {
            if (!repositoryExists(connection)) {
                return new Purged(0, 0);
            }
            List<String> instances = new ArrayList<>();
            // the runtime writes local wall-clock timestamps (timestamp without time zone): compare in the same terms
            try (var select = connection.prepareStatement("select e.jobinstanceid::text from " + PREFIX
                    + "executioninstancedata e group by e.jobinstanceid having bool_and(e.batchstatus in"
                    + " ('COMPLETED', 'FAILED', 'STOPPED', 'ABANDONED')) and max(coalesce(e.endtime, e.updatetime,"
                    + " e.createtime)) < ?")) {
                select.setTimestamp(1, Timestamp.from(endedBefore));
                try (var rs = select.executeQuery()) {
                    while (rs.next()) {
                        instances.add(rs.getString(1));
                    }
                }
            }
            if (instances.isEmpty()) {
                return new Purged(0, 0);
            }
            var ids = connection.createArrayOf("text", instances.toArray());
            String executions = "select jobexecid::text from " + PREFIX + "executioninstancedata where jobinstanceid::text = any(?)";
            String steps = "select stepexecid::text from " + PREFIX + "stepexecutioninstancedata where jobexecid::text in ("
                    + executions + ")";
            // checkpoints are keyed "<job instance id>,<step>,<type>"
            update(connection, "delete from " + PREFIX + "checkpointdata where split_part(id::text, ',', 1) = any(?)", ids);
            update(connection, "delete from " + PREFIX + "stepstatus where id::text in (" + steps + ")", ids);
            update(connection, "delete from " + PREFIX + "stepexecutioninstancedata where jobexecid::text in ("
                    + executions + ")", ids);
            int purgedExecutions = update(connection, "delete from " + PREFIX
                    + "executioninstancedata where jobinstanceid::text = any(?)", ids);
            update(connection, "delete from " + PREFIX + "jobstatus where id::text = any(?)", ids);
            int purgedInstances = update(connection, "delete from " + PREFIX
                    + "jobinstancedata where jobinstanceid::text = any(?)", ids);
            return new Purged(purgedInstances, purgedExecutions);
        } catch (SQLException e) {
            throw new IllegalStateException("could not purge the job history", e);
        }
    }

    private static boolean repositoryExists(Connection connection) throws SQLException {
        try (var rs = connection.getMetaData().getTables(null, null, PREFIX + "checkpointdata", null)) {
            return rs.next();
        }
    }

    private static int update(Connection connection, String sql, java.sql.Array ids) throws SQLException {
        try (var statement = connection.prepareStatement(sql)) {
            statement.setArray(1, ids);
            return statement.executeUpdate();
        }
    }
}
