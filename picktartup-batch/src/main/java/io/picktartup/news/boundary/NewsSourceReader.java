package io.picktartup.news.boundary;

import io.picktartup.news.control.Harvester;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.List;

/** The enabled news sources, one item each; the checkpoint is how many were read (a restart goes on from there). */
@Named("newsSourceReader")
@Dependent
public class NewsSourceReader extends AbstractItemReader {

    @EJB
    NewsCrawl crawl;

    private List<Harvester.Source> sources;
    private int next;

    @Override
    public void open(Serializable checkpoint) {
        sources = crawl.sources();
        next = checkpoint instanceof Integer position ? Math.min(position, sources.size()) : 0;
    }

    @Override
    public Object readItem() {
        return next < sources.size() ? sources.get(next++) : null;
    }

    @Override
    public Serializable checkpointInfo() {
        return next;
    }
}
