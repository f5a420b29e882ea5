package io.picktartup.news.entity;

import java.io.Serializable;
import java.util.List;
import java.util.UUID;

/** What one source yielded in one run: its candidate articles and the fetch counts (nothing matched or stored yet). */
public record Harvest(UUID sourceId, String sourceName, List<FoundArticle> articles, CrawlTally fetching)
        implements Serializable {

    public Harvest {
        articles = List.copyOf(articles);
    }
}
