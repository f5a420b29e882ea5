package io.picktartup.operations.boundary;

import jakarta.batch.api.listener.AbstractJobListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Every job's listener: the member running an execution holds its lease from before the first step to after the last
 * ({@link JobWatchdog}). An execution whose lease another member already took (it started too late, after the grace)
 * fails at once: the other member has started the job again.
 */
@Named("jobExecutionLease")
@Dependent
public class JobExecutionLease extends AbstractJobListener {

    @EJB
    JobWatchdog watchdog;

    @Inject
    JobContext job;

    @Override
    public void beforeJob() {
        if (!watchdog.begin(job.getExecutionId())) {
            throw new IllegalStateException("execution " + job.getExecutionId()
                    + " was taken over by another member before it began");
        }
    }

    @Override
    public void afterJob() {
        watchdog.end(job.getExecutionId());
    }
}
