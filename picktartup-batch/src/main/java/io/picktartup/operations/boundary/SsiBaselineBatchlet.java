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
        var baselines = scoring.computeBaselines(day);
        return "BASELINES " + day + ": " + (baselines.bySector().size() - 1) + " sector(s)";
    }
}
