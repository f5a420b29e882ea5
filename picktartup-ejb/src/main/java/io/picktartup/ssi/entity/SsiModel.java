package io.picktartup.ssi.entity;

import io.picktartup.ssi.entity.Baselines.Metric;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The Startup Success Index, version {@value #VERSION}: each input normalised to 0..100 by a monotone curve (never
 * decreasing in the input), weighted within its pillar, pillars weighted into the overall. Any change to an input, a
 * curve, a weight or a rule is a new version: stored scores keep the version that made them. docs/ssi-model.md
 * explains each choice.
 */
public final class SsiModel {

    public static final String VERSION = "ssi-1.0";
    /** Months of reports the product (MAU) and performance (revenue) pillars need. */
    public static final int MIN_MONTHS = 6;
    /** Pillars needed for an overall index. */
    public static final int MIN_PILLARS = 3;
    /** A pillar whose measurable inputs carry less than this share of its weight is not scored. */
    static final double MIN_WEIGHT_SHARE = 0.5;

    static final Map<Pillar, Double> PILLAR_WEIGHTS = Map.of(
            Pillar.TEAM, 0.25, Pillar.PRODUCT, 0.25, Pillar.POTENTIAL, 0.20, Pillar.PERFORMANCE, 0.30);

    /** Input weights within each pillar (each pillar's sum to 1). */
    static final Map<Pillar, Map<String, Double>> INPUT_WEIGHTS = Map.of(
            Pillar.TEAM, Map.of("team_size", 0.25, "key_roles", 0.25, "tenure_months", 0.20, "headcount_growth", 0.30),
            Pillar.PRODUCT, Map.of("mau", 0.30, "mau_growth", 0.35, "retention", 0.35),
            Pillar.POTENTIAL, Map.of("funding_total_krw", 0.45, "round_attainment", 0.25, "stage_velocity", 0.30),
            Pillar.PERFORMANCE, Map.of("revenue_growth", 0.40, "operating_margin", 0.30, "runway_months", 0.30));

    private SsiModel() {
    }

    // ------------------------------------------------------------------ normalisation curves

    /** 100 / (1 + e^-x): 50 at 0, symmetric, strictly increasing. */
    static double logistic(double x) {
        return 100 / (1 + Math.exp(-x));
    }

    /** A growth rate against the sector's median growth: 50 at the median, 73 at +scale, 27 at -scale. */
    static double relativeGrowth(double growth, double median, double scale) {
        return logistic((growth - median) / scale);
    }

    /** A level (users, won) against the sector's median on a log scale: 50 at the median, 73 at e times it. */
    static double relativeLevel(double value, double median) {
        return logistic(Math.log((Math.max(0, value) + 1) / (Math.max(0, median) + 1)));
    }

    /** Piecewise linear: 0 at or below {@code low}, 100 at or above {@code high}, a straight line between. */
    static double linear(double x, double low, double high) {
        return Math.max(0, Math.min(100, (x - low) / (high - low) * 100));
    }

    // ------------------------------------------------------------------ scoring

    /** The index of one startup from its features and the day's sector baselines. */
    public static SsiScore score(Features f, Baselines baselines) {
        var pillars = new EnumMap<Pillar, SsiScore.PillarScore>(Pillar.class);
        pillars.put(Pillar.TEAM, team(f, baselines));
        pillars.put(Pillar.PRODUCT, product(f, baselines));
        pillars.put(Pillar.POTENTIAL, potential(f, baselines));
        pillars.put(Pillar.PERFORMANCE, performance(f, baselines));

        var reasons = new ArrayList<String>();
        double weightSum = 0;
        int scored = 0;
        for (var p : pillars.values()) {
            if (p.score() == null) {
                reasons.add(p.pillar().key() + ": " + p.reason());
            } else {
                weightSum += PILLAR_WEIGHTS.get(p.pillar());
                scored++;
            }
        }
        Double overall = null;
        var overallInputs = new ArrayList<SsiScore.Contribution>();
        if (scored < MIN_PILLARS) {
            reasons.add(0, SsiReason.NOT_ENOUGH_DATA.say(scored, MIN_PILLARS));
            for (var p : pillars.values()) {
                overallInputs.add(new SsiScore.Contribution(p.pillar().key(), p.score(), p.score(), 0, 0));
            }
        } else {
            double sum = 0;
            for (var p : pillars.values()) {
                double w = p.score() == null ? 0 : PILLAR_WEIGHTS.get(p.pillar()) / weightSum;
                double c = p.score() == null ? 0 : p.score() * w;
                sum += c;
                overallInputs.add(new SsiScore.Contribution(p.pillar().key(), p.score(), p.score(), w, c));
            }
            overall = sum;
        }
        return new SsiScore(f.startupId(), VERSION, overall, pillars, overallInputs, reasons);
    }

    private record Input(String name, Double raw, Double normalised) {
    }

    private static Input input(String name, Double raw, java.util.function.DoubleUnaryOperator curve) {
        return new Input(name, raw, raw == null ? null : curve.applyAsDouble(raw));
    }

    static SsiScore.PillarScore team(Features f, Baselines b) {
        if (f.teamSize() == 0) {
            return notScored(Pillar.TEAM, SsiReason.NO_TEAM.say());
        }
        double hcMedian = b.median(f.sector(), Metric.HEADCOUNT_GROWTH);
        return pillar(Pillar.TEAM, List.of(
                // ln scale: the second and third person matter more than the fifteenth; 15 people = full marks
                input("team_size", (double) f.teamSize(), n -> linear(Math.log(n), 0, Math.log(15))),
                input("key_roles", (f.hasCto() ? 60.0 : 0) + (f.hasCfo() ? 40.0 : 0), v -> v),
                input("tenure_months", f.tenureMonths(), m -> linear(m, 0, 36)),
                input("headcount_growth", f.headcountGrowth(), g -> relativeGrowth(g, hcMedian, 0.5))));
    }

    static SsiScore.PillarScore product(Features f, Baselines b) {
        if (f.mauMonths() < MIN_MONTHS) {
            return notScored(Pillar.PRODUCT, SsiReason.FEW_MAU_MONTHS.say(MIN_MONTHS, f.mauMonths()));
        }
        double mauMedian = b.median(f.sector(), Metric.MAU_LATEST);
        double growthMedian = b.median(f.sector(), Metric.MAU_GROWTH);
        return pillar(Pillar.PRODUCT, List.of(
                input("mau", f.mauLatest() == null ? null : f.mauLatest().doubleValue(), v -> relativeLevel(v, mauMedian)),
                input("mau_growth", f.mauGrowth(), g -> relativeGrowth(g, growthMedian, 0.75)),
                input("retention", f.retention(), r -> linear(r, 0.2, 0.8))));
    }

    static SsiScore.PillarScore potential(Features f, Baselines b) {
        if (f.fundingRounds() == 0) {
            return notScored(Pillar.POTENTIAL, SsiReason.NO_FUNDING.say());
        }
        double fundingMedian = b.median(f.sector(), Metric.FUNDING_TOTAL);
        return pillar(Pillar.POTENTIAL, List.of(
                input("funding_total_krw", (double) f.fundingTotalKrw(), v -> relativeLevel(v, fundingMedian)),
                input("round_attainment", f.roundAttainment(), a -> linear(a, 0, 1)),
                input("stage_velocity", f.stageVelocity(), v -> linear(v, 0, 1.5))));
    }

    static SsiScore.PillarScore performance(Features f, Baselines b) {
        if (f.revenueMonths() < MIN_MONTHS) {
            return notScored(Pillar.PERFORMANCE, SsiReason.FEW_REVENUE_MONTHS.say(MIN_MONTHS, f.revenueMonths()));
        }
        double growthMedian = b.median(f.sector(), Metric.REVENUE_GROWTH);
        return pillar(Pillar.PERFORMANCE, List.of(
                input("revenue_growth", f.revenueGrowth(), g -> relativeGrowth(g, growthMedian, 0.5)),
                input("operating_margin", f.operatingMargin(), m -> linear(m, -1.0, 0.25)),
                input("runway_months", f.runwayMonths(), m -> linear(m, 0, 24))));
    }

    private static SsiScore.PillarScore notScored(Pillar pillar, String reason) {
        return new SsiScore.PillarScore(pillar, null, reason, List.of());
    }

    /** Weighs the measurable inputs, their weights scaled up to sum to 1; refuses when too little is measurable. */
    private static SsiScore.PillarScore pillar(Pillar pillar, List<Input> inputs) {
        var weights = INPUT_WEIGHTS.get(pillar);
        double present = inputs.stream().filter(i -> i.raw() != null).mapToDouble(i -> weights.get(i.name())).sum();
        var contributions = new ArrayList<SsiScore.Contribution>();
        if (present < MIN_WEIGHT_SHARE) {
            var missing = inputs.stream().filter(i -> i.raw() == null).map(Input::name).toList();
            inputs.forEach(i -> contributions.add(new SsiScore.Contribution(i.name(), i.raw(), i.normalised(), 0, 0)));
            return new SsiScore.PillarScore(pillar, null, SsiReason.FEW_INPUTS.say(String.join(", ", missing)), contributions);
        }
        double score = 0;
        for (var i : inputs) {
            double w = i.raw() == null ? 0 : weights.get(i.name()) / present;
            double c = i.raw() == null ? 0 : i.normalised() * w;
            score += c;
            contributions.add(new SsiScore.Contribution(i.name(), i.raw(), i.normalised(), w, c));
        }
        return new SsiScore.PillarScore(pillar, score, null, contributions);
    }
}
