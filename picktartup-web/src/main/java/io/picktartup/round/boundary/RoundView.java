package io.picktartup.round.boundary;

import io.picktartup.round.entity.FundingRound;

import java.time.Instant;

/** A round with its live progress: raised, investors, percent of the goal, time left. Amounts in PKN. */
public record RoundView(String id, String startupId, String startupName, String name, String status, String goal,
                        String hardCap, String minInvestment, long pricePerShareKrw, String pricePerSharePkn,
                        long preMoneyValuationKrw, long wonPerToken, Instant deadline, Instant cancelCutoff,
                        String terms, String contractAddress, String raised, String committed, int percentOfGoal,
                        long investors, long secondsLeft, String openTxHash, String failure) {

    public static RoundView of(Rounds.RoundView v) {
        FundingRound r = v.round();
        return new RoundView(r.id().toString(), r.startupId().toString(), v.startup().name(), r.name(),
                v.status().name(), plain(r.goal()), plain(r.hardCap()), plain(r.minInvestment()), r.pricePerShareKrw(),
                plain(r.pricePerShare()), r.preMoneyValuationKrw(), r.wonPerToken(), r.deadline(), r.cancelCutoff(),
                r.terms(), r.contractAddress().orElse(null), plain(r.raised()), plain(r.committed()),
                r.percentOfGoal(), v.investors(), v.timeLeft().toSeconds(), r.openTxHash().orElse(null),
                r.failure().orElse(null));
    }

    static String plain(io.picktartup.wallet.entity.TokenAmount amount) {
        return amount.tokens().toPlainString();
    }
}
