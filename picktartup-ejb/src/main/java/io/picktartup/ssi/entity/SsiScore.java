package io.picktartup.ssi.entity;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One startup's index by one model version: the overall (null = not enough data), the four pillars (each null with a
 * reason when it cannot be scored), and for each pillar the inputs that made it, so a reader sees which inputs moved
 * the score. Contributions add up to the pillar score, pillar contributions to the overall.
 */
public record SsiScore(UUID startupId, String modelVersion, Double overall, Map<Pillar, PillarScore> pillars,
                       List<Contribution> overallInputs, List<String> reasons) {

    public SsiScore {
        pillars = new EnumMap<>(pillars);
        overallInputs = List.copyOf(overallInputs);
        reasons = List.copyOf(reasons);
    }

    public boolean enoughData() {
        return overall != null;
    }

    public Double pillar(Pillar pillar) {
        var p = pillars.get(pillar);
        return p == null ? null : p.score();
    }

    /** A pillar's score (null with a reason when not scored) and its inputs. */
    public record PillarScore(Pillar pillar, Double score, String reason, List<Contribution> inputs) {
        public PillarScore {
            inputs = List.copyOf(inputs);
        }
    }

    /**
     * One input's part in a score: its raw value (null = not measurable, then weight and contribution are 0), the
     * value normalised to 0..100, the weight it carried (after leaving out missing inputs) and the points it added
     * (normalised x weight).
     */
    public record Contribution(String input, Double raw, Double normalised, double weight, double contribution) {
    }

    /** Scores are stored and shown with one decimal (numeric(5,1)). */
    public static Double round1(Double score) {
        return score == null ? null : Math.round(score * 10) / 10.0;
    }

    /**
     * The explanation as stored (json): compact, because it is written for every startup every night. Each input is
     * {@code [name, raw, normalised, weight, contribution]}; the API expands it.
     * <pre>{"model":"ssi-1.0","overall":{"score":61.2,"inputs":[...]},"reasons":[...],
     *  "pillars":{"team":{"score":55.0,"reason":null,"inputs":[["team_size",6,66.2,0.25,16.55],...]},...}}</pre>
     */
    public String explanationJson() {
        var json = new StringBuilder(1024);
        json.append("{\"model\":").append(str(modelVersion)).append(",\"overall\":{\"score\":").append(num(round1(overall)))
                .append(",\"inputs\":");
        inputs(json, overallInputs);
        json.append("},\"reasons\":[");
        for (int i = 0; i < reasons.size(); i++) {
            json.append(i == 0 ? "" : ",").append(str(reasons.get(i)));
        }
        json.append("],\"pillars\":{");
        boolean firstPillar = true;
        for (var p : pillars.values()) {
            json.append(firstPillar ? "" : ",").append(str(p.pillar().key())).append(":{\"score\":")
                    .append(num(round1(p.score()))).append(",\"reason\":").append(str(p.reason())).append(",\"inputs\":");
            inputs(json, p.inputs());
            json.append('}');
            firstPillar = false;
        }
        return json.append("}}").toString();
    }

    private static void inputs(StringBuilder json, List<Contribution> inputs) {
        json.append('[');
        for (int i = 0; i < inputs.size(); i++) {
            var c = inputs.get(i);
            json.append(i == 0 ? "[" : ",[").append(str(c.input())).append(',').append(num(c.raw() == null ? null
                            : Math.round(c.raw() * 10_000) / 10_000.0)).append(',').append(num(round2(c.normalised())))
                    .append(',').append(num(Math.round(c.weight() * 10_000) / 10_000.0)).append(',')
                    .append(num(round2(c.contribution()))).append(']');
        }
        json.append(']');
    }

    private static Double round2(Double v) {
        return v == null ? null : Math.round(v * 100) / 100.0;
    }

    private static String num(Double v) {
        if (v == null) {
            return "null";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString(v.longValue()) : v.toString();
    }

    private static String str(String s) {
        if (s == null) {
            return "null";
        }
        var out = new StringBuilder(s.length() + 2).append('"');
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (ch < 0x20) {
                        out.append(String.format("\\u%04x", (int) ch));
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
