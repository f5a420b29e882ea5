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
}
