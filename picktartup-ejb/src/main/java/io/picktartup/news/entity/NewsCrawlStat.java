package io.picktartup.news.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One line of a crawl's report: what one job execution did with one source. Written once, never changed. */
@Entity
@Table(name = "news_crawl_stat")
public class NewsCrawlStat {

    @Id
    private UUID id;

    @Column(name = "execution_id", nullable = false, updatable = false)
    private long executionId;

    @Column(name = "source_id", updatable = false)
    private UUID sourceId;

    @Column(name = "source_name", nullable = false, updatable = false, length = 120)
    private String sourceName;

    private int fetched;
    private int matched;
    private int stored;
    private int duplicates;
    @Column(name = "skipped_robots")
    private int skippedRobots;
    private int hostile;
    private int failed;

    @Column(name = "recorded_at", nullable = false, updatable = false)
    private Instant recordedAt;

    protected NewsCrawlStat() {
    }

    public NewsCrawlStat(long executionId, UUID sourceId, String sourceName, CrawlTally tally, Instant now) {
        this.id = UUID.randomUUID();
        this.executionId = executionId;
        this.sourceId = sourceId;
        this.sourceName = sourceName;
        this.fetched = tally.fetched();
        this.matched = tally.matched();
        this.stored = tally.stored();
        this.duplicates = tally.duplicates();
        this.skippedRobots = tally.skippedRobots();
        this.hostile = tally.hostile();
        this.failed = tally.failed();
        this.recordedAt = now;
    }

    public long executionId() {
        return executionId;
    }

    public UUID sourceId() {
        return sourceId;
    }

    public String sourceName() {
        return sourceName;
    }

    public Instant recordedAt() {
        return recordedAt;
    }

    public CrawlTally tally() {
        return new CrawlTally(fetched, matched, stored, duplicates, skippedRobots, hostile, failed);
    }
}
