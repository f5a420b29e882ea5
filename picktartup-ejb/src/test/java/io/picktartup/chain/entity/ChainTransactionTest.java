package io.picktartup.chain.entity;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The outbox row's lifecycle around a reorganisation: dropped from its block, it goes out again; final is final. */
class ChainTransactionTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    private static final String TO = "0x5fbdb2315678afecb367f032d93f642f64180aa3";

    private static ChainTransaction minedInBlock(long block) {
        var transaction = new ChainTransaction("mint:0xabc", "mint", "0x70997970c51812dc3a010c7d01b50e0d17dc79c8", TO,
                "0x1234", BigInteger.valueOf(100_000), NOW);
        transaction.signed(BigInteger.valueOf(7), BigInteger.TEN, "0xaaa", NOW);
        transaction.sent(NOW);
        transaction.mined("0xaaa", block, BigInteger.valueOf(50_000), NOW);
        return transaction;
    }

    @Test
    void theTimesAReceiptPassWritesFollowTheLifecycle() {
        var transaction = minedInBlock(40);
        assertThat(transaction.minedAt()).contains(NOW);
        assertThat(transaction.confirmedAt()).isEmpty();

        transaction.unmined("0xaaa", NOW.plusSeconds(1));
        assertThat(transaction.minedAt()).isEmpty(); // written back as null by the set-based statement

        transaction.sent(NOW.plusSeconds(2));
        transaction.mined("0xaaa", 41, BigInteger.valueOf(50_000), NOW.plusSeconds(3));
        transaction.confirmed(NOW.plusSeconds(4));
        assertThat(transaction.minedAt()).contains(NOW.plusSeconds(3));
        assertThat(transaction.confirmedAt()).contains(NOW.plusSeconds(4));
        assertThat(transaction.updatedAt()).isEqualTo(NOW.plusSeconds(4));
    }

    @Test
    void aTransactionWhoseBlockIsReorganisedAwayIsSignedAgainWithItsNonceAndBytes() {
        var transaction = minedInBlock(40);
        transaction.unmined("0xaaa", NOW.plusSeconds(1));

        assertThat(transaction.status()).isEqualTo(ChainTransactionStatus.SIGNED); // the broadcast step sends it again
        assertThat(transaction.nonce()).contains(BigInteger.valueOf(7));
        assertThat(transaction.txHash()).contains("0xaaa");
        assertThat(transaction.blockNumber()).isEmpty();
        assertThat(transaction.attempts()).isEqualTo(1);

        transaction.sent(NOW.plusSeconds(2));
        transaction.mined("0xaaa", 42, BigInteger.valueOf(50_000), NOW.plusSeconds(3));
        assertThat(transaction.blockNumber()).contains(42L);
    }

    @Test
    void aCarriedTransactionWhoseCarrierIsReorganisedAwayGoesOutAsTheRelayersOwnAttempt() {
        var transaction = new ChainTransaction("cash-out:1", "cash-out", "0x70997970c51812dc3a010c7d01b50e0d17dc79c8",
                TO, "0x1234", BigInteger.valueOf(100_000), NOW);
        transaction.signed(BigInteger.ONE, BigInteger.TEN, "0xown", NOW);
        transaction.sent(NOW);
        transaction.carriedBy("0xcarrier", 12, BigInteger.valueOf(30_000), NOW);
        assertThat(transaction.txHash()).contains("0xcarrier");

        transaction.unmined("0xown", NOW);
        assertThat(transaction.txHash()).contains("0xown");
        assertThat(transaction.status()).isEqualTo(ChainTransactionStatus.SIGNED);
    }

    @Test
    void aReceiptInAnotherBlockMovesWhereFinalityCountsFrom() {
        var transaction = minedInBlock(40);
        transaction.movedTo(41, NOW);
        assertThat(transaction.blockNumber()).contains(41L);
        assertThat(transaction.status()).isEqualTo(ChainTransactionStatus.MINED);
    }

    @Test
    void aConfirmedTransactionNeverGoesBack() {
        var transaction = minedInBlock(40);
        transaction.confirmed(NOW);
        assertThatThrownBy(() -> transaction.unmined("0xaaa", NOW)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> transaction.movedTo(41, NOW)).isInstanceOf(IllegalStateException.class);
        assertThat(transaction.status()).isEqualTo(ChainTransactionStatus.CONFIRMED);
    }

    private static final String RELAYER = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";

    private static ChainTransaction persisted(ChainTransaction transaction, long id) throws Exception {
        var field = ChainTransaction.class.getDeclaredField("id");
        field.setAccessible(true);
        field.set(transaction, id);
        return transaction;
    }

    @Test
    void aBatchedDepositFollowsItsBatchAndEndsWithItsOwnOutcome() throws Exception {
        var batch = persisted(new ChainTransaction("round-deposit-batch:" + TO + ":1", "round-deposit-batch", RELAYER,
                TO, "0x1234", BigInteger.valueOf(400_000), NOW), 9);
        var delivered = new ChainTransaction("round-deposit:a", "round-deposit", RELAYER, TO, "0x12",
                BigInteger.valueOf(220_000), NOW);
        var skipped = new ChainTransaction("round-deposit:b", "round-deposit", RELAYER, TO, "0x13",
                BigInteger.valueOf(220_000), NOW);
        delivered.batchedIn(batch, NOW);
        skipped.batchedIn(batch, NOW);
        assertThat(batch.isCarrier()).isTrue();
        assertThat(delivered.isCarrier()).isFalse();
        assertThat(delivered.status()).isEqualTo(ChainTransactionStatus.BATCHED);
        assertThat(delivered.status().isOpen()).isTrue();
        assertThat(delivered.carrierId()).contains(9L);
        assertThat(delivered.nonce()).isEmpty(); // the nonce is the batch's

        delivered.deliveredBy("0xbbb", 44, NOW.plusSeconds(5));
        skipped.failed("skipped in deposit batch 0xbbb: ERC20InsufficientBalance", NOW.plusSeconds(5));
        assertThat(delivered.status()).isEqualTo(ChainTransactionStatus.CONFIRMED);
        assertThat(delivered.txHash()).contains("0xbbb");
        assertThat(delivered.blockNumber()).contains(44L);
        assertThat(skipped.status()).isEqualTo(ChainTransactionStatus.FAILED);
        // final is final: no second outcome, no second batch
        assertThatThrownBy(() -> delivered.deliveredBy("0xccc", 45, NOW)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> skipped.failed("again", NOW)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> delivered.batchedIn(batch, NOW)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void onlyADepositGoesIntoABatchOfItsOwnEscrow() throws Exception {
        var batch = persisted(new ChainTransaction("round-deposit-batch:" + TO + ":1", "round-deposit-batch", RELAYER,
                TO, "0x1234", BigInteger.valueOf(400_000), NOW), 9);
        var mint = new ChainTransaction("mint:0x1", "mint", RELAYER, TO, "0x12", BigInteger.TEN, NOW);
        var elsewhere = new ChainTransaction("round-deposit:c", "round-deposit", RELAYER,
                "0xe7f1725e7734ce288f8367e1bb143e90bb3f0512", "0x12", BigInteger.TEN, NOW);
        var unsaved = new ChainTransaction("round-deposit-batch:x", "round-deposit-batch", RELAYER, TO, "0x12",
                BigInteger.TEN, NOW);
        var deposit = new ChainTransaction("round-deposit:d", "round-deposit", RELAYER, TO, "0x12", BigInteger.TEN, NOW);
        assertThatThrownBy(() -> mint.batchedIn(batch, NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> elsewhere.batchedIn(batch, NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> deposit.batchedIn(unsaved, NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThat(deposit.status()).isEqualTo(ChainTransactionStatus.QUEUED);
    }
}
