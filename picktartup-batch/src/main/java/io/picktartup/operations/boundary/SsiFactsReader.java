package io.picktartup.operations.boundary;

import io.picktartup.ssi.boundary.SsiScoring;
import io.picktartup.ssi.entity.StartupFacts;
import jakarta.batch.api.BatchProperty;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.List;
import java.util.UUID;

/** Reads the facts of the partition's startups: profile, team, figures and funding, five queries per page. */
@Named("ssiFactsReader")
@Dependent
public class SsiFactsReader extends SsiPagingReader<StartupFacts> {

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
    List<StartupFacts> load(UUID after, UUID upTo, int page) {
        long t = SsiJobTimings.start();
        var facts = scoring.facts(after, upTo, page);
        SsiJobTimings.add("read facts", t);
        return facts;
    }

    @Override
    UUID id(StartupFacts item) {
        return item.id();
    }
}
