package io.picktartup.news.entity;

import java.io.Serializable;

/**
 * What a crawl did with a source (or a whole run, summed). fetched = articles read (feed entries, article pages);
 * matched = (article, startup) pairs found, each either stored or a duplicate; skippedRobots = pages robots.txt
 * forbade (never requested); hostile = responses too big, too slow, malformed or of an unexpected type; failed = HTTP
 * errors and unreachable hosts.
 */
public record CrawlTally(int fetched, int matched, int stored, int duplicates, int skippedRobots, int hostile,
                         int failed) implements Serializable {

    public static final CrawlTally NONE = new CrawlTally(0, 0, 0, 0, 0, 0, 0);

    public CrawlTally plus(CrawlTally o) {
        return new CrawlTally(fetched + o.fetched, matched + o.matched, stored + o.stored, duplicates + o.duplicates,
                skippedRobots + o.skippedRobots, hostile + o.hostile, failed + o.failed);
    }

    /** As the job's exit status shows it. */
    public String summary() {
        return "fetched " + fetched + ", matched " + matched + ", stored " + stored + ", duplicates " + duplicates
                + ", skipped by robots " + skippedRobots + ", hostile " + hostile + ", failed " + failed;
    }
}
