package io.picktartup.startup.control;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * How common the search vector's words are: the share of startups holding each of the most common ones, as
 * PostgreSQL's own statistics of the column know them ({@code pg_stats.most_common_elems}, refreshed by ANALYZE, up to
 * ten times the statistics target). A word missing from them is rare. Estimates only: they decide how a search is
 * planned, never what it finds.
 */
public final class TermFrequencies {

    /** The statistics' words and shares, one row each, for {@link #of}. */
    public static final String SQL = """
            select u.e, u.f from pg_stats s,
                   unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) as u(e, f)
            where s.schemaname = current_schema() and s.tablename = 'startup' and s.attname = 'search_vector'
              and u.e is not null""";

    /** No statistics (a new or small catalogue before its first ANALYZE): every word is taken for rare. */
    public static final TermFrequencies NONE = new TermFrequencies(new TreeMap<>());

    private final NavigableMap<String, Double> shares;

    private TermFrequencies(NavigableMap<String, Double> shares) {
        this.shares = shares;
    }

    /** From word → share of startups holding it (0–1). */
    public static TermFrequencies of(Map<String, ? extends Number> shares) {
        var map = new TreeMap<String, Double>();
        shares.forEach((word, share) -> map.put(word, share.doubleValue()));
        return new TermFrequencies(map);
    }

    /** The share of startups holding exactly this word. */
    public double exact(String word) {
        return shares.getOrDefault(word, 0.0);
    }

    /**
     * The share of startups holding a word that starts with this one: at most the sum of the common words' shares
     * (a startup may hold several), capped at 1.
     */
    public double prefix(String start) {
        double sum = 0;
        for (double share : shares.subMap(start, true, start + Character.MAX_VALUE, false).values()) {
            sum += share;
        }
        return Math.min(1, sum);
    }

    public boolean isEmpty() {
        return shares.isEmpty();
    }
}
