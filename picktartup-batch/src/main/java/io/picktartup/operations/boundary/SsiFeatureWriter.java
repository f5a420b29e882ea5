package io.picktartup.operations.boundary;

import io.picktartup.ssi.boundary.SsiScoring;
import io.picktartup.ssi.entity.Features;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;

import java.util.List;

/** Stores a chunk's features in one multi-row statement. */
@Named("ssiFeatureWriter")
@Dependent
public class SsiFeatureWriter extends AbstractItemWriter {

    @EJB
    SsiScoring scoring;

    @Override
    public void writeItems(List<Object> items) {
        long t = SsiJobTimings.start();
        scoring.storeFeatures(items.stream().map(Features.class::cast).toList(), scoring.now());
        SsiJobTimings.add("write features", t);
    }
}
