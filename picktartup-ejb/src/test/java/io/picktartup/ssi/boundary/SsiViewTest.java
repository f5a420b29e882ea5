package io.picktartup.ssi.boundary;

import io.picktartup.ssi.entity.Pillar;
import io.picktartup.ssi.entity.SsiScore;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The explained SSI from two stored scores: pillar changes and the movers, in points of the overall. */
class SsiViewTest {

    private static final UUID STARTUP = UUID.randomUUID();
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 27);

    /** A score with every pillar weighted 0.25 and the given inputs' contributions (points in their pillar). */
    private static SsiScore score(Map<Pillar, Map<String, Double>> contributions) {
        var pillars = new EnumMap<Pillar, SsiScore.PillarScore>(Pillar.class);
        var overallInputs = new ArrayList<SsiScore.Contribution>();
        double overall = 0;
        for (var p : contributions.entrySet()) {
            var inputs = new ArrayList<SsiScore.Contribution>();
            double pillarScore = 0;
            for (var input : p.getValue().entrySet()) {
                inputs.add(new SsiScore.Contribution(input.getKey(), 1.0, input.getValue() * 2, 0.5, input.getValue()));
                pillarScore += input.getValue();
            }
            pillars.put(p.getKey(), new SsiScore.PillarScore(p.getKey(), pillarScore, null, inputs));
            overallInputs.add(new SsiScore.Contribution(p.getKey().key(), pillarScore, pillarScore, 0.25, pillarScore * 0.25));
            overall += pillarScore * 0.25;
        }
        return new SsiScore(STARTUP, "ssi-1.0", overall, pillars, overallInputs, List.of());
    }

    private static SsiHistory.Stored stored(SsiScore score, LocalDate on) {
        return new SsiHistory.Stored(on, score.modelVersion(), BigDecimal.valueOf(SsiScore.round1(score.overall())),
                BigDecimal.valueOf(score.pillar(Pillar.TEAM)), BigDecimal.valueOf(score.pillar(Pillar.PRODUCT)),
                BigDecimal.valueOf(score.pillar(Pillar.POTENTIAL)), BigDecimal.valueOf(score.pillar(Pillar.PERFORMANCE)),
                true, score.explanationJson(), Instant.parse("2026-11-27T03:00:00Z"));
    }

    private static Map<Pillar, Map<String, Double>> contributions(double teamSize, double mauGrowth, double runway,
                                                                  double funding, double revenue) {
        return Map.of(Pillar.TEAM, Map.of("team_size", teamSize, "has_cto", 20.0),
                Pillar.PRODUCT, Map.of("mau_growth", mauGrowth, "retention", 30.0),
                Pillar.POTENTIAL, Map.of("funding_total_krw", funding),
                Pillar.PERFORMANCE, Map.of("revenue_growth", revenue, "runway_months", runway));
    }

    @Test
    void theMoversAreTheInputsWhosePointsOfTheOverallChangedMostBiggestFirst() {
        var before = stored(score(contributions(20, 10, 30, 40, 10)), TODAY.minusDays(1));
        // team_size +8 (2 points of the overall), mau_growth −20 (−5), runway −2 (−0.5), revenue +1 (+0.25)
        var now = stored(score(contributions(28, -10, 28, 40, 11)), TODAY);

        var view = SsiView.of(STARTUP.toString(), List.of(now, before));

        assertThat(view.scored()).isTrue();
        assertThat(view.movers()).extracting(m -> m.pillar() + "." + m.input() + " " + m.overallPoints())
                .containsExactly("product.mau_growth -5.0", "team.team_size 2.0", "performance.runway_months -0.5",
                        "performance.revenue_growth 0.25");
        assertThat(view.pillars().get("product").change()).isEqualTo(-20.0, within(1e-9));
        assertThat(view.pillars().get("potential").change()).isEqualTo(0.0, within(1e-9));
        assertThat(view.pillars().get("team").inputs()).filteredOn(i -> i.input().equals("team_size"))
                .singleElement().satisfies(i -> assertThat(i.change()).isEqualTo(8.0, within(1e-9)));
        assertThat(view.change().since()).isEqualTo(TODAY.minusDays(1));
        assertThat(view.history()).extracting(SsiView.Point::scoredOn).containsExactly(TODAY.minusDays(1), TODAY);
    }

    @Test
    void atMostFiveMoversAndNoneWithoutAPreviousScore() {
        var before = stored(score(contributions(20, 10, 30, 40, 10)), TODAY.minusDays(1));
        var now = stored(score(Map.of(Pillar.TEAM, Map.of("team_size", 21.0, "has_cto", 21.0),
                Pillar.PRODUCT, Map.of("mau_growth", 11.0, "retention", 31.0),
                Pillar.POTENTIAL, Map.of("funding_total_krw", 41.0),
                Pillar.PERFORMANCE, Map.of("revenue_growth", 11.0, "runway_months", 31.0))), TODAY);
        assertThat(SsiView.of(STARTUP.toString(), List.of(now, before)).movers()).hasSize(SsiView.MOVERS);

        var first = SsiView.of(STARTUP.toString(), List.of(now));
        assertThat(first.movers()).isEmpty();
        assertThat(first.change()).isNull();
        assertThat(SsiView.unscored(STARTUP.toString()).scored()).isFalse();
    }
}
