package io.picktartup.operations.boundary;

import io.picktartup.ssi.boundary.SsiScoring;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.time.LocalDate;
import java.util.UUID;

/**
 * Draws the features of the partition's range of startups in the database, in one set-based statement: the figures
 * (three years a startup, every month) never leave it, only one row of features per startup is written.
 */
@Named("ssiFeatureBatchlet")
@Dependent
public class SsiFeatureBatchlet extends AbstractBatchlet {

    @EJB
    SsiScoring scoring;

    @Inject
    @BatchProperty(name = "after")
    String after;

    @Inject
    @BatchProperty(name = "upTo")
    String upTo;

    @Inject
    @BatchProperty(name = "scoredOn")
    String scoredOn;

    @Override
    public String process() {
        long t = SsiJobTimings.start();
        int drawn = scoring.drawFeatures(uuid(after), uuid(upTo), LocalDate.parse(scoredOn), scoring.now());
        SsiJobTimings.add("draw features", t);
        return "DRAWN " + drawn;
    }

    private static UUID uuid(String value) {
        return value == null || value.isBlank() ? null : UUID.fromString(value);
    }
}
