package io.picktartup.operations.entity;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * The takeover of a job execution whose member died (issue 18). The member running an execution holds the worker
 * lease {@code job-execution:<id>} while it runs; an execution still running in the job repository (STARTING, STARTED
 * or STOPPING) whose lease lapsed is an orphan: the batch runtime that ran it is gone, and nothing else would ever end
 * it. Lifecycle: running (lease renewed by its member) → orphaned (lease expired, or never taken within the grace
 * after its creation) → FAILED with exit status {@code TAKEN OVER …} by the one member whose claim of the lapsed lease
 * succeeded, which starts the job again. Invariant: only the claimant marks an execution, and it marks only an
 * execution still running (a conditional UPDATE), so an execution that ended meanwhile keeps its own outcome.
 * <p>
 * The statements work on the batch runtime's repository (Payara's {@code jbatch*} tables in PostgreSQL): the standard
 * {@code JobOperator} cannot end another JVM's execution ({@code stop} only flags it STOPPING for a runtime that no
 * longer exists, {@code abandon} refuses a running one), so the orphan's row is ended here, the way the dead runtime
 * would have ended it.
 */
public final class JobTakeover {

    /** The repository's table prefix ({@code set-batch-runtime-configuration --tablePrefix=jbatch}). */
    private static final String PREFIX = "jbatch";
    private static final String RUNNING = "('STARTING', 'STARTED', 'STOPPING')";

    /** Running executions created before a cutoff, oldest first. */
    public static final String RUNNING_EXECUTIONS = "select e.jobexecid, j.name from " + PREFIX
            + "executioninstancedata e join " + PREFIX + "jobinstancedata j on j.jobinstanceid = e.jobinstanceid"
            + " where e.batchstatus in " + RUNNING + " and e.createtime < ? order by e.jobexecid";

    /** Ends an orphan as FAILED, only while it is still running. */
    public static final String FAIL_EXECUTION = "update " + PREFIX + "executioninstancedata set batchstatus = 'FAILED',"
            + " exitstatus = ?, endtime = ?, updatetime = ? where jobexecid = ? and batchstatus in " + RUNNING;

    /** Ends the orphan's running steps too, so its step view does not show them running forever. */
    public static final String FAIL_STEPS = "update " + PREFIX + "stepexecutioninstancedata set batchstatus = 'FAILED',"
            + " exitstatus = ?, endtime = ? where jobexecid = ? and batchstatus in " + RUNNING;

    private JobTakeover() {
    }

    /** A running execution of the job repository. */
    public record Running(long executionId, String job) {
    }

    /** The worker lease that guards one job execution. */
    public static String lease(long executionId) {
        return "job-execution:" + executionId;
    }

    /** The exit status of an execution taken over by {@code holder}. */
    public static String exitStatus(String holder) {
        return "TAKEN OVER by " + holder + ": its member stopped renewing the execution's lease";
    }

    /** Whether the batch runtime has created its repository yet (it does so lazily, at the first job). */
    public static boolean repositoryExists(Connection connection) throws SQLException {
        try (var rs = connection.getMetaData().getTables(null, null, PREFIX + "executioninstancedata", null)) {
            return rs.next();
        }
    }

    /**
     * The executions still running in the repository that were created before {@code createdBefore} (the runtime
     * writes local wall-clock timestamps: compare in the same terms).
     */
    public static List<Running> running(Connection connection, Timestamp createdBefore) throws SQLException {
        var found = new ArrayList<Running>();
        try (var select = connection.prepareStatement(RUNNING_EXECUTIONS)) {
            select.setTimestamp(1, createdBefore);
            try (var rs = select.executeQuery()) {
                while (rs.next()) {
                    found.add(new Running(rs.getLong(1), rs.getString(2)));
                }
            }
        }
        return found;
    }

    /** Marks an orphan and its running steps FAILED; false when it was no longer running. One transaction. */
    public static boolean fail(Connection connection, long executionId, String exitStatus, Timestamp now)
            throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            int executions;
            try (var update = connection.prepareStatement(FAIL_EXECUTION)) {
                update.setString(1, exitStatus);
                update.setTimestamp(2, now);
                update.setTimestamp(3, now);
                update.setLong(4, executionId);
                executions = update.executeUpdate();
            }
            if (executions == 1) {
                try (var update = connection.prepareStatement(FAIL_STEPS)) {
                    update.setString(1, exitStatus);
                    update.setTimestamp(2, now);
                    update.setLong(3, executionId);
                    update.executeUpdate();
                }
            }
            connection.commit();
            return executions == 1;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}
