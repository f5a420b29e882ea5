package io.picktartup.startup.boundary;

import io.picktartup.platform.entity.NotFoundException;
import io.picktartup.startup.entity.Figure;
import io.picktartup.startup.entity.Startup;
import io.picktartup.startup.entity.TeamMember;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import org.primefaces.model.charts.bar.BarChartModel;
import org.primefaces.model.charts.line.LineChartModel;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * Backing bean of a startup's page: profile, team, funding history, open round, and charts of its monthly figures.
 * Request scoped: the page only reads (GET), so nothing needs to survive the request.
 */
@Named
@RequestScoped
public class StartupPage {

    @EJB
    StartupInformation information;

    private String id;
    private StartupDetail detail;
    private Charts charts;

    /** Loads the startup named by the {@code id} parameter; an unknown or malformed id shows "not found". */
    public void load() {
        try {
            detail = information.detail(UUID.fromString(String.valueOf(id)));
            var context = jakarta.faces.context.FacesContext.getCurrentInstance();
            var messages = context.getApplication().getResourceBundle(context, "msg");
            charts = new Charts(detail.figures(), messages::getString);
        } catch (IllegalArgumentException | NotFoundException e) {
            detail = null;
        } catch (EJBException e) {
            if (!(e.getCause() instanceof NotFoundException)) {
                throw e;
            }
            detail = null;
        }
    }

    public boolean isFound() {
        return detail != null;
    }

    public Startup getStartup() {
        return detail.startup();
    }

    public List<TeamMember> getTeam() {
        return detail.team();
    }

    public List<StartupDetail.Funding> getFundingHistory() {
        return detail.fundingHistory();
    }

    public StartupDetail.Funding getOpenRound() {
        return detail.openRound().orElse(null);
    }

    public List<Figure.Month> getFigures() {
        return detail.figures();
    }

    public Figure.Month getLatest() {
        return detail.figures().isEmpty() ? null : detail.figures().get(detail.figures().size() - 1);
    }

    private boolean hasFigure(Function<Figure.Month, Object> figure) {
        return detail.figures().stream().map(figure).anyMatch(Objects::nonNull);
    }

    public boolean isMauReported() {
        return hasFigure(Figure.Month::mau);
    }

    public boolean isRevenueReported() {
        return hasFigure(Figure.Month::revenueKrw) || hasFigure(Figure.Month::operatingProfitKrw);
    }

    public boolean isHeadcountReported() {
        return hasFigure(Figure.Month::headcount);
    }

    public boolean isCashReported() {
        return hasFigure(Figure.Month::cashKrw) || hasFigure(Figure.Month::burnKrw);
    }

    public LineChartModel getMauChart() {
        return charts.mau();
    }

    public BarChartModel getRevenueChart() {
        return charts.revenue();
    }

    public LineChartModel getHeadcountChart() {
        return charts.headcount();
    }

    public LineChartModel getCashChart() {
        return charts.cash();
    }

    /** "2023-11 → 2026-10: 30,000 → 357,123": what a chart shows, for screen readers and as its caption. */
    public String summary(String figure) {
        Function<Figure.Month, Object> value = switch (figure) {
            case "mau" -> Figure.Month::mau;
            case "revenue" -> Figure.Month::revenueKrw;
            case "headcount" -> Figure.Month::headcount;
            case "cash" -> Figure.Month::cashKrw;
            default -> throw new IllegalArgumentException(figure);
        };
        var reported = detail.figures().stream().filter(m -> value.apply(m) != null).toList();
        if (reported.isEmpty()) {
            return "";
        }
        var first = reported.get(0);
        var last = reported.get(reported.size() - 1);
        boolean money = !figure.equals("mau") && !figure.equals("headcount");
        return first.period() + " → " + last.period() + ": " + number(value.apply(first), money) + " → "
                + number(value.apply(last), money);
    }

    private static String number(Object value, boolean money) {
        return money ? won(((Number) value).longValue()) : String.format("%,d", ((Number) value).longValue());
    }

    /** Won, exact and grouped, as the round pages show it. */
    public static String won(long krw) {
        return String.format("₩%,d", krw);
    }

    public String retention(BigDecimal share) {
        return share == null ? "–" : share.movePointRight(2).setScale(1, RoundingMode.HALF_UP) + "%";
    }

    public String count(Number value) {
        return value == null ? "–" : String.format("%,d", value.longValue());
    }

    public String money(Long krw) {
        return krw == null ? "–" : won(krw);
    }

    public int bar(Integer percent) {
        return percent == null ? 0 : Math.max(0, Math.min(100, percent));
    }

    /** The latest overall SSI, or null: not scored yet, or too little data to score. */
    public BigDecimal getSsi() {
        return detail.startup().ssiOverall().orElse(null);
    }

    private static final java.time.format.DateTimeFormatter SEOUL = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm 'KST'").withZone(java.time.ZoneId.of("Asia/Seoul"));

    public String seoul(java.time.Instant instant) {
        return instant == null ? "–" : SEOUL.format(instant);
    }

    public String getWebsite() {
        return detail.startup().website().orElse(null);
    }

    public String getNameEn() {
        return detail.startup().nameEn().orElse(null);
    }

    public String getAliases() {
        return String.join(", ", detail.startup().aliases());
    }

    /** The description's paragraphs (blank lines separate them). */
    public List<String> getParagraphs() {
        return java.util.Arrays.stream(detail.startup().description().split("\\R\\s*\\R")).map(String::strip)
                .filter(p -> !p.isEmpty()).toList();
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }
}
