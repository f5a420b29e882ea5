package io.picktartup.operations.boundary;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Proves the batch runtime works against PostgreSQL (job repository and application data): writes one audit
 * event per run.
 */
@Named("heartbeatBatchlet")
@Dependent
public class HeartbeatBatchlet extends AbstractBatchlet {

    @Inject
    JobContext job;

    @Inject
    HeartbeatLog log;

    @Override
    public String process() {
        String trigger = job.getProperties().getProperty("trigger", "manual");
        log.beat(job.getExecutionId(), trigger);
        return "BEAT";
    }
}
