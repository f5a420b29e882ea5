package io.picktartup.startup.boundary;

import io.picktartup.startup.entity.ExternalRound;
import io.picktartup.startup.entity.Figure;
import io.picktartup.startup.entity.Startup;
import io.picktartup.startup.entity.TeamMember;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Everything an investor reads about one startup, in one consistent read: the profile, the team in order, the
 * monthly figures oldest first, and its funding history (its public rounds on Picktartup and the rounds it raised
 * outside), newest first.
 */
public record StartupDetail(Startup startup, List<TeamMember> team, List<Figure.Month> figures,
                            List<Funding> fundingHistory) {

    /**
     * One round in the funding history. Picktartup rounds carry their status as of now, whether they are open now
     * (both as the round component decides), their progress and deadline; outside ones their investors.
     */
    public record Funding(Source source, String id, String name, LocalDate date, long amountKrw, String status,
                          boolean open, Integer progressPercent, Instant deadline, String investors) {
    }

    public enum Source { PICKTARTUP, OUTSIDE }

    /** The round it raises on Picktartup now, if any. */
    public Optional<Funding> openRound() {
        return fundingHistory.stream().filter(Funding::open).findFirst();
    }

    /**
     * A Picktartup round as the funding history shows it: dated the day it opened (in Seoul), what it raised in won
     * at its own rate.
     */
    public static Funding picktartup(String id, String name, Instant opened, BigInteger raisedBaseUnits,
                                     long wonPerToken, String status, boolean open, int progressPercent,
                                     Instant deadline) {
        return new Funding(Source.PICKTARTUP, id, name, LocalDate.ofInstant(opened, SEOUL),
                tokensToWon(raisedBaseUnits, wonPerToken), status, open, progressPercent, deadline, null);
    }

    private static final java.time.ZoneId SEOUL = java.time.ZoneId.of("Asia/Seoul");

    static long tokensToWon(BigInteger baseUnits, long wonPerToken) {
        return baseUnits.multiply(BigInteger.valueOf(wonPerToken)).divide(BigInteger.TEN.pow(18)).longValueExact();
    }

    static Funding outside(ExternalRound r) {
        return new Funding(Source.OUTSIDE, r.id().toString(), r.roundName(), r.announcedOn(), r.amountKrw(), null, false,
                null, null, r.investors());
    }
}
