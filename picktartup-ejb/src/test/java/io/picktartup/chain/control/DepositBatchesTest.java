package io.picktartup.chain.control;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Which queued deposits go together in one depositBatch, and that the batch carries exactly the deposits as they were
 * signed and stored (the same bytes the contract's own encoding gives).
 */
class DepositBatchesTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(1);
    private static final String A = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
    private static final String B = "0xe7f1725e7734ce288f8367e1bb143e90bb3f0512";

    private static DepositBatches.Queued q(long id, String escrow, long millisAgo) {
        return new DepositBatches.Queued(id, escrow, NOW.minusMillis(millisAgo));
    }

    @Test
    void depositsOfOneEscrowGoTogetherOnceTheOldestHasWaited() {
        var due = DepositBatches.due(List.of(q(1, A, 1500), q(2, A, 800), q(3, A, 10)), 50, WAIT, NOW);
        assertThat(due).hasSize(1);
        assertThat(due.get(0)).extracting(DepositBatches.Queued::id).containsExactly(1L, 2L, 3L);
    }

    @Test
    void depositsWaitForOthersUntilTheWaitIsOverOrTheBatchIsFull() {
        assertThat(DepositBatches.due(List.of(q(1, A, 900), q(2, A, 100)), 50, WAIT, NOW)).isEmpty();
        // full: goes at once, however young
        var full = DepositBatches.due(List.of(q(1, A, 5), q(2, A, 4), q(3, A, 3)), 3, WAIT, NOW);
        assertThat(full).hasSize(1);
        assertThat(full.get(0)).hasSize(3);
    }

    @Test
    void escrowsNeverShareABatchAndAFullChunkGoesWhileTheRestWaits() {
        var due = DepositBatches.due(List.of(q(1, A, 2000), q(2, B, 2000), q(3, A, 10), q(4, A, 10), q(5, A, 10),
                q(6, B.toUpperCase().replace("0X", "0x"), 10)), 2, WAIT, NOW);
        // A: [1, 3] full and old, [4, 5] full; B: [2, 6] full
        assertThat(due).extracting(chunk -> chunk.stream().map(DepositBatches.Queued::id).toList())
                .containsExactly(List.of(1L, 3L), List.of(4L, 5L), List.of(2L, 6L));
        var young = DepositBatches.due(List.of(q(1, A, 2000), q(3, A, 10), q(4, A, 10)), 2, WAIT, NOW);
        assertThat(young).extracting(chunk -> chunk.stream().map(DepositBatches.Queued::id).toList())
                .containsExactly(List.of(1L, 3L)); // [4] is alone and young: it waits for company
    }

    @Test
    void aBatchSizeOfOneSendsEveryDepositAtOnceAlone() {
        var due = DepositBatches.due(List.of(q(2, A, 0), q(1, A, 0)), 1, WAIT, NOW);
        assertThat(due).extracting(chunk -> chunk.get(0).id()).containsExactly(1L, 2L);
        assertThatThrownBy(() -> DepositBatches.due(List.of(), 0, WAIT, NOW)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Seeded random queues: whatever arrives, the grouping keeps its rules. */
    @Test
    void groupingRulesHoldForRandomQueues() {
        var random = new Random(20261202L);
        for (int run = 0; run < 500; run++) {
            int size = 1 + random.nextInt(6);
            var escrows = List.of(A, B, "0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0");
            var queued = new ArrayList<DepositBatches.Queued>();
            int count = random.nextInt(30);
            for (int i = 0; i < count; i++) {
                queued.add(q(i + 1, escrows.get(random.nextInt(escrows.size())), random.nextInt(3000)));
            }
            var due = DepositBatches.due(queued, size, WAIT, NOW);
            var seen = new HashSet<Long>();
            for (var chunk : due) {
                assertThat(chunk).isNotEmpty().hasSizeLessThanOrEqualTo(size);
                assertThat(chunk.stream().map(c -> c.escrow().toLowerCase()).distinct()).hasSize(1);
                assertThat(chunk.stream().map(DepositBatches.Queued::id).toList()).isSorted();
                boolean waited = chunk.stream().anyMatch(c -> !c.createdAt().plus(WAIT).isAfter(NOW));
                assertThat(chunk.size() == size || waited).as("a partial batch goes only once one of it waited").isTrue();
                chunk.forEach(c -> assertThat(seen.add(c.id())).as("deposit %d in two batches", c.id()).isTrue());
            }
            // nothing that waited long enough is left behind
            queued.stream().filter(c -> !c.createdAt().plus(WAIT).isAfter(NOW))
                    .forEach(c -> assertThat(seen).as("run %d, size %d", 0, size).contains(c.id()));
        }
    }

    private static RoundCalls.Deposit deposit(int seed) {
        var random = new Random(seed);
        byte[] terms = new byte[32];
        byte[] r = new byte[32];
        byte[] s = new byte[32];
        random.nextBytes(terms);
        random.nextBytes(r);
        random.nextBytes(s);
        String investor = "0x" + String.format("%040x", new BigInteger(159, random));
        return new RoundCalls.Deposit(investor, BigInteger.TEN.pow(18).multiply(BigInteger.valueOf(seed + 1)), terms,
                BigInteger.valueOf(seed % 3), BigInteger.valueOf(1_800_000_000L + seed), 27 + seed % 2, r, s);
    }

    @Test
    void theBatchCarriesTheStoredDepositCallsExactlyAsTheContractEncodesThem() {
        var calls = new RoundCalls();
        var deposits = List.of(deposit(1), deposit(2), deposit(3));
        var stored = deposits.stream().map(calls::deposit).toList();
        assertThat(stored).allMatch(DepositBatches::isDeposit);
        assertThat(DepositBatches.batchCallData(stored)).isEqualTo(calls.depositBatch(deposits));
        assertThatThrownBy(() -> DepositBatches.batchCallData(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DepositBatches.batchCallData(List.of(stored.get(0), calls.finalizeRound())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(DepositBatches.isDeposit(calls.cancel(deposits.get(0).investor(), BigInteger.ONE, BigInteger.TEN, 27,
                new byte[32], new byte[32]))).isFalse();
    }

    @Test
    void anItemIsKnownByItsInvestorAndConsentNonce() {
        var d = deposit(4);
        var item = DepositBatches.item(new RoundCalls().deposit(d));
        assertThat(item.investor()).isEqualTo(d.investor().toLowerCase());
        assertThat(item.amount()).isEqualTo(d.amount());
        assertThat(item.nonce()).isEqualTo(d.nonce());
        assertThat(item.termsHash()).isEqualTo(org.web3j.utils.Numeric.toHexString(d.termsHash()));
    }

    @Test
    void theGasLimitCoversEveryItemAndTheLargestBatchFitsThePerTransactionCap() {
        assertThat(DepositBatches.gasLimit(DepositBatches.MAX_SIZE)).isLessThan(BigInteger.TWO.pow(24));
        // each item gets a first-time permit+deposit's measured 138 k with a margin
        assertThat(DepositBatches.gasLimit(50).subtract(DepositBatches.gasLimit(49))).isGreaterThan(BigInteger.valueOf(138_000));
    }
}
