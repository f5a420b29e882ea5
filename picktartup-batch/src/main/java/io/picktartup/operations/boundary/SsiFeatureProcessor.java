package io.picktartup.operations.boundary;

import io.picktartup.ssi.entity.Features;
import io.picktartup.ssi.entity.StartupFacts;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.time.LocalDate;

/** Draws a startup's features from its facts as of the day scored (pure computation, no I/O). */
@Named("ssiFeatureProcessor")
@Dependent
public class SsiFeatureProcessor implements ItemProcessor {

    @Inject
    @BatchProperty(name = "scoredOn")
    String scoredOn;

    private LocalDate day;

    @Override
    public Object processItem(Object item) {
        if (day == null) {
            day = LocalDate.parse(scoredOn);
        }
        long t = SsiJobTimings.start();
        var features = Features.of((StartupFacts) item, day);
        SsiJobTimings.add("features", t);
        return features;
    }
}
