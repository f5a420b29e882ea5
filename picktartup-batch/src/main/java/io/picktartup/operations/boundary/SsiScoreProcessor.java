package io.picktartup.operations.boundary;

import io.picktartup.ssi.boundary.SsiScoring;
import io.picktartup.ssi.entity.Baselines;
import io.picktartup.ssi.entity.Features;
import io.picktartup.ssi.entity.SsiModel;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.time.LocalDate;

/** Scores a startup's features against the day's sector baselines (loaded once per partition). */
@Named("ssiScoreProcessor")
@Dependent
public class SsiScoreProcessor implements ItemProcessor {

    @EJB
    SsiScoring scoring;

    @Inject
    @BatchProperty(name = "scoredOn")
    String scoredOn;

    private Baselines baselines;

    @Override
    public Object processItem(Object item) {
        if (baselines == null) {
            var day = LocalDate.parse(scoredOn);
            baselines = scoring.baselines(day).orElseThrow(() -> new IllegalStateException(
                    "no SSI baselines for " + day + ": the baselines step did not run"));
        }
        long t = SsiJobTimings.start();
        var score = SsiModel.score((Features) item, baselines);
        SsiJobTimings.add("score", t);
        return score;
    }
}
