package io.picktartup.news.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * An article about one startup (an article naming two startups is stored once for each). Written only by the news
 * crawl, with an insert that ignores a (startup, normalised URL) already stored, so concurrent or repeated runs never
 * store it twice; never updated.
 */
@Entity
@Table(name = "news_article")
public class NewsArticle {

    @Id
    private UUID id;

    @Column(name = "startup_id", nullable = false, updatable = false)
    private UUID startupId;

    @Column(nullable = false, updatable = false, length = 2000)
    private String url;

    @Column(nullable = false, updatable = false, length = 500)
    private String title;

    @Column(name = "source_name", nullable = false, updatable = false, length = 120)
    private String sourceName;

    @Column(name = "published_at", updatable = false)
    private Instant publishedAt;

    @Column(nullable = false, updatable = false, length = 500)
    private String summary;

    @Column(name = "fetched_at", nullable = false, updatable = false)
    private Instant fetchedAt;

    protected NewsArticle() {
    }

    public UUID id() {
        return id;
    }

    public UUID startupId() {
        return startupId;
    }

    public String url() {
        return url;
    }

    public String title() {
        return title;
    }

    public String sourceName() {
        return sourceName;
    }

    public Instant publishedAt() {
        return publishedAt;
    }

    public String summary() {
        return summary;
    }

    public Instant fetchedAt() {
        return fetchedAt;
    }
}
