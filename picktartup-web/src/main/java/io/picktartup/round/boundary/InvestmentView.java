package io.picktartup.round.boundary;

import io.picktartup.round.entity.Investment;

import java.time.Instant;

/** An investment as its investor (or the startup's CEO, or an admin) sees it. */
public record InvestmentView(String id, String roundId, String roundName, String startupName, String roundStatus,
                             String investorAddress, String amount, long amountKrw, long shares, String status,
                             Instant reservedUntil, String termsHash, String depositTxHash, String cancelTxHash,
                             String failure, Instant createdAt, Instant confirmedAt, Instant endedAt,
                             String document) {

    public static InvestmentView of(Investing.Holding h) {
        Investment i = h.investment();
        return new InvestmentView(i.id().toString(), i.roundId().toString(), h.round().name(), h.startup().name(),
                h.round().status().name(), i.investorAddress(), RoundView.plain(i.amount()), i.amountKrw(), i.shares(),
                i.status().name(), i.reservedUntil(), i.termsHash().orElse(null), i.depositTxHash().orElse(null),
                i.cancelTxHash().orElse(null), i.failure().orElse(null), i.createdAt(), i.confirmedAt().orElse(null),
                i.endedAt().orElse(null), "/api/investments/" + i.id() + "/document");
    }
}
