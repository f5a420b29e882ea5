package io.picktartup.operations.boundary;

import io.picktartup.ssi.boundary.SsiScoring;
import io.picktartup.ssi.entity.SsiScore;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.time.LocalDate;
import java.util.List;

/** Upserts a chunk's scores (the day's row per startup) and copies each overall to its startup: two statements. */
@Named("ssiScoreWriter")
@Dependent
public class SsiScoreWriter extends AbstractItemWriter {

    @EJB
    SsiScoring scoring;

    @Inject
    @BatchProperty(name = "scoredOn")
    String scoredOn;

    @Override
    public void writeItems(List<Object> items) {
        var scores = items.stream().map(SsiScore.class::cast).toList();
        var now = scoring.now();
        long t = SsiJobTimings.start();
        scoring.fileScores(scores, LocalDate.parse(scoredOn), now);
        SsiJobTimings.add("file scores", t);
        t = SsiJobTimings.start();
        scoring.copyOveralls(scores, now);
        SsiJobTimings.add("copy to startups", t);
    }
}
