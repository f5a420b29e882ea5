package io.picktartup.operations.boundary;

import io.picktartup.ssi.boundary.SsiScoring;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.logging.Logger;

/** Sums the run up in the job's exit status: how many startups were scored, and where the time went. */
@Named("ssiReportBatchlet")
@Dependent
public class SsiReportBatchlet extends AbstractBatchlet {

    private static final Logger LOG = Logger.getLogger(SsiReportBatchlet.class.getName());

    @EJB
    SsiScoring scoring;

    @Inject
    JobContext job;

    @Override
    public String process() {
        var day = SsiPrepareBatchlet.scoredOn(job, scoring);
        var tally = scoring.tally(day);
        if (tally.featuresLost()) {
            // ssi_feature is unlogged: a database restarted during the score step emptied it, and the readers ended
            // early; fail, and the rerun scores every startup again
            throw new IllegalStateException("Scored " + tally.scored() + " startups on " + day + " but only "
                    + tally.features() + " features are stored (was the database restarted during the run?): rerun the job");
        }
        String summary = "SCORED " + day + ": " + tally.summary() + "; time (all threads) " + SsiJobTimings.summary();
        LOG.info(() -> "Execution " + job.getExecutionId() + ": " + summary);
        job.setExitStatus(summary);
        return summary;
    }
}
