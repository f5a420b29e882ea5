package io.picktartup.round.entity;

import org.junit.jupiter.api.Test;

import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class InvestmentReturnTest {

    @Test
    void theReturnIsTheCurrentValueAgainstThePricePaidInPercent() {
        var up = InvestmentReturn.of(Investment.Status.CONFIRMED, 10_000, OptionalLong.of(15_000)).orElseThrow();
        assertThat(up.currentPricePerShareKrw()).isEqualTo(15_000);
        assertThat(up.percent()).isEqualByComparingTo("50.00");
        assertThat(up.percent().toPlainString()).isEqualTo("50.00");
        assertThat(InvestmentReturn.of(Investment.Status.PENDING, 10_000, OptionalLong.of(7_500)).orElseThrow()
                .percent().toPlainString()).isEqualTo("-25.00");
        // two decimals, half-even: 1/3 → 33.33, 1/8 → 12.50 exactly
        assertThat(InvestmentReturn.of(Investment.Status.CONFIRMED, 3, OptionalLong.of(4)).orElseThrow().percent()
                .toPlainString()).isEqualTo("33.33");
        assertThat(InvestmentReturn.of(Investment.Status.CONFIRMED, 8, OptionalLong.of(9)).orElseThrow().percent()
                .toPlainString()).isEqualTo("12.50");
        assertThat(InvestmentReturn.of(Investment.Status.CONFIRMED, 10_000, OptionalLong.of(10_000)).orElseThrow()
                .percent().toPlainString()).isEqualTo("0.00");
    }

    @Test
    void onlyAnInvestmentHoldingItsSharesHasAReturnAndOnlyWhenSomethingValuesTheCompany() {
        for (var status : Investment.Status.values()) {
            boolean holds = status == Investment.Status.PENDING || status == Investment.Status.CONFIRMED;
            assertThat(InvestmentReturn.of(status, 10_000, OptionalLong.of(20_000))).as(status.name())
                    .matches(r -> r.isPresent() == holds);
        }
        assertThat(InvestmentReturn.of(Investment.Status.CONFIRMED, 10_000, OptionalLong.empty())).isEmpty();
    }
}
