package io.picktartup.news.boundary;

import io.picktartup.news.control.Harvester;
import io.picktartup.news.control.Web;
import io.picktartup.news.entity.CrawlTally;
import io.picktartup.news.entity.FoundArticle;
import io.picktartup.news.entity.Harvest;
import io.picktartup.news.entity.Headline;
import io.picktartup.news.entity.NewsCrawlStat;
import io.picktartup.news.entity.NewsSource;
import io.picktartup.news.entity.StartupNames;
import io.picktartup.platform.control.Clock;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The news crawl's use cases, called by the news-crawl job: which sources to read, reading one (no transaction: it
 * talks to the web for as long as the politeness rules make it), and filing what it found (one transaction: match
 * to startups, drop duplicates, store, and record the source's line of the run's report).
 */
@Stateless
@PermitAll
public class NewsCrawl {

    /** How far back a startup's titles are compared for near-duplicates. */
    static final Duration TITLE_WINDOW = Duration.ofDays(30);
    static final int TITLE_WINDOW_MAX = 500;

    @PersistenceContext
    EntityManager em;

    @Inject
    Harvester harvester;

    @Inject
    Web web;

    @Inject
    Clock clock;

    /** The enabled sources, oldest first. */
    public List<Harvester.Source> sources() {
        return em.createQuery("select s from NewsSource s where s.enabled = true order by s.createdAt, s.name",
                        NewsSource.class).getResultList().stream()
                .map(s -> new Harvester.Source(s.id(), s.url(), s.kind(), s.name(), s.redirectsToOtherHosts()))
                .toList();
    }

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Harvest harvest(long run, Harvester.Source source) {
        return harvester.harvest(run, source);
    }

    /**
     * Matches each article to the startups it names and stores it once per startup: an article whose normalised URL
     * that startup already has, or whose title is near-identical to one of its titles of the last 30 days, is a
     * duplicate. Returns the source's complete tally, also recorded for the run.
     */
    public CrawlTally file(long run, Harvest harvest) {
        Instant now = clock.now();
        var names = startupNames();
        var recentTitles = new HashMap<UUID, List<Headline>>();
        int matched = 0;
        int stored = 0;
        int duplicates = 0;
        for (FoundArticle article : harvest.articles()) {
            Headline headline = article.headline();
            for (UUID startup : StartupNames.mentioned(names, article.searchable())) {
                matched++;
                var titles = recentTitles.computeIfAbsent(startup, id -> recentTitles(id, now));
                if (titles.stream().anyMatch(headline::isNearDuplicateOf) || !insert(startup, article, harvest, now)) {
                    duplicates++;
                } else {
                    stored++;
                    titles.add(headline);
                }
            }
        }
        var f = harvest.fetching();
        var tally = new CrawlTally(f.fetched(), matched, stored, duplicates, f.skippedRobots(), f.hostile(), f.failed());
        em.persist(new NewsCrawlStat(run, harvest.sourceId(), harvest.sourceName(), tally, now));
        return tally;
    }

    /** The run is over: forget its robots.txt verdicts. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void endRun(long run) {
        web.endRun(run);
    }

    /** The report of the most recent runs, newest first: each run's lines per source. */
    public List<NewsCrawlStat> recentRuns(int runs) {
        List<Long> executions = em.createQuery("select distinct s.executionId from NewsCrawlStat s "
                        + "order by s.executionId desc", Long.class).setMaxResults(Math.max(1, runs)).getResultList();
        if (executions.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select s from NewsCrawlStat s where s.executionId in :executions "
                        + "order by s.executionId desc, s.recordedAt", NewsCrawlStat.class)
                .setParameter("executions", executions).getResultList();
    }

    private List<StartupNames> startupNames() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, name, name_en, aliases from startup").getResultList();
        var names = new ArrayList<StartupNames>(rows.size());
        for (Object[] row : rows) {
            names.add(new StartupNames((UUID) row[0], (String) row[1], (String) row[2], (String) row[3]));
        }
        return names;
    }

    private List<Headline> recentTitles(UUID startup, Instant now) {
        @SuppressWarnings("unchecked")
        List<String> titles = em.createNativeQuery("""
                        select title_normalised from news_article
                        where startup_id = ?1 and fetched_at > ?2 order by fetched_at desc""")
                .setParameter(1, startup).setParameter(2, now.minus(TITLE_WINDOW))
                .setMaxResults(TITLE_WINDOW_MAX).getResultList();
        var out = new ArrayList<Headline>(titles.size());
        titles.forEach(t -> out.add(new Headline(t)));
        return out;
    }

    /** Inserts unless the startup already has the URL (concurrent runs included); true when inserted. */
    private boolean insert(UUID startup, FoundArticle article, Harvest harvest, Instant now) {
        // an undated article gets a literal null: an untyped null parameter may be bound as bytea
        String published = article.publishedAt() == null ? "null" : "?7";
        var insert = em.createNativeQuery("""
                        insert into news_article (id, startup_id, url, title, title_normalised, source_name,
                                                  published_at, summary, fetched_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, %s, ?8, ?9)
                        on conflict (startup_id, url) do nothing""".formatted(published))
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, startup)
                .setParameter(3, article.url())
                .setParameter(4, article.title())
                .setParameter(5, truncate(article.headline().normalised(), 500))
                .setParameter(6, truncate(harvest.sourceName(), 120))
                .setParameter(8, article.summary())
                .setParameter(9, now);
        if (article.publishedAt() != null) {
            insert.setParameter(7, article.publishedAt());
        }
        return insert.executeUpdate() == 1;
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
