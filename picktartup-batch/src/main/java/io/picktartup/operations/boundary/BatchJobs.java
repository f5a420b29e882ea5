package io.picktartup.operations.boundary;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobException;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.Metric;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The one place that starts, queries and restarts jobs. In the EAR a job may only be queried or restarted from
 * the module that started it, so every caller goes through this bean. No transaction: the batch runtime manages
 * its own (its repository tables are created lazily on first use and must commit on their own).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BatchJobs {

    private static final Logger LOG = Logger.getLogger(BatchJobs.class.getName());

    /** A job execution as operators see it, with each step's read/write/skip counts. */
    public record Execution(long id, String job, String batchStatus, String exitStatus, Instant started,
                            Instant ended, List<Step> steps) {
    }

    /** One step of an execution and its metrics. */
    public record Step(String name, String batchStatus, Map<String, Long> metrics) {
    }

    public long start(String job, Properties parameters) {
        return operator().start(job, parameters);
    }

    public long restart(long executionId) {
        try {
            return operator().restart(executionId, new Properties());
        } catch (jakarta.batch.operations.JobExecutionAlreadyCompleteException
                 | jakarta.batch.operations.JobExecutionNotMostRecentException
                 | jakarta.batch.operations.JobRestartException e) {
            throw new io.picktartup.operations.entity.JobStateException(executionId, "restarted", state(executionId));
        }
    }

    /** Asks a running execution to stop (a chunk step stops at its next checkpoint); it can be restarted later. */
    public Execution stop(long executionId) {
        try {
            operator().stop(executionId);
        } catch (jakarta.batch.operations.JobExecutionNotRunningException e) {
            throw new io.picktartup.operations.entity.JobStateException(executionId, "stopped", state(executionId));
        }
        return execution(executionId).orElseThrow();
    }

    /** Marks a finished (failed or stopped) execution as never to be restarted. */
    public Execution abandon(long executionId) {
        try {
            operator().abandon(executionId);
        } catch (jakarta.batch.operations.JobExecutionIsRunningException e) {
            throw new io.picktartup.operations.entity.JobStateException(executionId, "abandoned", state(executionId));
        }
        return execution(executionId).orElseThrow();
    }

    private String state(long executionId) {
        return execution(executionId).map(Execution::batchStatus).orElse("unknown");
    }

    public Optional<Execution> execution(long executionId) {
        try {
            return Optional.of(view(operator().getJobExecution(executionId)));
        } catch (NoSuchJobExecutionException e) {
            return Optional.empty();
        }
    }

    /** The most recent executions of a job, newest first. */
    public List<Execution> recent(String job, int max) {
        var op = operator();
        try {
            return op.getJobInstances(job, 0, max).stream()
                    .flatMap(instance -> executions(op, instance).stream())
                    .map(this::view)
                    .sorted((a, b) -> Long.compare(b.id(), a.id()))
                    .limit(max)
                    .toList();
        } catch (NoSuchJobException e) {
            return List.of();
        }
    }

    /**
     * An instance's executions; none when the repository cannot describe it (an instance row without its job status,
     * e.g. written by hand or half-written by a crash): one damaged row must not hide the others from the jobs page.
     */
    private static List<JobExecution> executions(JobOperator op,
            jakarta.batch.runtime.JobInstance instance) {
        try {
            return op.getJobExecutions(instance);
        } catch (RuntimeException e) {
            LOG.warning(() -> "Job instance " + instance.getInstanceId() + " of " + instance.getJobName()
                    + " left out of the list: the job repository cannot read it (" + e + ")");
            return List.of();
        }
    }

    private Execution view(JobExecution execution) {
        var op = operator();
        // the job repository answers in no particular order: list the steps as they ran
        List<Step> steps = op.getStepExecutions(execution.getExecutionId()).stream()
                .sorted(java.util.Comparator.comparing((jakarta.batch.runtime.StepExecution step) ->
                                step.getStartTime() == null ? new java.util.Date(Long.MAX_VALUE) : step.getStartTime())
                        .thenComparingLong(jakarta.batch.runtime.StepExecution::getStepExecutionId))
                .map(step -> new Step(step.getStepName(), step.getBatchStatus().name(),
                        Arrays.stream(step.getMetrics()).collect(Collectors.toMap(
                                m -> m.getType().name(), Metric::getValue))))
                .toList();
        return new Execution(execution.getExecutionId(), execution.getJobName(), execution.getBatchStatus().name(),
                execution.getExitStatus(), instant(execution.getStartTime()), instant(execution.getEndTime()), steps);
    }

    private static Instant instant(java.util.Date date) {
        return date == null ? null : date.toInstant();
    }

    private static JobOperator operator() {
        return BatchRuntime.getJobOperator();
    }
}
