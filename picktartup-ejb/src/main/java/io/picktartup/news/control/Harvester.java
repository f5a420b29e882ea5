package io.picktartup.news.control;

import io.picktartup.news.entity.CrawlTally;
import io.picktartup.news.entity.FoundArticle;
import io.picktartup.news.entity.Harvest;
import io.picktartup.news.entity.SourceKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads one source through the {@link Web}: a feed's entries, or a listing page's articles one page at a time. Every
 * page that cannot be read is counted by why (robots, hostile, failed) and the source goes on with the next page;
 * nothing here throws for a bad page.
 */
@ApplicationScoped
public class Harvester {

    private static final Logger LOG = Logger.getLogger(Harvester.class.getName());

    @Inject
    Web web;

    @Inject
    NewsSettings settings;

    public Harvester() {
    }

    /** Outside the container (tests). */
    public Harvester(Web web, NewsSettings settings) {
        this.web = web;
        this.settings = settings;
    }

    /** A source as the crawl sees it. */
    public record Source(UUID id, String url, SourceKind kind, String name, boolean redirectsToOtherHosts)
            implements java.io.Serializable {
    }

    public Harvest harvest(long run, Source source) {
        var counts = new Counts();
        var articles = new ArrayList<FoundArticle>();
        URI uri;
        try {
            uri = URI.create(source.url());
        } catch (IllegalArgumentException e) {
            counts.failed++;
            return counts.harvest(source, articles);
        }
        try {
            if (source.kind().isFeed()) {
                var page = web.fetch(run, uri, Web.Expect.FEED, source.redirectsToOtherHosts());
                try {
                    var entries = Feeds.read(page.uri(), page.body(), page.contentType());
                    counts.fetched += entries.size();
                    articles.addAll(entries);
                } catch (Feeds.Malformed e) {
                    counts.hostile++;
                    LOG.info(() -> "News source " + source.name() + ": " + e.getMessage());
                }
            } else {
                var listing = web.fetch(run, uri, Web.Expect.HTML, source.redirectsToOtherHosts());
                List<URI> links = HtmlPages.articleLinks(listing.uri(), listing.body(), listing.charset(),
                        settings.maxArticlesPerPage());
                for (URI link : links) {
                    try {
                        var page = web.fetch(run, link, Web.Expect.HTML, source.redirectsToOtherHosts());
                        var article = HtmlPages.article(page.uri(), page.body(), page.charset());
                        if (article.isPresent()) {
                            counts.fetched++;
                            articles.add(article.get());
                        } else {
                            counts.hostile++; // no title: not an article page
                        }
                    } catch (Web.Refused refused) {
                        counts.count(refused, source);
                    }
                }
            }
        } catch (Web.Refused refused) {
            counts.count(refused, source);
        } catch (RuntimeException unexpected) {
            // a parser bug or an unforeseen page must not stop the other sources: counted, logged, moved on
            counts.failed++;
            LOG.log(Level.WARNING, "News source " + source.name() + " failed unexpectedly", unexpected);
        }
        return counts.harvest(source, articles);
    }

    private static final class Counts {
        int fetched;
        int robots;
        int hostile;
        int failed;

        void count(Web.Refused refused, Source source) {
            switch (refused.reason().category) {
                case ROBOTS -> robots++;
                case HOSTILE -> hostile++;
                case FAILED -> failed++;
            }
            LOG.info(() -> "News source " + source.name() + ": skipped " + refused.getMessage());
        }

        Harvest harvest(Source source, List<FoundArticle> articles) {
            return new Harvest(source.id(), source.name(), articles,
                    new CrawlTally(fetched, 0, 0, 0, robots, hostile, failed));
        }
    }
}
