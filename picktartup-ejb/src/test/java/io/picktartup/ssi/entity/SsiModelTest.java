package io.picktartup.ssi.entity;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SsiModelTest {

    static final LocalDate AS_OF = LocalDate.of(2026, 11, 27);
    static final Baselines PEERS = new Baselines(Map.of("fintech",
            new Baselines.SectorBaseline("fintech", 40, 0.3, 0.5, 0.6, 50_000.0, 2_000_000_000.0)));

    /** {@code months} monthly reports ending this month, each metric growing by {@code monthlyGrowth}. */
    static StartupFacts facts(int months, double monthlyGrowth, long burn) {
        var figures = new ArrayList<StartupFacts.Figure>();
        LocalDate first = AS_OF.withDayOfMonth(1).minusMonths(months - 1);
        for (int i = 0; i < months; i++) {
            double k = Math.pow(1 + monthlyGrowth, i);
            long revenue = Math.round(50_000_000 * k);
            figures.add(new StartupFacts.Figure(first.plusMonths(i), (int) Math.round(10 * k), Math.round(40_000 * k),
                    new BigDecimal("0.55"), revenue, revenue / 10 - 20_000_000, 1_500_000_000L, burn));
        }
        return new StartupFacts(UUID.randomUUID(), "Fintech ", LocalDate.of(2022, 3, 1), "SERIES_A",
                List.of(new StartupFacts.Member("CEO", LocalDate.of(2022, 3, 1)),
                        new StartupFacts.Member("CTO", LocalDate.of(2022, 6, 1)),
                        new StartupFacts.Member("CFO / 재무", LocalDate.of(2024, 1, 1))),
                figures, List.of(1_500_000_000L), List.of(new StartupFacts.Round("SUCCEEDED", 300_000_000L, 330_000_000L)));
    }

    static SsiScore score(StartupFacts facts) {
        return SsiModel.score(Features.of(facts, AS_OF), PEERS);
    }

    @Test
    void curvesAreBoundedMonotoneAndCentredOnTheMedian() {
        assertThat(SsiModel.relativeGrowth(0.6, 0.6, 0.5)).isEqualTo(50.0);
        assertThat(SsiModel.relativeLevel(50_000, 50_000)).isEqualTo(50.0, within(1e-9));
        assertThat(SsiModel.linear(-5, 0, 24)).isZero();
        assertThat(SsiModel.linear(100, 0, 24)).isEqualTo(100.0);
        assertThat(SsiModel.linear(12, 0, 24)).isEqualTo(50.0);
        double previous = -1;
        for (double g = -1; g <= 20; g += 0.05) {
            double n = SsiModel.relativeGrowth(g, 0.6, 0.5);
            assertThat(n).isBetween(0.0, 100.0).isGreaterThanOrEqualTo(previous);
            previous = n;
        }
    }

    @Test
    void weightsSumToOneInEveryPillarAndOverall() {
        assertThat(SsiModel.PILLAR_WEIGHTS.values().stream().mapToDouble(Double::doubleValue).sum()).isEqualTo(1.0, within(1e-12));
        SsiModel.INPUT_WEIGHTS.forEach((pillar, weights) ->
                assertThat(weights.values().stream().mapToDouble(Double::doubleValue).sum()).as(pillar.key())
                        .isEqualTo(1.0, within(1e-12)));
    }

    @Test
    void featuresAreAnnualisedOverTheLastYear() {
        var f = Features.of(facts(24, 0.05, 100_000_000L), AS_OF);
        assertThat(f.revenueGrowth()).isEqualTo(Math.pow(1.05, 12) - 1, within(1e-3));
        assertThat(f.mauMonths()).isEqualTo(24);
        assertThat(f.runwayMonths()).isEqualTo(15.0);
        assertThat(f.hasCto()).isTrue();
        assertThat(f.hasCfo()).isTrue();
        assertThat(f.sector()).isEqualTo("fintech");
        assertThat(f.fundingTotalKrw()).isEqualTo(1_830_000_000L);
        assertThat(f.roundAttainment()).isEqualTo(1.1, within(1e-9));
        // figures after the day scored do not count
        assertThat(Features.of(facts(24, 0.05, 100_000_000L), AS_OF.minusMonths(20)).monthsReported()).isEqualTo(4);
    }

    @Test
    void everyScoreIsTheSumOfItsExplainedContributions() {
        var s = score(facts(24, 0.05, 100_000_000L));
        assertThat(s.enoughData()).isTrue();
        assertThat(s.modelVersion()).isEqualTo("ssi-1.0");
        for (var p : s.pillars().values()) {
            assertThat(p.score()).as(p.pillar().key()).isNotNull().isBetween(0.0, 100.0);
            assertThat(p.inputs().stream().mapToDouble(SsiScore.Contribution::contribution).sum()).isEqualTo(p.score(), within(1e-9));
            assertThat(p.inputs().stream().mapToDouble(SsiScore.Contribution::weight).sum()).isEqualTo(1.0, within(1e-9));
            p.inputs().forEach(c -> assertThat(c.contribution()).isEqualTo(c.normalised() * c.weight(), within(1e-9)));
        }
        assertThat(s.overallInputs().stream().mapToDouble(SsiScore.Contribution::contribution).sum())
                .isEqualTo(s.overall(), within(1e-9));
        String json = s.explanationJson();
        assertThat(json).startsWith("{\"model\":\"ssi-1.0\"").contains("\"team\":{\"score\":").contains("[\"revenue_growth\",");
    }

    @Test
    void fasterGrowthNeverLowersAScore() {
        double previousPerformance = -1;
        double previousOverall = -1;
        for (double growth = -0.05; growth <= 0.2; growth += 0.01) {
            var s = score(facts(24, growth, 100_000_000L));
            assertThat(s.pillar(Pillar.PERFORMANCE)).isGreaterThanOrEqualTo(previousPerformance);
            assertThat(s.overall()).isGreaterThanOrEqualTo(previousOverall);
            previousPerformance = s.pillar(Pillar.PERFORMANCE);
            previousOverall = s.overall();
        }
        // and a longer runway never lowers performance either
        assertThat(score(facts(24, 0.05, 50_000_000L)).pillar(Pillar.PERFORMANCE))
                .isGreaterThan(score(facts(24, 0.05, 200_000_000L)).pillar(Pillar.PERFORMANCE));
    }

    @Test
    void aStartupIsJudgedAgainstItsSector() {
        var fast = Features.of(facts(24, 0.05, 100_000_000L), AS_OF);
        var hotSector = new Baselines(Map.of("fintech",
                new Baselines.SectorBaseline("fintech", 40, 0.3, 0.5, 3.0, 50_000.0, 2_000_000_000.0)));
        assertThat(SsiModel.score(fast, hotSector).pillar(Pillar.PERFORMANCE))
                .isLessThan(SsiModel.score(fast, PEERS).pillar(Pillar.PERFORMANCE));
        // a sector without its own baseline falls back to all startups', then to neutral defaults
        assertThat(new Baselines(Map.of()).median("fintech", Baselines.Metric.REVENUE_GROWTH)).isZero();
        var all = new Baselines(Map.of(Baselines.ALL, new Baselines.SectorBaseline("*", 9, null, null, 0.9, null, null)));
        assertThat(all.median("Fintech", Baselines.Metric.REVENUE_GROWTH)).isEqualTo(0.9);
    }

    @Test
    void twoMonthsOfFiguresIsNotEnoughDataNeverAMadeUpNumber() {
        var s = score(facts(2, 0.05, 100_000_000L));
        assertThat(s.overall()).isNull();
        assertThat(s.enoughData()).isFalse();
        assertThat(s.pillar(Pillar.PRODUCT)).isNull();
        assertThat(s.pillar(Pillar.PERFORMANCE)).isNull();
        assertThat(s.pillars().get(Pillar.PERFORMANCE).reason()).contains("fewer than 6 months of revenue (2)");
        assertThat(s.reasons().get(0)).startsWith("not enough data: 2 of 4 pillars scored");
        assertThat(s.explanationJson()).contains("\"overall\":{\"score\":null");
    }

    @Test
    void noTeamMeansNoTeamPillarButThreeOthersStillMakeAnIndex() {
        var full = facts(12, 0.03, 100_000_000L);
        var noTeam = new StartupFacts(full.id(), full.sector(), full.foundedOn(), full.stage(), List.of(), full.figures(),
                full.externalRoundsKrw(), full.rounds());
        var s = score(noTeam);
        assertThat(s.pillar(Pillar.TEAM)).isNull();
        assertThat(s.pillars().get(Pillar.TEAM).reason()).isEqualTo("no team members listed");
        assertThat(s.overall()).isNotNull();
        // the three scored pillars' weights are scaled to sum to 1
        assertThat(s.overallInputs().stream().mapToDouble(SsiScore.Contribution::weight).sum()).isEqualTo(1.0, within(1e-9));
    }

    @Test
    void aPillarWithTooFewMeasurableInputsIsNotScored() {
        // revenue reported for six months but no cash, burn or profit: only revenue growth (weight 0.4 < 0.5)
        var figures = new ArrayList<StartupFacts.Figure>();
        for (int i = 0; i < 6; i++) {
            figures.add(new StartupFacts.Figure(AS_OF.withDayOfMonth(1).minusMonths(5 - i), null, null, null,
                    10_000_000L * (i + 1), null, null, null));
        }
        var facts = new StartupFacts(UUID.randomUUID(), "fintech", LocalDate.of(2024, 1, 1), "SEED", List.of(),
                figures, List.of(), List.of());
        var p = score(facts).pillars().get(Pillar.PERFORMANCE);
        assertThat(p.score()).isNull();
        assertThat(p.reason()).startsWith("too few measurable inputs");
    }
}
