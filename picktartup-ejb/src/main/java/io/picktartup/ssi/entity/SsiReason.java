package io.picktartup.ssi.entity;

import io.picktartup.platform.entity.Sentence;

import java.util.List;
import java.util.Optional;

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

    private final Sentence sentence;

    SsiReason(String english) {
        this.sentence = new Sentence(english);
    }

    /** The English sentence with its facts, as the model stores it. */
    public String say(Object... facts) {
        return sentence.say(facts);
    }

    /** A reason with the facts it was stated with. */
    public record Stated(SsiReason reason, List<String> facts) {
    }

    /** The reason this stored sentence states, if it is one of the model's. */
    public static Optional<Stated> read(String text) {
        for (var reason : values()) {
            var facts = reason.sentence.read(text);
            if (facts.isPresent()) {
                return Optional.of(new Stated(reason, facts.get()));
            }
        }
        return Optional.empty();
    }
}
