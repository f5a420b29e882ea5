package io.picktartup.operations.boundary;

import io.picktartup.ssi.boundary.SsiScoring;
import io.picktartup.ssi.entity.Features;
import jakarta.batch.api.BatchProperty;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.List;
import java.util.UUID;

/** Reads the partition's startups' features drawn by the features step, one query per page. */
@Named("ssiFeatureReader")
@Dependent
public class SsiFeatureReader extends SsiPagingReader<Features> {

    @EJB
    SsiScoring scoring;

    @Inject
    @BatchProperty(name = "after")
    String after;

    @Inject
    @BatchProperty(name = "upTo")
    String upTo;

    @Inject
    @BatchProperty(name = "page")
    String page;

    @Override
    String after() {
        return after;
    }

    @Override
    String upTo() {
        return upTo;
    }

    @Override
    String page() {
        return page;
    }

    @Override
    List<Features> load(UUID after, UUID upTo, int page) {
        long t = SsiJobTimings.start();
        var features = scoring.features(after, upTo, page);
        SsiJobTimings.add("read features", t);
        return features;
    }

    @Override
    UUID id(Features item) {
        return item.startupId();
    }
}
