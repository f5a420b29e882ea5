package io.picktartup.ssi.entity;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;

/**
 * The measurable features of one startup on a given day, drawn from its {@link StartupFacts}. A feature that cannot
 * be measured (too few reports, a zero to grow from) is null: the model leaves it out rather than guess. Growth rates
 * are annualised over the trailing window of {@value #WINDOW_MONTHS} months before the latest report, so a startup
 * reporting for three years is judged on its last year, like one reporting for one. Stored per startup by the job's
 * first step so the sector baselines (medians of these features) can be computed in SQL before any scoring.
 *
 * @param monthsReported months with any figure, up to the day scored
 * @param mauMonths      months with MAU reported (the product pillar needs {@value SsiModel#MIN_MONTHS})
 * @param revenueMonths  months with revenue reported (the performance pillar needs {@value SsiModel#MIN_MONTHS})
 * @param tenureMonths   median months since the members with a known joining date joined
 * @param runwayMonths   latest cash over the mean burn of the last three reports; {@value #RUNWAY_CAP} when not burning
 * @param stageVelocity  stages reached (pre-seed = 1) per year since founding
 */
public record Features(UUID startupId, String sector, LocalDate asOf, int monthsReported, int mauMonths,
                       int revenueMonths, int teamSize, boolean hasCto, boolean hasCfo, Double tenureMonths,
                       Double headcountGrowth, Long mauLatest, Double mauGrowth, Double retention,
                       Double revenueGrowth, Double operatingMargin, Double runwayMonths, long fundingTotalKrw,
                       int fundingRounds, Double roundAttainment, Double stageVelocity) {

    static final int WINDOW_MONTHS = 12;
    static final double RUNWAY_CAP = 60;
    /** Growth beyond 100x a year is a tiny base, not a signal; clamped so one outlier does not skew a median. */
    static final double GROWTH_CAP = 99;
    static final List<String> STAGES = List.of("PRE_SEED", "SEED", "PRE_A", "SERIES_A", "SERIES_B", "SERIES_C", "PRE_IPO");

    /** The features of {@code facts} as of {@code asOf}: figures for later months are ignored. */
    public static Features of(StartupFacts facts, LocalDate asOf) {
        List<StartupFacts.Figure> reported = facts.figures().stream()
                .filter(f -> !f.period().isAfter(asOf))
                .sorted(java.util.Comparator.comparing(StartupFacts.Figure::period))
                .toList();
        List<StartupFacts.Figure> window = List.of();
        if (!reported.isEmpty()) {
            LocalDate from = reported.get(reported.size() - 1).period().minusMonths(WINDOW_MONTHS);
            window = reported.stream().filter(f -> !f.period().isBefore(from)).toList();
        }
        int mauMonths = (int) reported.stream().filter(f -> f.mau() != null).count();
        int revenueMonths = (int) reported.stream().filter(f -> f.revenueKrw() != null).count();

        var latestMau = last(window, StartupFacts.Figure::mau);
        long funding = facts.externalRoundsKrw().stream().mapToLong(Long::longValue).sum()
                + facts.rounds().stream().mapToLong(StartupFacts.Round::raisedKrw).sum();
        return new Features(facts.id(), sectorKey(facts.sector()), asOf, reported.size(), mauMonths, revenueMonths,
                facts.members().size(), hasRole(facts, "CTO", "TECHNOLOGY", "기술"),
                hasRole(facts, "CFO", "FINANCE", "재무"), tenure(facts.members(), asOf),
                growth(window, f -> f.headcount() == null ? null : f.headcount().doubleValue()),
                latestMau == null ? null : latestMau.value().longValue(),
                growth(window, f -> f.mau() == null ? null : f.mau().doubleValue()),
                retention(window),
                growth(window, f -> f.revenueKrw() == null ? null : f.revenueKrw().doubleValue()),
                margin(window), runway(window), funding,
                facts.externalRoundsKrw().size() + facts.rounds().size(), attainment(facts.rounds()),
                stageVelocity(facts, asOf));
    }

    /** Sectors are compared case-insensitively and without surrounding blanks ("Fintech" = "fintech "). */
    public static String sectorKey(String sector) {
        return sector == null ? "" : sector.strip().toLowerCase(Locale.ROOT);
    }

    private record Point(LocalDate period, Double value) {
    }

    private static Point first(List<StartupFacts.Figure> window, Function<StartupFacts.Figure, ? extends Number> metric) {
        for (var f : window) {
            Number v = metric.apply(f);
            if (v != null) {
                return new Point(f.period(), v.doubleValue());
            }
        }
        return null;
    }

    private static Point last(List<StartupFacts.Figure> window, Function<StartupFacts.Figure, ? extends Number> metric) {
        for (int i = window.size() - 1; i >= 0; i--) {
            Number v = metric.apply(window.get(i));
            if (v != null) {
                return new Point(window.get(i).period(), v.doubleValue());
            }
        }
        return null;
    }

    /**
     * Annualised growth from the first to the last reported value in the window: (last / first)^(12 / months) - 1.
     * Null with less than three months between them (a two-month jump says little) or nothing to grow from.
     */
    static Double growth(List<StartupFacts.Figure> window, Function<StartupFacts.Figure, Double> metric) {
        Point first = first(window, metric);
        Point last = last(window, metric);
        if (first == null || last == null || first.value() <= 0) {
            return null;
        }
        long months = ChronoUnit.MONTHS.between(first.period(), last.period());
        if (months < 3) {
            return null;
        }
        double g = Math.pow(last.value() / first.value(), 12.0 / months) - 1;
        return Math.min(g, GROWTH_CAP);
    }

    /** The mean of the last three reported retention rates. */
    private static Double retention(List<StartupFacts.Figure> window) {
        var values = new ArrayList<Double>();
        for (int i = window.size() - 1; i >= 0 && values.size() < 3; i--) {
            var r = window.get(i).retention();
            if (r != null) {
                values.add(r.doubleValue());
            }
        }
        return values.isEmpty() ? null : values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    /** Operating profit over revenue, summed over the window's months reporting both; null without revenue. */
    private static Double margin(List<StartupFacts.Figure> window) {
        long revenue = 0;
        long profit = 0;
        for (var f : window) {
            if (f.revenueKrw() != null && f.operatingProfitKrw() != null) {
                revenue += f.revenueKrw();
                profit += f.operatingProfitKrw();
            }
        }
        return revenue <= 0 ? null : Math.max(-10.0, Math.min(1.0, (double) profit / revenue));
    }

    /** Months the latest cash lasts at the mean burn of the last three reports. */
    private static Double runway(List<StartupFacts.Figure> window) {
        Point cash = last(window, StartupFacts.Figure::cashKrw);
        if (cash == null) {
            return null;
        }
        long burn = 0;
        int n = 0;
        for (int i = window.size() - 1; i >= 0 && n < 3; i--) {
            if (window.get(i).burnKrw() != null) {
                burn += window.get(i).burnKrw();
                n++;
            }
        }
        if (n == 0) {
            return null;
        }
        return burn == 0 ? RUNWAY_CAP : Math.min(RUNWAY_CAP, cash.value() / ((double) burn / n));
    }

    private static boolean hasRole(StartupFacts facts, String... words) {
        for (var m : facts.members()) {
            String role = m.role() == null ? "" : m.role().toUpperCase(Locale.ROOT);
            for (String w : words) {
                if (role.contains(w)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Double tenure(List<StartupFacts.Member> members, LocalDate asOf) {
        double[] months = members.stream().filter(m -> m.joinedOn() != null && !m.joinedOn().isAfter(asOf))
                .mapToDouble(m -> ChronoUnit.DAYS.between(m.joinedOn(), asOf) / 30.4375).sorted().toArray();
        if (months.length == 0) {
            return null;
        }
        int mid = months.length / 2;
        return months.length % 2 == 1 ? months[mid] : (months[mid - 1] + months[mid]) / 2;
    }

    /** Raised over goal, over the Picktartup rounds that count (capped at 1.5 per round: oversubscription). */
    private static Double attainment(List<StartupFacts.Round> rounds) {
        return rounds.stream().filter(r -> r.goalKrw() > 0)
                .mapToDouble(r -> Math.min(1.5, (double) r.raisedKrw() / r.goalKrw()))
                .average().stream().boxed().findFirst().orElse(null);
    }

    private static Double stageVelocity(StartupFacts facts, LocalDate asOf) {
        int rank = STAGES.indexOf(facts.stage());
        if (rank < 0 || facts.foundedOn() == null || facts.foundedOn().isAfter(asOf)) {
            return null;
        }
        double years = Math.max(0.5, ChronoUnit.DAYS.between(facts.foundedOn(), asOf) / 365.25);
        return (rank + 1) / years;
    }
}
