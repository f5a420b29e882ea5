package io.picktartup.round.entity;

import io.picktartup.account.entity.InvestorCategory;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InvestorLimitsTest {

    private final InvestorLimits limits = new InvestorLimits(Map.of(
            InvestorCategory.GENERAL, new InvestorLimits.Rule(OptionalLong.of(5_000_000), OptionalLong.of(10_000_000)),
            InvestorCategory.QUALIFIED, new InvestorLimits.Rule(OptionalLong.of(10_000_000), OptionalLong.of(20_000_000)),
            InvestorCategory.PROFESSIONAL, new InvestorLimits.Rule(OptionalLong.empty(), OptionalLong.empty())));

    @Test
    void aGeneralInvestorStaysWithinFiveMillionPerStartupAndTenInTotal() {
        assertThatCode(() -> limits.check(InvestorCategory.GENERAL, 0, 0, 5_000_000)).doesNotThrowAnyException();
        assertThatThrownBy(() -> limits.check(InvestorCategory.GENERAL, 4_000_000, 4_000_000, 1_000_001))
                .isInstanceOf(InvestmentLimitExceededException.class)
                .extracting("limit", "remainingKrw").containsExactly("per-startup-yearly", 1_000_000L);
        assertThatThrownBy(() -> limits.check(InvestorCategory.GENERAL, 0, 9_500_000, 1_000_000))
                .extracting("limit", "remainingKrw").containsExactly("yearly-total", 500_000L);
    }

    @Test
    void theTighterLimitIsTheOneReported() {
        assertThatThrownBy(() -> limits.check(InvestorCategory.GENERAL, 4_800_000, 9_900_000, 300_000))
                .extracting("limit", "remainingKrw").containsExactly("yearly-total", 100_000L);
    }

    @Test
    void qualifiedInvestorsHaveMoreRoomAndProfessionalsNoLimit() {
        assertThatCode(() -> limits.check(InvestorCategory.QUALIFIED, 0, 0, 10_000_000)).doesNotThrowAnyException();
        assertThatThrownBy(() -> limits.check(InvestorCategory.QUALIFIED, 0, 15_000_000, 6_000_000))
                .isInstanceOf(InvestmentLimitExceededException.class);
        assertThatCode(() -> limits.check(InvestorCategory.PROFESSIONAL, 1_000_000_000, 1_000_000_000, 1_000_000_000))
                .doesNotThrowAnyException();
    }
}
