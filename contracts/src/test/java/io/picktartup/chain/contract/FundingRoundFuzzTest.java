package io.picktartup.chain.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Stateful fuzzing of the funding round on its own anvil (see {@link RoundFuzzer}): thousands of random sequences,
 * each checked step by step against a model, shrunk to a minimal failing sequence on failure.
 * <p>
 * Settings (system properties): {@code fuzz.sequences} (default 2000; a bench run takes more), {@code fuzz.seed}
 * (the first sequence's seed, default 20261202; sequence {@code i} uses seed + i), {@code fuzz.length} (most actions
 * per sequence, default 20). A failure prints the seed: {@code -Dfuzz.seed=<seed> -Dfuzz.sequences=1} replays it.
 * The figures ({@code name: value unit}) are printed and written to {@code target/fuzz-report.txt}.
 * <p>
 * Tagged {@code fuzz}: the test command runs it beside the integration tests, not in the build before them (its two
 * minutes held every part back), with {@code -DexcludedGroups=fuzz} there and {@code -Dgroups=fuzz} in its own part.
 */
@Tag("fuzz")
class FundingRoundFuzzTest {

    private static final int SEQUENCES = Integer.getInteger("fuzz.sequences", 2000);
    private static final long SEED = Long.getLong("fuzz.seed", 20261202L);
    private static final int MAX_LENGTH = Integer.getInteger("fuzz.length", 20);
    private static final int SHRINK_BUDGET = 400;

    private static Chain chain;
    private static RoundFuzzer fuzzer;
    private static final Map<String, String> REPORT = new LinkedHashMap<>();

    @BeforeAll
    static void start() {
        // an anvil of its own: the fuzzer fixes the block interval and reverts to its snapshot thousands of times
        chain = new Chain(Anvil.start(false));
        fuzzer = new RoundFuzzer(chain);
    }

    @AfterAll
    static void stop() throws IOException {
        try {
            fuzzer.close();
        } finally {
            chain.close();
        }
        StringBuilder out = new StringBuilder();
        REPORT.forEach((name, value) -> out.append(name).append(": ").append(value).append('\n'));
        System.out.print(out);
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            Files.writeString(target.resolve("fuzz-report.txt"), out);
        }
    }

    @Test
    void randomSequencesKeepEveryInvariantOfTheRound() {
        long sequencesBefore = fuzzer.sequencesRun;
        long stepsBefore = fuzzer.stepsRun;
        long depositsBefore = fuzzer.depositsSeen;
        long skipsBefore = fuzzer.skipsSeen;
        long refundsBefore = fuzzer.refundsSeen;
        long sweepsBefore = fuzzer.sweepsSeen;
        int[] finalStatus = new int[4];
        long start = System.nanoTime();
        for (int i = 0; i < SEQUENCES; i++) {
            RoundFuzzer.Sequence sequence = fuzzer.generate(SEED + i, MAX_LENGTH);
            Optional<RoundFuzzer.Failure> failure = fuzzer.run(sequence.round(), sequence.actions(), null);
            if (failure.isPresent()) {
                throw new AssertionError(describe(sequence, failure.get(), null));
            }
            finalStatus[fuzzer.lastStatus]++;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long sequences = fuzzer.sequencesRun - sequencesBefore;
        long steps = fuzzer.stepsRun - stepsBefore;
        REPORT.put("fuzz.sequences", sequences + " sequences (seeds " + SEED + ".." + (SEED + SEQUENCES - 1) + ")");
        REPORT.put("fuzz.steps", steps + " steps");
        REPORT.put("fuzz.seconds", String.format("%.1f s", seconds));
        REPORT.put("fuzz.sequencesPerSecond", String.format("%.1f sequences/s", sequences / seconds));
        REPORT.put("fuzz.stepsPerSecond", String.format("%.0f steps/s", steps / seconds));
        REPORT.put("fuzz.endedFunding", finalStatus[0] + " sequences");
        REPORT.put("fuzz.endedSucceeded", finalStatus[1] + " sequences");
        REPORT.put("fuzz.endedFailed", finalStatus[2] + " sequences");
        REPORT.put("fuzz.endedReleased", finalStatus[3] + " sequences");
        long refunds = fuzzer.refundsSeen - refundsBefore;
        long sweeps = fuzzer.sweepsSeen - sweepsBefore;
        long skips = fuzzer.skipsSeen - skipsBefore;
        REPORT.put("fuzz.refundsChecked", refunds + " refunds");
        REPORT.put("fuzz.sweepsChecked", sweeps + " sweeps");
        REPORT.put("fuzz.depositsChecked", (fuzzer.depositsSeen - depositsBefore) + " deposits (" + skips
                + " batch items skipped)");

        assertThat(steps).as("steps run").isGreaterThanOrEqualTo(3L * SEQUENCES);
        if (SEQUENCES >= 200) {
            // the generator reaches every end of a round, so the settlement rules were exercised, not just deposits
            for (int status = 0; status < 4; status++) {
                assertThat(finalStatus[status]).as("sequences ending in status " + status)
                        .isGreaterThanOrEqualTo(SEQUENCES / 100);
            }
            assertThat(refunds).isPositive();
            assertThat(sweeps).isPositive();
            assertThat(skips).isPositive();
        }
    }

    /**
     * The shrinker at work on a planted property that the contract rightly breaks ("nobody is ever refunded"): the
     * search finds a sequence that violates it, and shrinking leaves the four actions it takes: a deposit, the time
     * past the deadline, the finalisation (failed) and a refund.
     */
    @Test
    void theShrinkerReducesAViolationToItsMinimalSequence() {
        RoundFuzzer.Property noRefunds = (model, action) -> {
            for (int i = 0; i < RoundFuzzer.INVESTORS; i++) {
                if (model.refundsOf(i) > 0) {
                    return "inv" + i + " was refunded";
                }
            }
            return null;
        };
        RoundFuzzer.Sequence found = null;
        RoundFuzzer.Failure failure = null;
        for (int i = 0; i < 1000 && found == null; i++) {
            RoundFuzzer.Sequence sequence = fuzzer.generate(SEED + 1_000_000 + i, MAX_LENGTH);
            Optional<RoundFuzzer.Failure> f = fuzzer.run(sequence.round(), sequence.actions(), noRefunds);
            if (f.isPresent()) {
                found = sequence;
                failure = f.get();
            }
        }
        assertThat(found).as("a sequence that refunds someone, within 1000 tries").isNotNull();

        RoundFuzzer.Shrunk shrunk = fuzzer.shrink(found.round(), found.actions(), failure, noRefunds, SHRINK_BUDGET);
        System.out.println(describe(found, failure, shrunk));
        REPORT.put("fuzz.shrink.example", found.actions().size() + " → " + shrunk.actions().size() + " actions in "
                + shrunk.replays() + " replays");
        List<String> kinds = new ArrayList<>();
        for (RoundFuzzer.Action action : shrunk.actions()) {
            kinds.add(action.getClass().getSimpleName());
        }
        assertThat(shrunk.actions()).hasSize(4);
        assertThat(kinds.get(0)).isIn("Deposit", "Batch", "FrontRunDeposit");
        assertThat(kinds.subList(1, 4)).containsExactly("Advance", "Finalize", kinds.get(3));
        assertThat(kinds.get(3)).isIn("Claim", "RefundBatch");
        // the minimal sequence fails again, at its last step: a deterministic replay
        Optional<RoundFuzzer.Failure> again = fuzzer.run(found.round(), shrunk.actions(), noRefunds);
        assertThat(again).isPresent();
        assertThat(again.get().step()).isEqualTo(3);
        assertThat(fuzzer.run(found.round(), shrunk.actions(), null)).as("and keeps the contract's own rules")
                .isEmpty();
    }

    private String describe(RoundFuzzer.Sequence sequence, RoundFuzzer.Failure failure, RoundFuzzer.Shrunk given) {
        RoundFuzzer.Shrunk shrunk = given != null ? given
                : fuzzer.shrink(sequence.round(), sequence.actions(), failure, null, SHRINK_BUDGET);
        return "fuzz failure, seed " + sequence.seed() + " (round " + sequence.round() + "), at step " + failure.step()
                + " of " + sequence.actions().size() + ": " + failure.message()
                + "\nminimal sequence (" + shrunk.actions().size() + " actions, " + shrunk.replays() + " replays), "
                + "failing with: " + shrunk.failure().message() + "\n  "
                + shrunk.actions().stream().map(Object::toString).collect(Collectors.joining("\n  "))
                + "\nreplay: -Dfuzz.seed=" + sequence.seed() + " -Dfuzz.sequences=1";
    }
}
