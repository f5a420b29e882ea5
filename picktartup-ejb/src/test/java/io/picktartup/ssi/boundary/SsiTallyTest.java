package io.picktartup.ssi.boundary;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The report's counts: ssi_feature is unlogged, so a run whose database restarted mid-run must not pass as complete. */
class SsiTallyTest {

    @Test
    void aRunThatScoredEveryStartupItDrewIsComplete() {
        var tally = new SsiScoring.Tally(100_000, 94_711, 100_000);
        assertThat(tally.featuresLost()).isFalse();
        assertThat(tally.summary()).isEqualTo("100000 startups, 94711 with enough data");
        // a startup scored now after the features step stores its own features: more features than scores is fine
        assertThat(new SsiScoring.Tally(100_000, 94_711, 100_001).featuresLost()).isFalse();
        assertThat(new SsiScoring.Tally(0, 0, 0).featuresLost()).isFalse();
    }

    @Test
    void fewerFeaturesThanScoresMeansTheUnloggedTableWasEmptiedDuringTheRun() {
        assertThat(new SsiScoring.Tally(100_000, 94_711, 0).featuresLost()).isTrue();
        assertThat(new SsiScoring.Tally(100_000, 94_711, 1).featuresLost()).isTrue();
    }
}
