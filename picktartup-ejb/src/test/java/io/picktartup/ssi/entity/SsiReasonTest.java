package io.picktartup.ssi.entity;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A stored reason reads back into the reason and facts it was said with, so a page can say it in Korean. */
class SsiReasonTest {

    @Test
    void everyReasonReadsBackWithItsFacts() {
        assertThat(SsiReason.read(SsiReason.NOT_ENOUGH_DATA.say(1, 3)))
                .hasValue(new SsiReason.Stated(SsiReason.NOT_ENOUGH_DATA, List.of("1", "3")));
        assertThat(SsiReason.read(SsiReason.NO_TEAM.say())).hasValue(new SsiReason.Stated(SsiReason.NO_TEAM, List.of()));
        assertThat(SsiReason.read(SsiReason.FEW_MAU_MONTHS.say(3, 0)))
                .hasValue(new SsiReason.Stated(SsiReason.FEW_MAU_MONTHS, List.of("3", "0")));
        assertThat(SsiReason.read(SsiReason.FEW_INPUTS.say("mau, retention")))
                .hasValue(new SsiReason.Stated(SsiReason.FEW_INPUTS, List.of("mau, retention")));
        // every sentence reads back as its own reason, not as another one
        for (var reason : SsiReason.values()) {
            assertThat(SsiReason.read(reason.say("7", "9")).map(SsiReason.Stated::reason)).hasValue(reason);
        }
        assertThat(SsiReason.read("a sentence the model never says")).isEmpty();
    }

    @Test
    void theModelsReasonsAreSentencesItCanReadBack() {
        // a startup that reported nothing: every pillar unscored, and the index with it
        var nothing = new Features(java.util.UUID.randomUUID(), "fintech", java.time.LocalDate.of(2026, 1, 1), 0, 0, 0, 0,
                false, false, null, null, null, null, null, null, null, null, 0, 0, null, null);
        var score = SsiModel.score(nothing, new Baselines(java.util.Map.of()));
        assertThat(score.reasons()).hasSize(5);
        assertThat(score.reasons()).isNotEmpty().allSatisfy(stored -> {
            String sentence = stored.contains(": ") && !stored.startsWith("not enough")
                    ? stored.substring(stored.indexOf(": ") + 2) : stored;
            assertThat(SsiReason.read(sentence)).as(stored).isPresent();
        });
    }
}
