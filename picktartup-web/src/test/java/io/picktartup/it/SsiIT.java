package io.picktartup.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.Date;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Startup Success Index end to end: startups with strong, weak and too few figures (team and figures inserted
 * straight into their tables for now), the ssi-scoring job started through the admin API (partitioned: the tests set
 * the threshold to 3 startups), its step metrics, the stored scores and the copy on the startup, a re-run the same
 * day, an admin's score-now, and the public API's explanation and history.
 */
@ExtendWith(RunningPlatform.class)
class SsiIT {

    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

    @Test
    void scoresStartupsNightlyExplainsThemAndKeepsOneRowPerDay() throws Exception {
        var strong = Funding.startup("SSI Strong");
        var weak = Funding.startup("SSI Weak");
        var thin = Funding.startup("SSI Thin");
        try (var db = RunningPlatform.database()) {
            team(db, strong.id(), "CEO", "CTO", "CFO", "Designer", "Engineer");
            team(db, weak.id(), "CEO");
            team(db, thin.id(), "CEO", "CTO");
            figures(db, strong.id(), 24, 0.04, 0.62, 0.10, 3_000_000_000L);
            figures(db, weak.id(), 24, -0.02, 0.25, -0.80, 150_000_000L);
            figures(db, thin.id(), 2, 0.05, 0.5, 0.0, 500_000_000L);
            external(db, strong.id(), 2_000_000_000L);
            external(db, weak.id(), 100_000_000L);
            external(db, thin.id(), 300_000_000L);
        }

        var first = runJob();
        assertThat(first.getString("batchStatus")).as(first.toString()).isEqualTo("COMPLETED");
        int startups = (int) ChainIT.count("select count(*) from startup");
        assertThat(steps(first)).containsExactly("prepare", "features", "baselines", "score", "report");
        assertThat(first.getString("exitStatus")).contains(" startups, ").contains("with enough data");
        var metrics = step(first, "score").getJsonObject("metrics");
        assertThat(metrics.getJsonNumber("READ_COUNT").longValue()).isEqualTo(startups);
        assertThat(metrics.getJsonNumber("WRITE_COUNT").longValue()).isEqualTo(startups);
        assertThat(metrics.getJsonNumber("ROLLBACK_COUNT").longValue()).isZero();
        // the features step draws one row of features per startup, in SQL
        assertThat(ChainIT.count("select count(*) from ssi_feature")).isEqualTo(startups);

        try (var db = RunningPlatform.database()) {
            LocalDate day = scoredOn(db, strong.id());
            assertThat(day).isAfterOrEqualTo(LocalDate.now(SEOUL).minusDays(1));
            double strongOverall = overall(db, strong.id(), day);
            double weakOverall = overall(db, weak.id(), day);
            assertThat(strongOverall).isGreaterThan(weakOverall + 20);
            // the latest overall is on the startup for search; null when not enough data
            assertThat(ChainIT.count("select count(*) from startup where id = '" + strong.id() + "' and ssi_overall = "
                    + strongOverall + " and ssi_scored_at is not null")).isEqualTo(1);
            assertThat(ChainIT.count("select count(*) from ssi_score where startup_id = '" + thin.id()
                    + "' and overall is null and not enough_data and product is null and performance is null")).isEqualTo(1);
            assertThat(ChainIT.count("select count(*) from startup where id = '" + thin.id() + "' and ssi_overall is null"))
                    .isEqualTo(1);
            assertThat(ChainIT.count("select count(*) from ssi_score where scored_on = '" + day + "' and model_version = 'ssi-1.0'"))
                    .isEqualTo(startups);
        }

        // the job draws features in SQL; score-now draws them in Java (Features.of, the unit-tested definition) from the
        // same facts: the very same score and explanation
        String jobExplanation = explanation(weak.id());
        var rescored = Accounts.call("POST", "/api/admin/startups/" + weak.id() + "/ssi", Funding.admin(), null);
        assertThat(rescored.statusCode()).as(rescored.body()).isEqualTo(200);
        assertThat(explanation(weak.id())).isEqualTo(jobExplanation);

        // the same day again: the day's rows are replaced, not duplicated
        var second = runJob();
        assertThat(second.getString("batchStatus")).isEqualTo("COMPLETED");
        assertThat(ChainIT.count("select count(*) from ssi_score where startup_id in ('" + strong.id() + "', '"
                + weak.id() + "', '" + thin.id() + "')")).isEqualTo(3);

        // not enough data, explained
        var thinView = ssi(thin.id());
        assertThat(thinView.getBoolean("enoughData")).isFalse();
        assertThat(thinView.isNull("overall")).isTrue();
        assertThat(thinView.getJsonArray("reasons").getString(0)).startsWith("not enough data");
        assertThat(thinView.getJsonObject("pillars").getJsonObject("performance").getString("reason"))
                .contains("fewer than 6 months of revenue (2)");

        // yesterday's score (as the job left it), then better figures, then an admin scores the startup now
        try (var db = RunningPlatform.database()) {
            db.createStatement().executeUpdate("""
                    insert into ssi_score (startup_id, scored_on, model_version, overall, team, product, potential,
                                           performance, enough_data, explanation, computed_at)
                    select startup_id, scored_on - 1, model_version, overall, team, product, potential, performance,
                           enough_data, explanation, computed_at - interval '1 day'
                    from ssi_score where startup_id = '%s'""".formatted(strong.id()));
            db.createStatement().executeUpdate("update startup_figure set revenue_krw = revenue_krw * 3, operating_profit_krw = operating_profit_krw * 3 where startup_id = '"
                    + strong.id() + "' and period = (select max(period) from startup_figure where startup_id = '"
                    + strong.id() + "')");
        }
        var before = ssi(strong.id());
        var scored = Accounts.call("POST", "/api/admin/startups/" + strong.id() + "/ssi", Funding.admin(), null);
        assertThat(scored.statusCode()).as(scored.body()).isEqualTo(200);
        var view = Http.json(scored);
        assertThat(view.getString("modelVersion")).isEqualTo("ssi-1.0");
        assertThat(view.getBoolean("enoughData")).isTrue();
        assertThat(view.getJsonNumber("overall").doubleValue()).isGreaterThanOrEqualTo(before.getJsonNumber("overall").doubleValue());
        var performance = view.getJsonObject("pillars").getJsonObject("performance");
        var revenueGrowth = input(performance, "revenue_growth");
        assertThat(revenueGrowth.getJsonNumber("change").doubleValue()).isPositive();
        assertThat(performance.getJsonNumber("change").doubleValue()).isPositive();
        // each pillar is the sum of its inputs' points, and the weights add up to one
        for (var pillar : view.getJsonObject("pillars").values()) {
            var p = pillar.asJsonObject();
            double sum = p.getJsonArray("inputs").stream().mapToDouble(i -> i.asJsonObject().getJsonNumber("contribution").doubleValue()).sum();
            assertThat(sum).isCloseTo(p.getJsonNumber("score").doubleValue(), org.assertj.core.data.Offset.offset(0.06));
            double weights = p.getJsonArray("inputs").stream().mapToDouble(i -> i.asJsonObject().getJsonNumber("weight").doubleValue()).sum();
            assertThat(weights).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.001));
        }
        // what moved it: revenue growth, compared with yesterday
        assertThat(view.getJsonArray("movers").getJsonObject(0).getString("input")).isEqualTo("revenue_growth");
        var change = view.getJsonObject("change");
        LocalDate today = LocalDate.parse(view.getString("scoredOn"));
        assertThat(change.getString("since")).isEqualTo(today.minusDays(1).toString());
        // the history: one point per day, oldest first
        var history = view.getJsonArray("history");
        assertThat(history).hasSize(2);
        assertThat(history.getJsonObject(0).getString("scoredOn")).isEqualTo(today.minusDays(1).toString());
        assertThat(history.getJsonObject(1).getString("scoredOn")).isEqualTo(today.toString());
        assertThat(history.getJsonObject(1).getJsonNumber("overall").doubleValue()).isEqualTo(view.getJsonNumber("overall").doubleValue());
        assertThat(ChainIT.count("select count(*) from ssi_score where startup_id = '" + strong.id() + "'")).isEqualTo(2);
        assertThat(ChainIT.count("select count(*) from audit_event where action = 'ssi.scored' and subject_id = '"
                + strong.id() + "'")).isEqualTo(1);
        assertThat(ssi(strong.id()).getJsonNumber("overall").doubleValue()).isEqualTo(view.getJsonNumber("overall").doubleValue());
    }

    @Test
    void anUnknownStartupIsAProblem() {
        for (String id : List.of(UUID.randomUUID().toString(), "not-a-uuid")) {
            var response = Http.get("/api/startups/" + id + "/ssi");
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(Http.json(response).getString("code")).isEqualTo("resource.not-found");
        }
        var admin = Accounts.call("POST", "/api/admin/startups/" + UUID.randomUUID() + "/ssi", Funding.admin(), null);
        assertThat(admin.statusCode()).isEqualTo(404);
    }

    @Test
    void aStartupNeverScoredSaysSo() throws Exception {
        var fresh = Funding.startup("SSI Fresh");
        // a concurrent job may score it; either way the view is consistent
        var view = ssi(fresh.id());
        if (!view.getBoolean("scored")) {
            assertThat(view.isNull("overall")).isTrue();
            assertThat(view.getJsonArray("reasons").getString(0)).isEqualTo("not scored yet");
            assertThat(view.getJsonArray("history")).isEmpty();
        } else {
            assertThat(view.getBoolean("enoughData")).isFalse();
        }
    }

    // ------------------------------------------------------------------ helpers

    static String explanation(String startup) throws SQLException {
        try (var db = RunningPlatform.database();
             var rs = db.createStatement().executeQuery("select explanation::text from ssi_score where startup_id = '"
                     + startup + "' order by scored_on desc limit 1")) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    static JsonObject ssi(String id) {
        var response = Http.get("/api/startups/" + id + "/ssi");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Http.json(response);
    }

    static JsonObject input(JsonObject pillar, String name) {
        return pillar.getJsonArray("inputs").stream().map(v -> v.asJsonObject())
                .filter(i -> i.getString("input").equals(name)).findFirst().orElseThrow();
    }

    static JsonObject runJob() throws Exception {
        var started = Accounts.call("POST", "/api/admin/jobs/ssi-scoring", Funding.admin(), null);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        long id = Http.json(started).getJsonNumber("id").longValue();
        JsonObject[] last = new JsonObject[1];
        ChainIT.await("ssi-scoring execution " + id + " ended", () -> {
            var response = Accounts.call("GET", "/api/admin/jobs/executions/" + id, Funding.admin(), null);
            last[0] = Http.json(response);
            return List.of("COMPLETED", "FAILED", "STOPPED", "ABANDONED").contains(last[0].getString("batchStatus"));
        }, Duration.ofSeconds(120));
        return last[0];
    }

    static List<String> steps(JsonObject execution) {
        var names = new ArrayList<String>();
        execution.getJsonArray("steps").forEach(s -> names.add(s.asJsonObject().getString("name")));
        return names;
    }

    static JsonObject step(JsonObject execution, String name) {
        return execution.getJsonArray("steps").stream().map(v -> v.asJsonObject())
                .filter(s -> s.getString("name").equals(name)).findFirst().orElseThrow();
    }

    static LocalDate scoredOn(Connection db, String startup) throws SQLException {
        var rs = db.createStatement().executeQuery("select max(scored_on) from ssi_score where startup_id = '" + startup + "'");
        rs.next();
        return rs.getObject(1, LocalDate.class);
    }

    static double overall(Connection db, String startup, LocalDate day) throws SQLException {
        var rs = db.createStatement().executeQuery("select overall from ssi_score where startup_id = '" + startup
                + "' and scored_on = '" + day + "'");
        assertThat(rs.next()).isTrue();
        return rs.getBigDecimal(1).doubleValue();
    }

    static void team(Connection db, String startup, String... roles) throws SQLException {
        try (var ps = db.prepareStatement("insert into startup_member (id, startup_id, position, name, role, joined_on)"
                + " values (?, ?::uuid, ?, ?, ?, ?)")) {
            for (int i = 0; i < roles.length; i++) {
                ps.setObject(1, UUID.randomUUID());
                ps.setString(2, startup);
                ps.setInt(3, i);
                ps.setString(4, "Member " + i);
                ps.setString(5, roles[i]);
                ps.setObject(6, LocalDate.now(SEOUL).minusMonths(30 - 4L * i));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** {@code months} monthly reports up to this month, growing by {@code growth} a month. */
    static void figures(Connection db, String startup, int months, double growth, double retention, double margin,
                        long cash) throws SQLException {
        LocalDate first = LocalDate.now(SEOUL).withDayOfMonth(1).minusMonths(months - 1);
        try (var ps = db.prepareStatement("""
                insert into startup_figure (startup_id, period, headcount, mau, retention, revenue_krw,
                    operating_profit_krw, cash_krw, burn_krw, updated_at) values (?::uuid, ?, ?, ?, ?, ?, ?, ?, ?, now())""")) {
            for (int i = 0; i < months; i++) {
                double k = Math.pow(1 + growth, i);
                long revenue = Math.round(80_000_000 * k);
                ps.setString(1, startup);
                ps.setDate(2, Date.valueOf(first.plusMonths(i)));
                ps.setInt(3, (int) Math.max(1, Math.round(8 * k)));
                ps.setLong(4, Math.round(30_000 * k));
                ps.setBigDecimal(5, java.math.BigDecimal.valueOf(retention));
                ps.setLong(6, revenue);
                ps.setLong(7, Math.round(revenue * margin));
                ps.setLong(8, cash);
                ps.setLong(9, 120_000_000L);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static void external(Connection db, String startup, long amount) throws SQLException {
        try (var ps = db.prepareStatement("insert into external_funding (id, startup_id, round_name, announced_on, amount_krw,"
                + " investors) values (?, ?::uuid, 'Seed', ?, ?, 'Angels')")) {
            ps.setObject(1, UUID.randomUUID());
            ps.setString(2, startup);
            ps.setObject(3, LocalDate.now(SEOUL).minusYears(1));
            ps.setLong(4, amount);
            ps.executeUpdate();
        }
    }
}
