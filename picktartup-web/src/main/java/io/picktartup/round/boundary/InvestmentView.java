package io.picktartup.round.boundary;

import io.picktartup.round.entity.Investment;

import java.time.Instant;

/** An investment as its investor (or the startup's CEO, or an admin) sees it. */
public record InvestmentView(String id, String roundId, String roundName, String startupName, String roundStatus,
                             String investorAddress, String amount, long amountKrw, long shares, String status,
                             Instant reservedUntil, String termsHash, String depositTxHash, String cancelTxHash,
                             String failure, Instant createdAt, Instant confirmedAt, Instant endedAt,
                             String document, int roundPercentOfGoal, long pricePerShareKrw,
                             Long currentPricePerShareKrw, String returnRatePercent, String refundTxHash,
                             String releaseTxHash) {

    public static InvestmentView of(Investments.Holding h) {
        return of(h, java.util.OptionalLong.empty());
    }

    /**
     * With the return: the current value per share (the startup's latest round's price) against the price paid; none
     * for an investment that ended (cancelled, refunded…) or while no later round priced the company.
     */
    public static InvestmentView of(Investments.Holding h, java.util.OptionalLong currentPricePerShareKrw) {
        Investment i = h.investment();
        long paid = h.round().pricePerShareKrw();
        boolean held = i.status() == Investment.Status.CONFIRMED || i.status() == Investment.Status.PENDING;
        Long current = held && currentPricePerShareKrw.isPresent() ? currentPricePerShareKrw.getAsLong() : null;
        String rate = current == null ? null : new java.math.BigDecimal(current - paid).multiply(java.math.BigDecimal.valueOf(100))
                .divide(java.math.BigDecimal.valueOf(paid), 2, java.math.RoundingMode.HALF_EVEN).toPlainString();
        return new InvestmentView(i.id().toString(), i.roundId().toString(), h.round().name(), h.startup().name(),
                h.round().status().name(), i.investorAddress(), RoundView.plain(i.amount()), i.amountKrw(), i.shares(),
                i.status().name(), i.reservedUntil(), i.termsHash().orElse(null), i.depositTxHash().orElse(null),
                i.cancelTxHash().orElse(null), i.failure().orElse(null), i.createdAt(), i.confirmedAt().orElse(null),
                i.endedAt().orElse(null), "/api/investments/" + i.id() + "/document", h.round().percentOfGoal(),
                paid, current, rate, i.refundTxHash().orElse(null),
                h.round().status() == io.picktartup.round.entity.FundingRound.Status.RELEASED
                        ? h.round().settleTxHash().orElse(null) : null);
    }
}
