package io.picktartup.coin.entity;

import io.picktartup.wallet.entity.Won;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CoinOrderTest {

    private static final Instant NOW = Instant.parse("2026-11-27T03:00:00Z");
    private static final Won MIN = Won.of(1_000);
    private static final Won MAX = Won.of(5_000_000);

    private static CoinOrder order(long won) {
        return new CoinOrder(java.util.UUID.fromString("00000000-0000-0000-0000-000000000007"), "0x70997970c51812dc3a010c7d01b50e0d17dc79c8", Won.of(won), MIN, MAX, 1_000,
                "pay_abc", NOW);
    }

    @Test
    void anOrderBuysTokensAtTheRateFixedWhenPlaced() {
        var order = order(15_500);
        assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(order.tokens().tokens()).isEqualByComparingTo(new BigDecimal("15.5"));
        assertThat(order.tokens().baseUnits()).isEqualTo(new BigInteger("15500000000000000000"));
        assertThat(order.mintKey().value()).isEqualTo("mint:pay_abc");
    }

    @Test
    void ordersOutsideTheLimitsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> order(999)).isInstanceOf(OrderLimitException.class)
                .satisfies(e -> assertThat(((OrderLimitException) e).violations()).extracting(v -> v.field())
                        .containsExactly("krwAmount"));
        assertThatThrownBy(() -> order(5_000_001)).isInstanceOf(OrderLimitException.class);
        assertThat(order(1_000).status()).isEqualTo(OrderStatus.PENDING);
        assertThat(order(5_000_000).status()).isEqualTo(OrderStatus.PENDING);
    }

    @Test
    void creditedOnceForTheExactAmountOnly() {
        var order = order(10_000);
        assertThatThrownBy(() -> order.credit(Won.of(9_999), "KRW", NOW)).isInstanceOf(PaymentMismatchException.class);
        assertThatThrownBy(() -> order.credit(Won.of(10_000), "USD", NOW)).isInstanceOf(PaymentMismatchException.class);
        assertThat(order.status()).isEqualTo(OrderStatus.PENDING);

        assertThat(order.credit(Won.of(10_000), "KRW", NOW)).isTrue();
        assertThat(order.credit(Won.of(10_000), "KRW", NOW)).isFalse();
        assertThat(order.status()).isEqualTo(OrderStatus.PAID);
        order.minting(NOW);
        assertThat(order.credit(Won.of(10_000), "KRW", NOW)).isFalse();
        assertThat(order.status()).isEqualTo(OrderStatus.MINTING);
    }

    @Test
    void completesWhenTheMintIsFinal() {
        var order = order(10_000);
        order.credit(Won.of(10_000), "KRW", NOW);
        assertThatThrownBy(() -> order.completed("0x1", NOW)).isInstanceOf(IllegalStateException.class);
        order.minting(NOW);
        order.completed("0xabc", NOW);
        order.completed("0xabc", NOW);
        assertThat(order.status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(order.txHash()).contains("0xabc");
    }

    @Test
    void aFailedMintLeadsToTheCardPaymentBeingCancelled() {
        var order = order(10_000);
        order.credit(Won.of(10_000), "KRW", NOW);
        order.minting(NOW);
        order.mintFailed("reverted", NOW);
        assertThat(order.status()).isEqualTo(OrderStatus.FAILED);
        assertThat(order.needsCancellation()).isTrue();
        order.cancelled(NOW);
        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.needsCancellation()).isFalse();
    }

    @Test
    void aDeclinedPaymentFailsWithoutAnythingToCancel() {
        var order = order(10_000);
        order.declined("card declined", NOW);
        assertThat(order.status()).isEqualTo(OrderStatus.FAILED);
        assertThat(order.needsCancellation()).isFalse();
        assertThatThrownBy(() -> order.cancelled(NOW)).isInstanceOf(IllegalStateException.class);
    }
}
