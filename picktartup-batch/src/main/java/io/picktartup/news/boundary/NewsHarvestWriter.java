package io.picktartup.news.boundary;

import io.picktartup.news.entity.CrawlTally;
import io.picktartup.news.entity.Harvest;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.List;
import java.util.logging.Logger;

/**
 * Files each source's harvest in the chunk's transaction, sums the tallies, and leaves the sum as the job's exit
 * status ("sources 5: fetched 12, matched 9, stored 6, duplicates 3, …") when the step ends.
 */
@Named("newsHarvestWriter")
@Dependent
public class NewsHarvestWriter extends AbstractItemWriter {

    private static final Logger LOG = Logger.getLogger(NewsHarvestWriter.class.getName());

    @EJB
    NewsCrawl crawl;

    @Inject
    JobContext job;

    @Inject
    StepContext step;

    private CrawlTally total = CrawlTally.NONE;
    private int sources;

    @Override
    public void writeItems(List<Object> items) {
        for (Object item : items) {
            total = total.plus(crawl.file(job.getExecutionId(), (Harvest) item));
            sources++;
        }
    }

    @Override
    public void close() {
        crawl.endRun(job.getExecutionId());
        String summary = "sources " + sources + ": " + total.summary();
        LOG.info(() -> "News crawl " + job.getExecutionId() + ": " + summary);
        job.setExitStatus(summary);
        step.setExitStatus(summary);
    }
}
