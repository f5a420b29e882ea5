package io.picktartup.round.entity;

import io.picktartup.wallet.entity.TokenAmount;
import io.picktartup.platform.entity.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FundingRoundTest {

    private static final Instant NOW = Instant.parse("2026-11-27T00:00:00Z");

    private static FundingRound.Draft draft(Instant deadline) {
        return new FundingRound.Draft("Seed", pkn("1000"), pkn("2000"), pkn("10"), 10_000L, 3_000_000_000L, deadline,
                "Common shares");
    }

    private static TokenAmount pkn(String tokens) {
        return TokenAmount.ofTokens(new BigDecimal(tokens));
    }

    private static FundingRound open(Instant deadline) {
        var round = new FundingRound(UUID.randomUUID(), UUID.randomUUID(), draft(deadline), 1_000, "0x01",
                UUID.randomUUID(), NOW);
        round.opening("0x0000000000000000000000000000000000000001", NOW);
        round.opened("0xabc", NOW);
        return round;
    }

    @Test
    void aDraftNamesEveryInvalidField() {
        var bad = new FundingRound.Draft(" ", pkn("0"), pkn("5"), pkn("10"), 333L, 0L, NOW.plus(Duration.ofHours(47)), "");
        assertThat(bad.problems(NOW, 1_000)).extracting(InvalidInputException.Violation::field)
                .contains("name", "goal", "minInvestment", "pricePerShareKrw", "preMoneyValuationKrw", "deadline", "terms");
        assertThat(draft(NOW.plus(Duration.ofDays(3))).problems(NOW, 1_000)).isEmpty();
    }

    @Test
    void aQuoteBuysWholeSharesAtTheRoundsRate() {
        var round = open(NOW.plus(Duration.ofDays(10)));
        var quote = round.quote(pkn("120"), NOW);
        assertThat(quote.amountKrw()).isEqualTo(120_000);
        assertThat(quote.shares()).isEqualTo(12);
        assertThat(round.pricePerShare()).isEqualTo(pkn("10"));
        assertThatThrownBy(() -> round.quote(pkn("15"), NOW)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("whole shares");
        assertThatThrownBy(() -> round.quote(pkn("5"), NOW)).isInstanceOf(RoundRefusedException.class)
                .extracting("code").isEqualTo("round.below-minimum");
    }

    @Test
    void pastItsDeadlineARoundIsClosedAndTakesNothing() {
        var round = open(NOW.plus(Duration.ofDays(3)));
        var later = NOW.plus(Duration.ofDays(3));
        assertThat(round.statusAt(later)).isEqualTo(FundingRound.Status.CLOSED);
        assertThatThrownBy(() -> round.quote(pkn("10"), later)).isInstanceOf(RoundRefusedException.class)
                .extracting("code").isEqualTo("round.closed");
        assertThat(round.cancelCutoff()).isEqualTo(NOW.plus(Duration.ofDays(1)));
    }

    @Test
    void aRoundIsOpenOnlyWhileOpenAndBeforeItsDeadline() {
        var deadline = NOW.plus(Duration.ofDays(3));
        var round = open(deadline);
        assertThat(round.isOpenAt(deadline.minusNanos(1000))).isTrue();
        assertThat(round.isOpenAt(deadline)).isFalse();
        assertThat(round.statusAt(deadline.minusNanos(1000))).isEqualTo(FundingRound.Status.OPEN);
        // stored as OPEN until the settlement closes it; open for nobody meanwhile
        assertThat(round.status()).isEqualTo(FundingRound.Status.OPEN);
        var draft = new FundingRound(UUID.randomUUID(), UUID.randomUUID(), draft(deadline), 1_000, "0x01",
                UUID.randomUUID(), NOW);
        assertThat(draft.isOpenAt(NOW)).isFalse();
        assertThat(FundingRound.OPEN_AT).contains("r.deadline > :now");
    }

    @Test
    void onlyADraftOpensAndAFailedOpeningGoesBackToDraft() {
        var round = new FundingRound(UUID.randomUUID(), UUID.randomUUID(), draft(NOW.plus(Duration.ofDays(3))), 1_000,
                "0x01", UUID.randomUUID(), NOW);
        round.opening("0x0000000000000000000000000000000000000001", NOW);
        assertThatThrownBy(() -> round.opening("0x0000000000000000000000000000000000000001", NOW))
                .isInstanceOf(RoundRefusedException.class);
        round.openFailed("InvalidRoundParameters()");
        assertThat(round.status()).isEqualTo(FundingRound.Status.DRAFT);
        assertThat(round.failure()).hasValue("InvalidRoundParameters()");
        assertThatThrownBy(() -> round.opening("0x0000000000000000000000000000000000000001",
                NOW.plus(Duration.ofDays(2)))).extracting("code").isEqualTo("round.deadline-too-close");
    }
}
