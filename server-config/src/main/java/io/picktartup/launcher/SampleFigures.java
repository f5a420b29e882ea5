package io.picktartup.launcher;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Monthly figures for a sample startup, made up from its story (fast grower, steady, struggling, pre-revenue, new)
 * so that the catalogue, the charts and the SSI have something with a shape to show. Seeded per startup, so every
 * fresh run tells the same stories; the months end with the last full month, so the data never looks stale.
 */
final class SampleFigures {

    /** Months of history a sample reports; "new" startups report two, too few for an SSI. */
    static final int HISTORY_MONTHS = 36;
    static final int NEW_MONTHS = 2;

    private SampleFigures() {
    }

    /**
     * The body of {@code PUT /api/startups/{id}/figures}: one object per month, oldest first. Outside rounds
     * announced inside the window add their amount to the cash of that month.
     */
    static List<Map<String, Object>> monthly(String slug, JsonNode story, LocalDate foundedOn, JsonNode outsideRounds,
                                             YearMonth last) {
        var random = new Random(31L * slug.hashCode() + 17);
        String kind = story.path("kind").asText("steady");
        int months = "new".equals(kind) ? NEW_MONTHS : HISTORY_MONTHS;
        YearMonth first = last.minusMonths(months - 1L);
        if (first.isBefore(YearMonth.from(foundedOn))) {
            first = YearMonth.from(foundedOn);
        }
        var raised = new HashMap<YearMonth, Long>();
        for (var round : outsideRounds) {
            raised.merge(YearMonth.from(LocalDate.parse(round.path("announcedOn").asText())),
                    round.path("amountKrw").asLong(), Long::sum);
        }
        boolean reportsUsers = story.path("mau").asLong() > 0;
        double headcount = story.path("headcount").asDouble(5);
        double mau = story.path("mau").asDouble();
        double revenue = story.path("revenueKrw").asDouble();
        double cash = story.path("cashKrw").asDouble();
        double retention = switch (kind) {
            case "fast" -> 0.48;
            case "struggling" -> 0.42;
            case "pre-revenue" -> 0.30;
            default -> 0.45;
        };
        // what it costs to serve a won of revenue: a logistics company keeps less of it than a software one
        double directCosts = 0.35 + 0.35 * random.nextDouble();
        int total = (int) first.until(last, java.time.temporal.ChronoUnit.MONTHS) + 1;
        var figures = new ArrayList<Map<String, Object>>();
        int i = 0;
        for (YearMonth month = first; !month.isAfter(last); month = month.plusMonths(1), i++) {
            double progress = total <= 1 ? 0 : i / (double) (total - 1);
            double gauss = random.nextGaussian();
            double growth;
            double retentionTarget;
            double hiring;
            switch (kind) {
                case "fast" -> {
                    growth = 0.075 + 0.03 * gauss;
                    retentionTarget = 0.60;
                    hiring = 0.5;
                }
                case "struggling" -> {
                    // grew for a while, then the market turned: users, revenue and then the team shrink
                    growth = progress < 0.4 ? 0.03 + 0.02 * gauss : -0.035 + 0.02 * gauss;
                    retentionTarget = 0.42 - 0.20 * progress;
                    hiring = progress < 0.4 ? 0.3 : -0.25;
                }
                case "pre-revenue" -> {
                    growth = 0.04 + 0.02 * gauss;
                    retentionTarget = 0.32;
                    hiring = 0.25;
                }
                case "new" -> {
                    growth = 0.15 + 0.05 * gauss;
                    retentionTarget = 0.35;
                    hiring = 0;
                }
                default -> {
                    growth = 0.022 + 0.015 * gauss;
                    retentionTarget = 0.47;
                    hiring = 0.2;
                }
            }
            if (i > 0) {
                mau *= 1 + growth + 0.01 * random.nextGaussian();
                if ("pre-revenue".equals(kind) && revenue == 0 && progress > 0.8) {
                    revenue = 3_000_000 + random.nextInt(3_000_000); // the first paying pilot
                } else {
                    revenue *= 1 + growth + 0.015 * random.nextGaussian();
                }
                if (hiring > 0 && random.nextDouble() < hiring) {
                    headcount += "fast".equals(kind) && random.nextDouble() < 0.3 ? 2 : 1;
                } else if (hiring < 0 && random.nextDouble() < -hiring) {
                    headcount = Math.max(3, headcount - 1 - random.nextInt(2));
                }
            }
            retention = Math.max(0.05, Math.min(0.95,
                    retention + 0.3 * (retentionTarget - retention) + 0.012 * random.nextGaussian()));
            double salaries = headcount * (5_200_000 + random.nextInt(1_200_000));
            double marketing = "fast".equals(kind) ? revenue * 0.25 + 10_000_000 : revenue * 0.08;
            double costs = salaries + revenue * directCosts + marketing + 12_000_000;
            double operatingProfit = revenue - costs;
            double burn = Math.max(0, -operatingProfit);
            cash += raised.getOrDefault(month, 0L) + operatingProfit;
            // existing investors bridge a startup before it runs dry; a struggling one gets less, later
            if ("struggling".equals(kind) ? cash < burn : cash < 3 * burn) {
                cash += burn * ("struggling".equals(kind) ? 6 : 18);
            }
            cash = Math.max(0, cash);

            var figure = new LinkedHashMap<String, Object>();
            figure.put("period", month.toString());
            figure.put("headcount", (int) Math.round(headcount));
            if (reportsUsers) {
                figure.put("mau", Math.round(mau));
                figure.put("retention", BigDecimal.valueOf(retention).setScale(4, RoundingMode.HALF_UP));
            }
            figure.put("revenueKrw", thousands(revenue));
            figure.put("operatingProfitKrw", thousands(operatingProfit));
            figure.put("cashKrw", thousands(cash));
            figure.put("burnKrw", thousands(burn));
            figures.add(figure);
        }
        return figures;
    }

    private static long thousands(double won) {
        return Math.round(won / 1000) * 1000;
    }
}
