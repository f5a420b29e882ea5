package io.picktartup.startup.boundary;

import io.picktartup.platform.entity.FieldRule;
import io.picktartup.platform.boundary.Language;
import io.picktartup.platform.boundary.PageProblems;
import io.picktartup.platform.entity.Caller;
import io.picktartup.platform.entity.InvalidInputException;
import io.picktartup.platform.boundary.WonText;
import io.picktartup.startup.entity.ExternalRound;
import io.picktartup.startup.entity.Figure;
import io.picktartup.startup.entity.Startup;
import io.picktartup.startup.entity.TeamMember;
import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.Part;

import java.io.IOException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Backing bean of the CEO's workspace (/ceo/index): the startup's profile, aliases and team, monthly figures by form
 * and by CSV upload, outside rounds, its SSI and news. Every change goes through {@link StartupInformation}, as the
 * API's; a refusal is shown on the page with every invalid field named.
 */
@Named
@ViewScoped
public class CeoPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    transient StartupRegister register;

    @EJB
    transient StartupInformation information;

    @Inject
    Language language;

    private String startup;
    private transient List<Startup> mine;
    private transient StartupDetail detail;

    // profile
    private ProfileForm profile = new ProfileForm();
    // team, one member a line: name | role | joined on | bio
    private String team;
    // one month of figures
    private String period;
    private String headcount;
    private String mau;
    private String retention;
    private String revenueKrw;
    private String operatingProfitKrw;
    private String cashKrw;
    private String burnKrw;
    private transient Part csvFile;
    // an outside round
    private String roundName;
    private String announcedOn;
    private String amountKrw;
    private String investors;

    /** Chooses the startup (the {@code startup} parameter, else the first the caller leads) and fills the forms. */
    public void load() {
        var context = FacesContext.getCurrentInstance();
        if (context.isPostback()) {
            return;
        }
        var chosen = current();
        if (chosen == null) {
            return;
        }
        startup = chosen.id().toString();
        profile = ProfileForm.of(chosen.profile());
        var lines = new ArrayList<String>();
        for (var m : getDetail().team()) {
            lines.add(m.name() + " | " + m.role() + " | " + m.joinedOn().map(Object::toString).orElse("") + " | "
                    + m.bio().orElse(""));
        }
        team = String.join("\n", lines);
        period = YearMonth.now(java.time.ZoneId.of("Asia/Seoul")).minusMonths(1).toString();
    }

    public List<Startup> getMine() {
        if (mine == null) {
            var caller = Caller.accountId(FacesContext.getCurrentInstance().getExternalContext().getUserPrincipal());
            mine = caller.map(register::ledBy).orElse(List.of());
        }
        return mine;
    }

    /** The startup on screen: the one asked for if the caller leads it, else their first. */
    public Startup current() {
        var list = getMine();
        return list.stream().filter(s -> s.id().toString().equals(startup)).findFirst()
                .orElse(list.isEmpty() ? null : list.get(0));
    }

    public StartupDetail getDetail() {
        if (detail == null && current() != null) {
            detail = information.detail(current().id());
        }
        return detail;
    }

    public List<StartupDetail.Funding> getOutsideRounds() {
        return getDetail().fundingHistory().stream().filter(f -> f.source() == StartupDetail.Source.OUTSIDE).toList();
    }

    public ProfileForm getProfile() {
        return profile;
    }

    public String saveProfile() {
        return change("ceo.profile-saved", () -> information.reviseProfile(id(), profile.profile()));
    }

    public String saveTeam() {
        return change("ceo.team-saved", () -> {
            var members = new ArrayList<TeamMember.Entry>();
            var problems = new ArrayList<InvalidInputException.Violation>();
            var lines = team == null ? List.<String>of() : team.lines().filter(l -> !l.isBlank()).toList();
            for (int i = 0; i < lines.size(); i++) {
                var cells = lines.get(i).split("\\|", -1);
                String joined = cells.length > 2 ? cells[2].strip() : "";
                if (!joined.isEmpty() && StartupRequests.date(joined) == null) {
                    problems.add(InvalidInputException.Violation.of("team[" + i + "].joinedOn", FieldRule.DATE));
                }
                members.add(new TeamMember.Entry(cells[0].strip(), cells.length > 1 ? cells[1].strip() : null,
                        StartupRequests.date(joined), cells.length > 3 ? cells[3].strip() : null));
            }
            InvalidInputException.refuseIfAny(problems);
            return information.replaceTeam(id(), members);
        });
    }

    public String saveMonth() {
        return change("ceo.figures-saved", () -> {
            var problems = new ArrayList<InvalidInputException.Violation>();
            YearMonth month = null;
            try {
                month = period == null || period.isBlank() ? null : YearMonth.parse(period.strip());
            } catch (DateTimeParseException e) {
                problems.add(InvalidInputException.Violation.of("figures[0].period", FieldRule.MONTH));
            }
            Long heads = whole(problems, "headcount", headcount);
            var figures = new Figure.Month(month, heads == null ? null : (int) Math.min(Integer.MAX_VALUE, Math.max(Integer.MIN_VALUE, heads)),
                    whole(problems, "mau", mau), decimal(problems, "retention", retention),
                    whole(problems, "revenueKrw", revenueKrw), whole(problems, "operatingProfitKrw", operatingProfitKrw),
                    whole(problems, "cashKrw", cashKrw), whole(problems, "burnKrw", burnKrw));
            InvalidInputException.refuseIfAny(problems);
            return information.recordFigures(id(), List.of(figures));
        });
    }

    public String uploadFigures() {
        return change("ceo.figures-uploaded", () -> {
            String text;
            if (csvFile == null || csvFile.getSize() == 0) {
                text = "";
            } else if (csvFile.getSize() > 4L * io.picktartup.startup.control.FigureCsv.SIZE_MAX) {
                throw new InvalidInputException("file", FieldRule.MAX_LENGTH, io.picktartup.startup.control.FigureCsv.SIZE_MAX);
            } else {
                try (var in = csvFile.getInputStream()) {
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            return information.importFigures(id(), text);
        });
    }

    public String addOutsideRound() {
        return change("ceo.outside-round-added", () -> {
            var problems = new ArrayList<InvalidInputException.Violation>();
            Long amount = whole(problems, "amountKrw", amountKrw);
            if (announcedOn != null && !announcedOn.isBlank() && StartupRequests.date(announcedOn) == null) {
                problems.add(InvalidInputException.Violation.of("announcedOn", FieldRule.DATE));
            }
            InvalidInputException.refuseIfAny(problems);
            return information.addExternalRound(id(), new ExternalRound.Entry(roundName, StartupRequests.date(announcedOn),
                    amount, investors));
        });
    }

    public String removeOutsideRound(String roundId) {
        return change("ceo.outside-round-removed", () -> {
            information.removeExternalRound(id(), UUID.fromString(roundId));
            return null;
        });
    }

    private String change(String done, Supplier<?> action) {
        var context = FacesContext.getCurrentInstance();
        try {
            action.get();
        } catch (RuntimeException e) {
            if (!PageProblems.show(context, null, e, language.getLocale())) {
                throw e;
            }
            return null;
        }
        PageProblems.done(context, null, done, language.getLocale());
        return "/ceo/index?faces-redirect=true&startup=" + startup;
    }

    private UUID id() {
        var current = current();
        if (current == null) {
            throw new io.picktartup.platform.entity.NotFoundException("Startup", "yours");
        }
        return current.id();
    }

    private static Long whole(List<InvalidInputException.Violation> problems, String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(text.strip().replace(",", ""));
        } catch (NumberFormatException e) {
            problems.add(InvalidInputException.Violation.of(field, FieldRule.WHOLE_NUMBER));
            return null;
        }
    }

    private static BigDecimal decimal(List<InvalidInputException.Violation> problems, String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            problems.add(InvalidInputException.Violation.of(field, FieldRule.NUMBER_BETWEEN, 0, 1));
            return null;
        }
    }

    /** Won the Korean way on Korean pages: "₩1,500,000,000 (15억원)". */
    public String won(Long krw) {
        return krw == null ? "–" : WonText.forLanguage(krw, language.getCode());
    }

    public String count(Number value) {
        return value == null ? "–" : String.format("%,d", value.longValue());
    }

    public String share(BigDecimal value) {
        return value == null ? "–" : value.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }

    public String getStartup() { return startup; }
    public void setStartup(String startup) { this.startup = startup; }
    public String getTeam() { return team; }
    public void setTeam(String team) { this.team = team; }
    public String getPeriod() { return period; }
    public void setPeriod(String period) { this.period = period; }
    public String getHeadcount() { return headcount; }
    public void setHeadcount(String headcount) { this.headcount = headcount; }
    public String getMau() { return mau; }
    public void setMau(String mau) { this.mau = mau; }
    public String getRetention() { return retention; }
    public void setRetention(String retention) { this.retention = retention; }
    public String getRevenueKrw() { return revenueKrw; }
    public void setRevenueKrw(String revenueKrw) { this.revenueKrw = revenueKrw; }
    public String getOperatingProfitKrw() { return operatingProfitKrw; }
    public void setOperatingProfitKrw(String operatingProfitKrw) { this.operatingProfitKrw = operatingProfitKrw; }
    public String getCashKrw() { return cashKrw; }
    public void setCashKrw(String cashKrw) { this.cashKrw = cashKrw; }
    public String getBurnKrw() { return burnKrw; }
    public void setBurnKrw(String burnKrw) { this.burnKrw = burnKrw; }
    public Part getCsvFile() { return csvFile; }
    public void setCsvFile(Part csvFile) { this.csvFile = csvFile; }
    public String getRoundName() { return roundName; }
    public void setRoundName(String roundName) { this.roundName = roundName; }
    public String getAnnouncedOn() { return announcedOn; }
    public void setAnnouncedOn(String announcedOn) { this.announcedOn = announcedOn; }
    public String getAmountKrw() { return amountKrw; }
    public void setAmountKrw(String amountKrw) { this.amountKrw = amountKrw; }
    public String getInvestors() { return investors; }
    public void setInvestors(String investors) { this.investors = investors; }
}
