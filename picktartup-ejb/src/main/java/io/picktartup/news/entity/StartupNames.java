package io.picktartup.news.entity;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names a startup goes by in the press, and whether a text mentions it. The terms are its name, its English
 * name and its aliases (comma-separated); a parenthesised part is a term of its own ("픽업로지스 (PickupLogis)" is
 * both "픽업로지스" and "PickupLogis"). Matching ignores case and runs of whitespace.
 * <ul>
 * <li>A term with Hangul matches as a substring: Korean attaches particles to names ("픽업로지스는", "픽업로지스가"), so
 * word boundaries would miss most mentions. The price: a short Korean name inside a longer word also matches.</li>
 * <li>Any other term matches as a whole word: not preceded or followed by a Latin letter or a digit. "Toss" does not
 * match "Tossed" or "TossPay", but does match "Toss's", "(Toss)" and "Toss는" (a Korean particle after an English
 * name).</li>
 * <li>Terms shorter than two characters are ignored: they would match nearly everything.</li>
 * </ul>
 */
public final class StartupNames {

    private static final Pattern PARENTHESISED = Pattern.compile("[(\\[（]([^)\\]）]*)[)\\]）]");
    private static final Pattern HANGUL = Pattern.compile("[\\p{IsHangul}]");
    private static final Pattern LATIN_WORD = Pattern.compile("[a-z0-9]+");

    private final UUID startupId;
    private final List<String> substrings = new ArrayList<>();
    private final List<Pattern> words = new ArrayList<>();
    /** Per word pattern, its first word: a text without that word cannot match (a cheap test before the regex). */
    private final List<String> firstWords = new ArrayList<>();
    private final Set<String> terms;

    public StartupNames(UUID startupId, String name, String nameEn, String aliases) {
        this.startupId = startupId;
        var all = new LinkedHashSet<String>();
        addTerms(all, name);
        addTerms(all, nameEn);
        if (aliases != null) {
            for (String alias : aliases.split(",")) {
                addTerms(all, alias);
            }
        }
        this.terms = Set.copyOf(all);
        for (String term : all) {
            if (HANGUL.matcher(term).find()) {
                substrings.add(term);
            } else {
                words.add(Pattern.compile("(?<![a-z0-9])" + Pattern.quote(term) + "(?![a-z0-9])"));
                firstWords.add(LATIN_WORD.matcher(term).results().map(MatchResult::group).findFirst().orElse(""));
            }
        }
    }

    public UUID startupId() {
        return startupId;
    }

    /** The terms searched for, canonical (lower case, single spaces). */
    public Set<String> terms() {
        return terms;
    }

    /** Whether the text (already passed through {@link #canonical(String)}) mentions the startup. */
    public boolean mentionedIn(String canonicalText) {
        return mentionedIn(new Text(canonicalText));
    }

    private boolean mentionedIn(Text text) {
        for (String term : substrings) {
            if (text.canonical.contains(term)) {
                return true;
            }
        }
        for (int i = 0; i < words.size(); i++) {
            String first = firstWords.get(i);
            if ((first.isEmpty() || text.latinWords.contains(first)) && words.get(i).matcher(text.canonical).find()) {
                return true;
            }
        }
        return false;
    }

    /** Every startup in {@code names} that {@code text} mentions. */
    public static List<UUID> mentioned(List<StartupNames> names, String text) {
        var prepared = new Text(canonical(text));
        return names.stream().filter(n -> n.mentionedIn(prepared)).map(StartupNames::startupId).toList();
    }

    /** A text ready for matching many names: canonical, and the set of its Latin words. */
    private static final class Text {
        final String canonical;
        final Set<String> latinWords;

        Text(String canonical) {
            this.canonical = canonical;
            this.latinWords = LATIN_WORD.matcher(canonical).results().map(MatchResult::group)
                    .collect(java.util.stream.Collectors.toSet());
        }
    }

    /** NFKC, lower case, whitespace runs as one space: how texts and terms are compared. */
    public static String canonical(String text) {
        if (text == null) {
            return "";
        }
        return Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
                .replaceAll("[\\s\\u00a0]+", " ").strip();
    }

    private static void addTerms(Set<String> into, String raw) {
        if (raw == null || raw.isBlank()) {
            return;
        }
        Matcher inner = PARENTHESISED.matcher(raw);
        while (inner.find()) {
            addTerm(into, inner.group(1));
        }
        addTerm(into, PARENTHESISED.matcher(raw).replaceAll(" "));
    }

    private static void addTerm(Set<String> into, String raw) {
        String term = canonical(raw);
        if (term.codePointCount(0, term.length()) >= 2) {
            into.add(term);
        }
    }
}
