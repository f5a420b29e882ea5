package io.picktartup.round.control;

import io.picktartup.account.entity.InvestorCategory;
import io.picktartup.round.entity.InvestorLimits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Investing settings (MicroProfile Config; see README): the investor limit rule set by category (0 = no limit), how
 * long a reservation holds room while the investor reads the contract, and how long a signature stays valid.
 */
@ApplicationScoped
public class RoundSettings {

    @Inject
    @ConfigProperty(name = "picktartup.limits.general.per-startup-krw", defaultValue = "5000000")
    long generalPerStartup;

    @Inject
    @ConfigProperty(name = "picktartup.limits.general.per-year-krw", defaultValue = "10000000")
    long generalPerYear;

    @Inject
    @ConfigProperty(name = "picktartup.limits.qualified.per-startup-krw", defaultValue = "10000000")
    long qualifiedPerStartup;

    @Inject
    @ConfigProperty(name = "picktartup.limits.qualified.per-year-krw", defaultValue = "20000000")
    long qualifiedPerYear;

    @Inject
    @ConfigProperty(name = "picktartup.limits.professional.per-startup-krw", defaultValue = "0")
    long professionalPerStartup;

    @Inject
    @ConfigProperty(name = "picktartup.limits.professional.per-year-krw", defaultValue = "0")
    long professionalPerYear;

    @Inject
    @ConfigProperty(name = "picktartup.investment.reservation-minutes", defaultValue = "15")
    long reservationMinutes;

    @Inject
    @ConfigProperty(name = "picktartup.investment.signature-validity-minutes", defaultValue = "60")
    long signatureValidityMinutes;

    public InvestorLimits limits() {
        return new InvestorLimits(Map.of(
                InvestorCategory.GENERAL, rule(generalPerStartup, generalPerYear),
                InvestorCategory.QUALIFIED, rule(qualifiedPerStartup, qualifiedPerYear),
                InvestorCategory.PROFESSIONAL, rule(professionalPerStartup, professionalPerYear)));
    }

    private static InvestorLimits.Rule rule(long perStartup, long perYear) {
        return new InvestorLimits.Rule(perStartup > 0 ? OptionalLong.of(perStartup) : OptionalLong.empty(),
                perYear > 0 ? OptionalLong.of(perYear) : OptionalLong.empty());
    }

    public Duration reservation() {
        return Duration.ofMinutes(Math.max(1, reservationMinutes));
    }

    public Duration signatureValidity() {
        return Duration.ofMinutes(Math.max(5, signatureValidityMinutes));
    }
}
