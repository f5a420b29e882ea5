package io.picktartup.operations.boundary;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;

/** The daily step that forgets job executions older than {@code picktartup.batch.history-days}. */
@Named("jobHistoryBatchlet")
@Dependent
public class JobHistoryBatchlet extends AbstractBatchlet {

    @Inject
    JobHistory history;

    @Inject
    jakarta.batch.runtime.context.JobContext job;

    @Inject
    @ConfigProperty(name = "picktartup.batch.history-days", defaultValue = "90")
    int historyDays;

    @Override
    public String process() {
        var purged = history.purge(Instant.now().minus(Duration.ofDays(Math.max(1, historyDays))));
        String said = "PURGED " + purged.executions() + " executions of " + purged.instances() + " instances";
        job.setExitStatus(said); // the job's exit status, shown on the jobs page and by the API
        return said;
    }
}
