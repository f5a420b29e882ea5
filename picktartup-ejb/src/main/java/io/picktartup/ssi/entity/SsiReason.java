package io.picktartup.ssi.entity;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why the model did not score a pillar or the index. The stored score and the API keep the English sentence (scores
 * already stored say it too); a page reads the sentence back into its reason and facts ({@link #read}) and says it in
 * the reader's language ({@code ssi.reason.<name>} in the page bundles, facts as {@code {0}}, {@code {1}}…).
 */
public enum SsiReason {
    NOT_ENOUGH_DATA("not enough data: %s of 4 pillars scored, %s needed"),
    NO_TEAM("no team members listed"),
    FEW_MAU_MONTHS("fewer than %s months of MAU (%s)"),
    NO_FUNDING("no funding history (no outside round, no Picktartup round)"),
    FEW_REVENUE_MONTHS("fewer than %s months of revenue (%s)"),
    FEW_INPUTS("too few measurable inputs (missing %s)");

    private final String english;
    private final Pattern pattern;

    SsiReason(String english) {
        this.english = english;
        var regex = new StringBuilder("^");
        for (String part : english.split("%s", -1)) {
            if (regex.length() > 1) {
                regex.append("(.+?)");
            }
            regex.append(Pattern.quote(part));
        }
        this.pattern = Pattern.compile(regex.append('$').toString());
    }

    /** The English sentence with its facts, as the model stores it. */
    public String say(Object... facts) {
        return String.format(english, facts);
    }

    /** A reason with the facts it was stated with. */
    public record Stated(SsiReason reason, List<String> facts) {
    }

    /** The reason this stored sentence states, if it is one of the model's. */
    public static Optional<Stated> read(String sentence) {
        for (var reason : values()) {
            Matcher m = reason.pattern.matcher(sentence);
            if (m.matches()) {
                var facts = new ArrayList<String>();
                for (int i = 1; i <= m.groupCount(); i++) {
                    facts.add(m.group(i));
                }
                return Optional.of(new Stated(reason, List.copyOf(facts)));
            }
        }
        return Optional.empty();
    }
}
