package io.picktartup.startup.boundary;

import io.picktartup.startup.entity.ExternalRound;
import io.picktartup.startup.entity.Figure;
import io.picktartup.startup.entity.Stage;
import io.picktartup.startup.entity.Startup;
import io.picktartup.startup.entity.TeamMember;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The bodies clients send to change a startup's information. Text that does not parse (a date, a month, a stage)
 * becomes absent here, and the domain then names the field with every other invalid one.
 */
final class StartupRequests {

    private StartupRequests() {
    }

    /** A startup's profile. */
    public static class ProfileRequest {
        public String name;
        public String nameEn;
        public List<String> aliases;
        public String pitch;
        public String description;
        public String sector;
        public String stage;
        public String foundedOn;
        public String website;

        /** The profile; an absent stage is {@code defaultStage} (registration) or invalid (null: a revision). */
        Startup.Profile profile(Stage defaultStage) {
            return new Startup.Profile(name, nameEn, aliases, pitch, description, sector,
                    stage == null ? defaultStage : Stage.parse(stage).orElse(null), date(foundedOn), website);
        }
    }

    /** A team member. */
    public static class MemberRequest {
        public String name;
        public String role;
        public String joinedOn;
        public String bio;

        TeamMember.Entry entry() {
            return new TeamMember.Entry(name, role, date(joinedOn), bio);
        }
    }

    /** One month's figures. */
    public static class MonthRequest {
        public String period;
        public Integer headcount;
        public Long mau;
        public BigDecimal retention;
        public Long revenueKrw;
        public Long operatingProfitKrw;
        public Long cashKrw;
        public Long burnKrw;

        Figure.Month month() {
            YearMonth month;
            try {
                month = period == null ? null : YearMonth.parse(period.strip());
            } catch (DateTimeParseException e) {
                month = null;
            }
            return new Figure.Month(month, headcount, mau, retention, revenueKrw, operatingProfitKrw, cashKrw, burnKrw);
        }
    }

    /** A round raised outside Picktartup. */
    public static class ExternalRoundRequest {
        public String roundName;
        public String announcedOn;
        public Long amountKrw;
        public String investors;

        ExternalRound.Entry entry() {
            return new ExternalRound.Entry(roundName, date(announcedOn), amountKrw, investors);
        }
    }

    static LocalDate date(String text) {
        try {
            return text == null || text.isBlank() ? null : LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
