package io.picktartup.ssi.boundary;

import io.picktartup.platform.control.Jsons;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbNillable;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A startup's latest Startup Success Index explained, as its page and the API show it: the overall (null = not
 * enough data, with the reasons), the pillars with their inputs (raw value, value normalised to 0..100, weight,
 * points contributed, and the change in points since the previous score), the movers (the inputs whose points of the
 * overall changed most since the previous score, at most {@value #MOVERS}), and the history for the chart (oldest
 * first). Worked out here, from the stored explanations, so every reader gets the same answer.
 */
@JsonbNillable
public record SsiView(String startupId, boolean scored, String modelVersion, LocalDate scoredOn, BigDecimal overall,
                      boolean enoughData, List<String> reasons, Map<String, Pillar> pillars, Change change,
                      List<Mover> movers, List<Point> history) {

    /** A pillar: its score (null when not scored, with the reason), its weight in the overall and its inputs. */
    @JsonbNillable
    public record Pillar(BigDecimal score, String reason, Double weight, Double change, List<Input> inputs) {
    }

    /** One input: raw, normalised (0..100), weight in its pillar, points in its pillar, change of those points. */
    @JsonbNillable
    public record Input(String input, Double raw, Double normalised, Double weight, Double contribution, Double change) {
    }

    /** The change since the previous score: overall and per pillar (null where either was not scored). */
    @JsonbNillable
    public record Change(LocalDate since, String sinceModelVersion, Double overall, Map<String, Double> pillars) {
    }

    /** An input's change in points of the overall index since the previous score. */
    public record Mover(String pillar, String input, double overallPoints) {
    }

    /** One day of history. */
    @JsonbNillable
    public record Point(LocalDate scoredOn, String modelVersion, BigDecimal overall, BigDecimal team, BigDecimal product,
                        BigDecimal potential, BigDecimal performance) {
    }

    /** The movers listed. */
    public static final int MOVERS = 5;

    /** A startup not scored yet. */
    public static SsiView unscored(String startupId) {
        return of(startupId, List.of());
    }

    /** From a startup's stored scores, newest first (see {@link SsiHistory#recent}). */
    static SsiView of(String startupId, List<SsiHistory.Stored> recent) {
        var history = new ArrayList<Point>();
        for (int i = recent.size() - 1; i >= 0; i--) {
            var s = recent.get(i);
            history.add(new Point(s.scoredOn(), s.modelVersion(), s.overall(), s.team(), s.product(), s.potential(),
                    s.performance()));
        }
        if (recent.isEmpty()) {
            return new SsiView(startupId, false, null, null, null, false, List.of("not scored yet"), Map.of(), null,
                    List.of(), history);
        }
        var latest = recent.get(0);
        var previous = recent.size() > 1 ? recent.get(1) : null;
        JsonObject now = Jsons.object(latest.explanation());
        JsonObject before = previous == null ? null : Jsons.object(previous.explanation());

        Map<String, Double> pillarWeights = new HashMap<>();
        for (var p : now.getJsonObject("overall").getJsonArray("inputs")) {
            var a = p.asJsonArray();
            pillarWeights.put(a.getString(0), number(a, 3));
        }
        Map<String, Double> previousWeights = new HashMap<>();
        if (before != null) {
            for (var p : before.getJsonObject("overall").getJsonArray("inputs")) {
                var a = p.asJsonArray();
                previousWeights.put(a.getString(0), number(a, 3));
            }
        }
        var pillars = new LinkedHashMap<String, Pillar>();
        var pillarChanges = new LinkedHashMap<String, Double>();
        var movers = new ArrayList<Mover>();
        for (var e : now.getJsonObject("pillars").entrySet()) {
            String name = e.getKey();
            JsonObject p = e.getValue().asJsonObject();
            JsonObject old = before == null || !before.getJsonObject("pillars").containsKey(name) ? null
                    : before.getJsonObject("pillars").getJsonObject(name);
            Map<String, Double> oldPoints = new HashMap<>();
            if (old != null) {
                old.getJsonArray("inputs").forEach(v -> oldPoints.put(v.asJsonArray().getString(0), number(v.asJsonArray(), 4)));
            }
            var inputs = new ArrayList<Input>();
            double weight = pillarWeights.getOrDefault(name, 0.0);
            double oldWeight = previousWeights.getOrDefault(name, 0.0);
            for (var v : p.getJsonArray("inputs")) {
                var a = v.asJsonArray();
                String input = a.getString(0);
                Double points = number(a, 4);
                Double change = old == null ? null : round2(points - oldPoints.getOrDefault(input, 0.0));
                inputs.add(new Input(input, number(a, 1), number(a, 2), number(a, 3), points, change));
                if (old != null) {
                    double moved = points * weight - oldPoints.getOrDefault(input, 0.0) * oldWeight;
                    movers.add(new Mover(name, input, round2(moved)));
                }
            }
            Double score = number(p, "score");
            Double oldScore = old == null ? null : number(old, "score");
            Double change = score == null || oldScore == null ? null : round2(score - oldScore);
            pillarChanges.put(name, change);
            pillars.put(name, new Pillar(score == null ? null : BigDecimal.valueOf(score), p.isNull("reason") ? null
                    : p.getString("reason"), weight, change, inputs));
        }
        movers.removeIf(m -> m.overallPoints() == 0);
        movers.sort(Comparator.comparingDouble((Mover m) -> -Math.abs(m.overallPoints())));
        var reasons = now.getJsonArray("reasons").getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString).toList();
        Change change = previous == null ? null : new Change(previous.scoredOn(), previous.modelVersion(),
                latest.overall() == null || previous.overall() == null ? null
                        : latest.overall().subtract(previous.overall()).doubleValue(), pillarChanges);
        return new SsiView(startupId, true, latest.modelVersion(), latest.scoredOn(), latest.overall(),
                latest.enoughData(), reasons, pillars, change, movers.subList(0, Math.min(MOVERS, movers.size())), history);
    }

    private static Double number(JsonArray a, int i) {
        return a.isNull(i) ? null : a.getJsonNumber(i).doubleValue();
    }

    private static Double number(JsonObject o, String key) {
        return !o.containsKey(key) || o.get(key).getValueType() == JsonValue.ValueType.NULL ? null
                : o.getJsonNumber(key).doubleValue();
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
