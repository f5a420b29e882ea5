package io.picktartup.platform.entity;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An English sentence with facts in it ({@code %s}), as the domain stores and the API answers it, that a page can
 * read back into its facts to say it in the reader's language. Stored sentences outlive code changes, so the
 * sentence is the record and the facts are read from it, rather than the other way round.
 */
public final class Sentence {

    private final String english;
    private final Pattern pattern;

    public Sentence(String english) {
        this.english = english;
        var regex = new StringBuilder("^");
        String[] parts = english.split("%s", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append("(.+?)");
            }
            regex.append(Pattern.quote(parts[i]));
        }
        this.pattern = Pattern.compile(regex.append('$').toString(), Pattern.DOTALL);
    }

    /** The sentence with its facts. */
    public String say(Object... facts) {
        return String.format(english, facts);
    }

    /** The facts, when {@code text} is this sentence. */
    public Optional<List<String>> read(String text) {
        Matcher m = pattern.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        var facts = new ArrayList<String>();
        for (int i = 1; i <= m.groupCount(); i++) {
            facts.add(m.group(i));
        }
        return Optional.of(List.copyOf(facts));
    }
}
