package io.picktartup.ssi.entity;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * What the index is computed from, for one startup, exactly as the tables hold it: profile, team, monthly figures
 * (in period order) and funding. Money in won ({@code long}); a figure the startup did not report is null.
 */
public record StartupFacts(UUID id, String sector, LocalDate foundedOn, String stage, List<Member> members,
                           List<Figure> figures, List<Long> externalRoundsKrw, List<Round> rounds) {

    public StartupFacts {
        members = List.copyOf(members);
        figures = List.copyOf(figures);
        externalRoundsKrw = List.copyOf(externalRoundsKrw);
        rounds = List.copyOf(rounds);
    }

    /** A team member: a free-text role ("CTO", "공동창업자 / 기술") and when they joined, if known. */
    public record Member(String role, LocalDate joinedOn) {
    }

    /** One month's figures; retention is the share (0..1) of last month's active users active again. */
    public record Figure(LocalDate period, Integer headcount, Long mau, BigDecimal retention, Long revenueKrw,
                         Long operatingProfitKrw, Long cashKrw, Long burnKrw) {
    }

    /** A Picktartup round that counts (open, succeeded or released), its goal and what it raised, in won. */
    public record Round(String status, long goalKrw, long raisedKrw) {
    }
}
