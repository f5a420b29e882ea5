package io.picktartup.startup.boundary;

import io.picktartup.startup.entity.Figure;
import io.picktartup.startup.entity.TeamMember;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** One startup with its team, monthly figures and funding history, as the detail page and the API show it. */
public record StartupDetailView(String id, String name, String nameEn, List<String> aliases, String pitch,
                                String description, String sector, String stage, LocalDate foundedOn, String website,
                                String ceoName, String walletAddress, BigDecimal ssi, List<Member> team,
                                List<Month> figures, List<Funding> fundingHistory, Funding openRound) {

    public record Member(String name, String role, LocalDate joinedOn, String bio) {
    }

    public record Month(String period, Integer headcount, Long mau, BigDecimal retention, Long revenueKrw,
                        Long operatingProfitKrw, Long cashKrw, Long burnKrw) {
    }

    public record Funding(String source, String id, String name, LocalDate date, long amountKrw, String status,
                          Integer progressPercent, Instant deadline, String investors) {
    }

    public static StartupDetailView of(StartupDetail detail) {
        var s = StartupView.of(detail.startup());
        return new StartupDetailView(s.id(), s.name(), s.nameEn(), s.aliases(), s.pitch(), s.description(), s.sector(),
                s.stage(), s.foundedOn(), s.website(), s.ceoName(), s.walletAddress(), s.ssi(),
                detail.team().stream().map(StartupDetailView::member).toList(),
                detail.figures().stream().map(StartupDetailView::month).toList(),
                detail.fundingHistory().stream().map(StartupDetailView::funding).toList(),
                detail.openRound().map(StartupDetailView::funding).orElse(null));
    }

    private static Member member(TeamMember m) {
        return new Member(m.name(), m.role(), m.joinedOn().orElse(null), m.bio().orElse(null));
    }

    private static Month month(Figure.Month m) {
        return new Month(m.period().toString(), m.headcount(), m.mau(), m.retention(), m.revenueKrw(),
                m.operatingProfitKrw(), m.cashKrw(), m.burnKrw());
    }

    private static Funding funding(StartupDetail.Funding f) {
        return new Funding(f.source().name(), f.id(), f.name(), f.date(), f.amountKrw(), f.status(), f.progressPercent(),
                f.deadline(), f.investors());
    }
}
