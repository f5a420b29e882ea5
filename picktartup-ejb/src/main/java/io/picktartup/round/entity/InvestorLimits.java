package io.picktartup.round.entity;

import io.picktartup.account.entity.InvestorCategory;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The yearly investment limits per investor category (Korean online small-investment rules by default: GENERAL
 * ₩5,000,000 per startup and ₩10,000,000 in total per year; QUALIFIED ₩10,000,000 and ₩20,000,000; PROFESSIONAL
 * none). Counted in won at each round's rate, over everything the investor holds or has on its way that year.
 */
public final class InvestorLimits {

    /** One category's limits; an empty limit means none. */
    public record Rule(OptionalLong perStartupKrw, OptionalLong perYearKrw) {
        public Rule {
            Objects.requireNonNull(perStartupKrw);
            Objects.requireNonNull(perYearKrw);
        }
    }

    private final Map<InvestorCategory, Rule> rules;

    public InvestorLimits(Map<InvestorCategory, Rule> rules) {
        this.rules = new EnumMap<>(rules);
        for (var category : InvestorCategory.values()) {
            if (!this.rules.containsKey(category)) {
                throw new IllegalArgumentException("no limit rule for " + category);
            }
        }
    }

    public Rule ruleFor(InvestorCategory category) {
        return rules.get(category);
    }

    /**
     * Refuses {@code requestedKrw} when it does not fit the investor's room: {@code startupSoFarKrw} already in this
     * startup this year, {@code yearSoFarKrw} in all startups this year.
     */
    public void check(InvestorCategory category, long startupSoFarKrw, long yearSoFarKrw, long requestedKrw) {
        var rule = ruleFor(category);
        InvestmentLimitExceededException tightest = null;
        if (rule.perStartupKrw().isPresent() && startupSoFarKrw + requestedKrw > rule.perStartupKrw().getAsLong()) {
            long limit = rule.perStartupKrw().getAsLong();
            tightest = new InvestmentLimitExceededException("per-startup-yearly", limit,
                    Math.max(0, limit - startupSoFarKrw), requestedKrw);
        }
        if (rule.perYearKrw().isPresent() && yearSoFarKrw + requestedKrw > rule.perYearKrw().getAsLong()) {
            long limit = rule.perYearKrw().getAsLong();
            var total = new InvestmentLimitExceededException("yearly-total", limit, Math.max(0, limit - yearSoFarKrw),
                    requestedKrw);
            if (tightest == null || total.remainingKrw() < tightest.remainingKrw()) {
                tightest = total;
            }
        }
        if (tightest != null) {
            throw tightest;
        }
    }
}
