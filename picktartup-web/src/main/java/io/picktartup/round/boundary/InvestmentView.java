package io.picktartup.round.boundary;

import io.picktartup.round.entity.FundingRound;
import io.picktartup.round.entity.Investment;
import io.picktartup.round.entity.InvestmentReturn;

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

    /** With the return ({@link InvestmentReturn}) at the current value per share, if something values the company. */
    public static InvestmentView of(Investments.Holding h, java.util.OptionalLong currentPricePerShareKrw) {
        Investment i = h.investment();
        long paid = h.round().pricePerShareKrw();
        var valued = InvestmentReturn.of(i, h.round(), currentPricePerShareKrw);
        Long current = valued.map(InvestmentReturn::currentPricePerShareKrw).orElse(null);
        String rate = valued.map(r -> r.percent().toPlainString()).orElse(null);
        return new InvestmentView(i.id().toString(), i.roundId().toString(), h.round().name(), h.startup().name(),
                h.roundStatus().name(), i.investorAddress(), RoundView.plain(i.amount()), i.amountKrw(), i.shares(),
                i.status().name(), i.reservedUntil(), i.termsHash().orElse(null), i.depositTxHash().orElse(null),
                i.cancelTxHash().orElse(null), i.failure().orElse(null), i.createdAt(), i.confirmedAt().orElse(null),
                i.endedAt().orElse(null), "/api/investments/" + i.id() + "/document", h.round().percentOfGoal(),
                paid, current, rate, i.refundTxHash().orElse(null),
                h.round().status() == FundingRound.Status.RELEASED
                        ? h.round().settleTxHash().orElse(null) : null);
    }
}
