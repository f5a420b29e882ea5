package io.picktartup.operations.boundary;

import io.picktartup.ssi.boundary.SsiScoring;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Computes the day's sector baselines (medians of every startup's features) before any startup is scored. */
@Named("ssiBaselineBatchlet")
@Dependent
public class SsiBaselineBatchlet extends AbstractBatchlet {

    @EJB
    SsiScoring scoring;

    @Inject
    JobContext job;

    @Override
    public String process() {
        var day = SsiPrepareBatchlet.scoredOn(job, scoring);
        if (scoring.noFeatures()) {
            // ssi_feature is unlogged: a database restarted since the features step empties it. Medians of nothing
            // would be filed as the day's baselines; fail instead, and the rerun draws the features again.
            throw new IllegalStateException("No features stored for the startups (was the database restarted after the "
                    + "features step?): rerun the job");
        }
        var baselines = scoring.computeBaselines(day);
        return "BASELINES " + day + ": " + (baselines.bySector().size() - 1) + " sector(s)";
    }
}
