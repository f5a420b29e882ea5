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

    /** The tsquery text for the input; empty when it holds no letter or digit. */
    public static Optional<String> tsquery(String input) {
        var terms = terms(input);
        if (terms.isEmpty()) {
            return Optional.empty();
        }
        var parts = new ArrayList<String>();
        for (var term : terms) {
            parts.add(isHangul(term.codePointAt(0)) ? hangul(term) : term + ":*");
        }
        return Optional.of(String.join(" & ", parts));
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
