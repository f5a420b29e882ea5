package io.picktartup.startup.control;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns what a user types into the search box into a PostgreSQL {@code tsquery} (configuration 'simple') that matches
 * the way the startup search vector is built (migration V15): every word as it is, plus every Hangul word as its
 * overlapping two-syllable pieces, in order.
 * <ul>
 * <li>a Hangul fragment of two syllables is its bigram; a longer one is a word prefix or a phrase of its bigrams
 * ("핀테크" → {@code 핀테크:* | 핀테 <-> 테크}), which finds it anywhere inside a word ("간편송금" is found by "송금"
 * and by "편송금"), the cheap prefix first;</li>
 * <li>a single syllable, and any other word (English, digits), becomes a prefix ({@code fin:*}), so a partial word
 * typed from its start is found;</li>
 * <li>every term must match (AND); nothing but letters and digits reaches the query text, so no input can break
 * the query's syntax.</li>
 * </ul>
 */
public final class SearchTerms {

    public static final int MAX_TERMS = 8;
    public static final int MAX_TERM_LENGTH = 40;

    private SearchTerms() {
    }

    /**
     * A term held by at least this share of the catalogue, beside a term at least {@value #COMMON_OVER_RAREST} times
     * rarer, is checked on the rows the rarer terms found rather than looked up in the index; when every term is held
     * by at least this share, none is looked up: the rows are read in the table's order and checked, until enough
     * are found (the index would collect every posting of the whole catalogue first).
     */
    public static final double COMMON = 0.5;
    public static final int COMMON_OVER_RAREST = 4;

    /** The tsquery text for the input; empty when it holds no letter or digit. */
    public static Optional<String> tsquery(String input) {
        return plan(input, TermFrequencies.NONE).map(Plan::whole);
    }

    /**
     * How a search finds its matches: {@code whole}, every term (for ranking); {@code indexed}, the terms the GIN index
     * looks up (empty when every term is near-universal); {@code checked}, the near-universal ones, if any, checked on
     * the rows the index found (or on every row read, when nothing is looked up). A GIN index
     * collects every posting of a prefix term ({@code tools:*}) before it ANDs them: for a word nearly every startup
     * holds that is the whole catalogue, while checking it on the few hundred rows a rarer term found costs little.
     * The same matches either way (every term must match).
     */
    public record Plan(String whole, String indexed, Optional<String> checked) {
    }

    /** The input's plan, given how common the catalogue's words are; empty when it holds no letter or digit. */
    public static Optional<Plan> plan(String input, TermFrequencies frequencies) {
        var terms = terms(input);
        if (terms.isEmpty()) {
            return Optional.empty();
        }
        double rarest = 1;
        var shares = new double[terms.size()];
        for (int i = 0; i < terms.size(); i++) {
            shares[i] = share(terms.get(i), frequencies);
            rarest = Math.min(rarest, shares[i]);
        }
        var all = new ArrayList<String>();
        var indexed = new ArrayList<String>();
        var checked = new ArrayList<String>();
        for (int i = 0; i < terms.size(); i++) {
            String part = part(terms.get(i));
            all.add(part);
            boolean nearUniversal = shares[i] >= COMMON
                    && (shares[i] >= COMMON_OVER_RAREST * rarest || rarest >= COMMON);
            (nearUniversal ? checked : indexed).add(part);
        }
        return Optional.of(new Plan(String.join(" & ", all), String.join(" & ", indexed),
                checked.isEmpty() ? Optional.empty() : Optional.of(String.join(" & ", checked))));
    }

    private static String part(String term) {
        return isHangul(term.codePointAt(0)) ? hangul(term) : term + ":*";
    }

    /** The estimated share of startups a term's part of the query matches (see {@link #hangul}). */
    static double share(String term, TermFrequencies frequencies) {
        if (!isHangul(term.codePointAt(0)) || term.length() == 1) {
            return frequencies.prefix(term);
        }
        if (term.length() == 2) {
            return frequencies.exact(term);
        }
        double phrase = 1;
        for (int i = 0; i + 2 <= term.length(); i++) {
            phrase = Math.min(phrase, frequencies.exact(term.substring(i, i + 2)));
        }
        return Math.min(1, frequencies.prefix(term) + phrase);
    }

    /** The input split into runs of one script (Hangul or not) of letters and digits, lower-cased, bounded. */
    static List<String> terms(String input) {
        var terms = new ArrayList<String>();
        if (input == null) {
            return terms;
        }
        // NFKC: a Hangul syllable typed as jamo (macOS file names, some IMEs) becomes the syllable the index holds
        String text = Normalizer.normalize(input, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        var run = new StringBuilder();
        Boolean runHangul = null;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            boolean word = Character.isLetterOrDigit(cp);
            boolean hangul = word && isHangul(cp);
            if (!word || (runHangul != null && runHangul != hangul)) {
                flush(terms, run);
                runHangul = null;
            }
            if (word) {
                run.appendCodePoint(cp);
                runHangul = hangul;
            }
        }
        flush(terms, run);
        return terms.size() > MAX_TERMS ? terms.subList(0, MAX_TERMS) : terms;
    }

    private static void flush(List<String> terms, StringBuilder run) {
        if (!run.isEmpty()) {
            String term = run.toString();
            if (term.codePointCount(0, term.length()) > MAX_TERM_LENGTH) {
                term = term.substring(0, term.offsetByCodePoints(0, MAX_TERM_LENGTH));
            }
            if (!terms.contains(term)) {
                terms.add(term);
            }
            run.setLength(0);
        }
    }

    private static String hangul(String term) {
        int length = term.length(); // Hangul syllables are single UTF-16 units
        if (length == 1) {
            return term + ":*";
        }
        var bigrams = new ArrayList<String>();
        for (int i = 0; i + 2 <= length; i++) {
            bigrams.add(term.substring(i, i + 2));
        }
        if (bigrams.size() == 1) {
            return bigrams.get(0);
        }
        // a word that starts with the fragment is found by the prefix alone; the phrase of bigrams, which must check
        // positions row by row, is then only evaluated for rows where the fragment sits inside a word
        return "(" + term + ":* | " + String.join(" <-> ", bigrams) + ")";
    }

    /** Hangul syllables, the only script the index splits into bigrams (V15's {@code [가-힣]}). */
    static boolean isHangul(int codePoint) {
        return codePoint >= 0xAC00 && codePoint <= 0xD7A3;
    }
}
