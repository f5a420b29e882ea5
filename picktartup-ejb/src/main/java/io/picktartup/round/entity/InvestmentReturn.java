package io.picktartup.round.entity;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.EnumSet;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What an investment's shares are worth now against what was paid for them: the current value per share (an admin's
 * valuation of the startup, else the price per share of its latest priced round) and the return in percent, with two
 * decimals (half-even). Only an investment that holds its shares, or whose deposit is on its way, has one: a
 * reservation has bought nothing yet, and one that ended (cancelled, refunded…) holds nothing.
 */
public record InvestmentReturn(long currentPricePerShareKrw, BigDecimal percent) {

    /** The investments that hold (or are about to hold) their shares. */
    private static final Set<Investment.Status> SHAREHOLDING = EnumSet.of(Investment.Status.PENDING,
            Investment.Status.CONFIRMED);

    /**
     * The return of an investment in {@code status} that paid {@code paidPerShareKrw} a share; none while nothing
     * values the company ({@code currentPerShareKrw} empty).
     */
    public static Optional<InvestmentReturn> of(Investment.Status status, long paidPerShareKrw,
                                                OptionalLong currentPerShareKrw) {
        if (!SHAREHOLDING.contains(status) || currentPerShareKrw.isEmpty() || paidPerShareKrw <= 0) {
            return Optional.empty();
        }
        long current = currentPerShareKrw.getAsLong();
        var percent = BigDecimal.valueOf(current).subtract(BigDecimal.valueOf(paidPerShareKrw))
                .multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(paidPerShareKrw), 2, RoundingMode.HALF_EVEN);
        return Optional.of(new InvestmentReturn(current, percent));
    }

    /** The return of this investment at this value per share. */
    public static Optional<InvestmentReturn> of(Investment investment, FundingRound round,
                                                OptionalLong currentPerShareKrw) {
        return of(investment.status(), round.pricePerShareKrw(), currentPerShareKrw);
    }
}
