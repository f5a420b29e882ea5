package io.picktartup.startup.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How common the catalogue's words are ({@link TermFrequencies}), read from PostgreSQL's statistics at most every
 * {@value #FRESH_MINUTES} minutes: ANALYZE (autovacuum's) refreshes them as the catalogue changes, and a search only
 * needs to know which words nearly every startup holds.
 */
@ApplicationScoped
public class SearchStatistics {

    static final long FRESH_MINUTES = 5;

    @PersistenceContext
    EntityManager em;

    private record Read(TermFrequencies frequencies, long atNanos) {
    }

    private volatile Read last;

    /** The statistics, read again when older than {@value #FRESH_MINUTES} minutes (a search has no transaction). */
    public TermFrequencies termFrequencies() {
        var read = last;
        if (read == null || System.nanoTime() - read.atNanos() > TimeUnit.MINUTES.toNanos(FRESH_MINUTES)) {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery(TermFrequencies.SQL).getResultList();
            var shares = new HashMap<String, Number>();
            rows.forEach(row -> shares.put((String) row[0], (Number) row[1]));
            read = new Read(TermFrequencies.of(shares), System.nanoTime());
            last = read;
        }
        return read.frequencies();
    }
}
