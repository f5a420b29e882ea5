package io.picktartup.news.entity;

import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * A title as compared for duplicates: Unicode-normalised (NFKC), lower case, with everything but letters and digits
 * removed, so "픽업로지스, 시리즈A 50억 유치" and "픽업로지스 시리즈 A 50억 유치!" are the same. Two headlines are
 * near-identical when the sets of their character bigrams overlap by at least {@link #NEAR_DUPLICATE} (Jaccard): a
 * changed word or two in a long title stays below it, a re-punctuated or re-spaced copy is above it. Bigrams rather
 * than words because Korean titles attach particles to words and space them freely.
 */
public record Headline(String normalised) {

    public static final double NEAR_DUPLICATE = 0.9;

    public static Headline of(String title) {
        String text = Normalizer.normalize(title == null ? "" : title, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        var out = new StringBuilder(text.length());
        text.codePoints().filter(Character::isLetterOrDigit).forEach(out::appendCodePoint);
        return new Headline(out.toString());
    }

    public double similarity(Headline other) {
        if (normalised.equals(other.normalised)) {
            return 1.0;
        }
        Set<String> a = bigrams(normalised);
        Set<String> b = bigrams(other.normalised);
        if (a.isEmpty() || b.isEmpty()) {
            return 0.0;
        }
        int common = 0;
        for (String bigram : a) {
            if (b.contains(bigram)) {
                common++;
            }
        }
        return (double) common / (a.size() + b.size() - common);
    }

    public boolean isNearDuplicateOf(Headline other) {
        return !normalised.isEmpty() && similarity(other) >= NEAR_DUPLICATE;
    }

    private static Set<String> bigrams(String s) {
        var out = new HashSet<String>();
        int[] cps = s.codePoints().toArray();
        for (int i = 0; i + 1 < cps.length; i++) {
            out.add(new String(cps, i, 2));
        }
        return out;
    }
}
