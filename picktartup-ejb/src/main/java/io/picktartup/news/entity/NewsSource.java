package io.picktartup.news.entity;

import io.picktartup.platform.entity.FieldRule;
import io.picktartup.platform.entity.InvalidInputException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Locale;
import java.util.UUID;

/**
 * A place the news crawl reads: a feed or a listing page an admin configured. Immutable once added except for being
 * switched off; an admin removes a source rather than editing it (articles keep the source's name).
 */
@Entity
@Table(name = "news_source")
public class NewsSource {

    public static final int URL_MAX = 2000;
    public static final int NAME_MAX = 120;

    @Id
    private UUID id;

    @Column(nullable = false, length = URL_MAX)
    private String url;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    private SourceKind kind;

    @Column(nullable = false, length = NAME_MAX)
    private String name;

    @Column(nullable = false)
    private boolean enabled;

    @Column(name = "added_by", nullable = false, length = 64)
    private String addedBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    /** Whether a redirect to another host is followed (off unless an admin says so for this source). */
    @Column(name = "redirects_to_other_hosts", nullable = false)
    private boolean redirectsToOtherHosts;

    protected NewsSource() {
    }

    /**
     * A new source; refuses, naming every bad field: a URL that is not an absolute http(s) address, a kind other than
     * RSS, ATOM or HTML, a blank or too long name.
     */
    public static NewsSource configure(String url, String kind, String name, Boolean enabled, String addedBy,
                                       Instant now) {
        return configure(url, kind, name, enabled, false, addedBy, now);
    }

    /** A new source whose redirects to other hosts are followed when {@code redirectsToOtherHosts}. */
    public static NewsSource configure(String url, String kind, String name, Boolean enabled,
                                       boolean redirectsToOtherHosts, String addedBy, Instant now) {
        var problems = new ArrayList<InvalidInputException.Violation>();
        if (url == null || url.isBlank()) {
            problems.add(InvalidInputException.Violation.of("url", FieldRule.IS_REQUIRED));
        } else if (url.strip().length() > URL_MAX) {
            problems.add(InvalidInputException.Violation.of("url", FieldRule.MAX_LENGTH, URL_MAX));
        } else if (!ArticleUrl.isWebAddress(url)) {
            problems.add(InvalidInputException.Violation.of("url", FieldRule.URL));
        }
        SourceKind parsedKind = null;
        try {
            parsedKind = SourceKind.valueOf(String.valueOf(kind).strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(InvalidInputException.Violation.of("kind", FieldRule.ONE_OF, "RSS, ATOM, HTML"));
        }
        if (name == null || name.isBlank()) {
            problems.add(InvalidInputException.Violation.of("name", FieldRule.IS_REQUIRED));
        } else if (name.strip().length() > NAME_MAX) {
            problems.add(InvalidInputException.Violation.of("name", FieldRule.MAX_LENGTH, NAME_MAX));
        }
        InvalidInputException.refuseIfAny(problems);
        var source = new NewsSource();
        source.id = UUID.randomUUID();
        source.url = url.strip();
        source.kind = parsedKind;
        source.name = name.strip();
        source.enabled = enabled == null || enabled;
        source.addedBy = addedBy;
        source.createdAt = now;
        source.redirectsToOtherHosts = redirectsToOtherHosts;
        return source;
    }

    public UUID id() {
        return id;
    }

    public String url() {
        return url;
    }

    public SourceKind kind() {
        return kind;
    }

    public String name() {
        return name;
    }

    public boolean enabled() {
        return enabled;
    }

    public String addedBy() {
        return addedBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public boolean redirectsToOtherHosts() {
        return redirectsToOtherHosts;
    }

    /** How the audit trail shows it. */
    public String describe() {
        return kind + " " + url + " (" + name + (enabled ? "" : ", disabled")
                + (redirectsToOtherHosts ? ", redirects to other hosts followed" : "") + ")";
    }
}
