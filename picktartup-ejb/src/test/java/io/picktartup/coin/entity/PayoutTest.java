package io.picktartup.coin.entity;

import io.picktartup.wallet.entity.TokenAmount;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A payout's attempts: a doubling wait, given up after the last one, refused for good at once, wiped when done. */
class PayoutTest {

    private static final Instant T0 = Instant.parse("2026-12-02T00:00:00Z");
    private static final Duration BASE = Duration.ofSeconds(60);

    private static Payout payable() {
        var bank = new BankAccount("090", "3333-01-2345678", "김투자");
        var cashOut = new CashOut(UUID.randomUUID(), "0x0000000000000000000000000000000000000001",
                TokenAmount.ofTokens(new BigDecimal("4.5")), 1000, bank, T0);
        var payout = new Payout(cashOut, bank, "M202600001UABCDEFGH1", "김투자", T0);
        assertThat(payout.isDue(T0)).isFalse();
        payout.payable(T0);
        return payout;
    }

    @Test
    void anAttemptThatLearnsNothingWaitsTwiceAsLongEachTimeThenIsGivenUp() {
        var payout = payable();
        assertThat(payout.isDue(T0)).isTrue();
        assertThat(payout.attemptFailed("503", T0, 3, BASE)).isFalse();
        assertThat(payout.nextAttemptAt()).contains(T0.plusSeconds(60));
        assertThat(payout.isDue(T0.plusSeconds(59))).isFalse();
        assertThat(payout.isDue(T0.plusSeconds(60))).isTrue();
        assertThat(payout.attemptFailed("timeout", T0.plusSeconds(60), 3, BASE)).isFalse();
        assertThat(payout.nextAttemptAt()).contains(T0.plusSeconds(180));
        assertThat(payout.attemptFailed("503", T0.plusSeconds(180), 3, BASE)).isTrue();
        assertThat(payout.status()).isEqualTo(Payout.Status.RETURNING);
        assertThat(payout.attempts()).isEqualTo(3);
        assertThat(payout.isDue(T0.plus(Duration.ofDays(1)))).isFalse();
        assertThat(payout.lastError()).contains("503");
        assertThat(payout.requestId()).isEqualTo("M202600001UABCDEFGH1");
    }

    @Test
    void aRefusalIsFinalAndTheReturnWipesTheAccountNumber() {
        var payout = payable();
        payout.refused("822 name check failed", T0);
        assertThat(payout.status()).isEqualTo(Payout.Status.RETURNING);
        assertThatThrownBy(() -> payout.paid("ref", T0)).isInstanceOf(IllegalStateException.class);
        payout.returned(T0);
        assertThat(payout.status()).isEqualTo(Payout.Status.RETURNED);
        assertThatThrownBy(payout::bankAccount).isNotNull(); // no number kept: it can no longer be paid anywhere
    }

    @Test
    void aPaidPayoutCountsItsAttemptAndIsNeverTriedAgain() {
        var payout = payable();
        payout.paid("api-tran-1", T0);
        assertThat(payout.status()).isEqualTo(Payout.Status.PAID);
        assertThat(payout.attempts()).isEqualTo(1);
        assertThat(payout.isDue(T0.plusSeconds(3600))).isFalse();
        assertThatThrownBy(() -> payout.attemptFailed("late", T0, 3, BASE)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void holderNamesCompareAsABanksNameCheckDoes() {
        assertThat(HolderName.same("김 투자", "김투자")).isTrue();
        assertThat(HolderName.same("TEST  INVESTOR", "Test Investor")).isTrue();
        assertThat(HolderName.same("Kim Tu. Ja", "kim tuja")).isTrue();
        assertThat(HolderName.same("박타인", "김투자")).isFalse();
        assertThat(HolderName.same("", "")).isFalse();
        assertThat(HolderName.same(null, "김투자")).isFalse();
    }
}
