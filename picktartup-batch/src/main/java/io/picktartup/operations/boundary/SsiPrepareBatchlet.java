package io.picktartup.operations.boundary;

import io.picktartup.ssi.boundary.SsiScoring;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.time.LocalDate;

/**
 * Fixes the day the run's scores are filed under (the job parameter {@code scoredOn}, else today in Seoul) for the
 * later steps, and forgets last run's features.
 */
@Named("ssiPrepareBatchlet")
@Dependent
public class SsiPrepareBatchlet extends AbstractBatchlet {

    @EJB
    SsiScoring scoring;

    @Inject
    JobContext job;

    @Inject
    @BatchProperty(name = "scoredOn")
    String scoredOn;

    @Override
    public String process() {
        LocalDate day = scoredOn == null || scoredOn.isBlank() ? scoring.today() : LocalDate.parse(scoredOn);
        job.setTransientUserData(day);
        scoring.clearFeatures();
        SsiJobTimings.reset();
        return "SCORING " + day;
    }

    /** The day fixed by this step, or (after a restart that lost it) fixed again the same way. */
    static LocalDate scoredOn(JobContext job, SsiScoring scoring) {
        if (job.getTransientUserData() instanceof LocalDate day) {
            return day;
        }
        String parameter = job.getProperties().getProperty("scoredOn");
        LocalDate day = parameter == null || parameter.isBlank() ? scoring.today() : LocalDate.parse(parameter);
        job.setTransientUserData(day);
        return day;
    }
}
