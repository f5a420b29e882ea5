package io.picktartup.news.boundary;

import io.picktartup.news.control.Harvester;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Reads one source (outside any transaction, at the hosts' pace); bad pages are counted in the harvest. */
@Named("newsHarvestProcessor")
@Dependent
public class NewsHarvestProcessor implements ItemProcessor {

    @EJB
    NewsCrawl crawl;

    @Inject
    JobContext job;

    @Override
    public Object processItem(Object item) {
        return crawl.harvest(job.getExecutionId(), (Harvester.Source) item);
    }
}
