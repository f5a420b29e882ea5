package io.picktartup.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The startup information platform through its API: a CEO keeps her startup's profile, team, figures and funding
 * history current, every change audited old → new, nobody else may, bad input changes nothing; and the catalogue's
 * search finds Korean partial words and English prefixes, filters, sorts and pages.
 */
@ExtendWith(RunningPlatform.class)
class StartupInformationIT {

    private static final YearMonth THIS_MONTH = YearMonth.now(ZoneId.of("Asia/Seoul"));

    @Test
    void aCeoKeepsHerStartupCurrentAndEveryChangeIsAudited() throws Exception {
        var startup = Funding.startup("Nabi");
        String ceo = startup.ceo().accessToken();

        var profile = put(ceo, "/api/startups/" + startup.id() + "/profile", profile(startup.name(), "Nabi Robotics",
                "Logistics", "SERIES_A", "나비로보틱스", "Nabi"));
        assertThat(profile.statusCode()).as(profile.body()).isEqualTo(200);

        var team = put(ceo, "/api/startups/" + startup.id() + "/team", """
                [{"name": "김나비", "role": "CEO", "joinedOn": "2021-03-02"},
                 {"name": "Alex Park", "role": "CTO", "joinedOn": "2021-06-01", "bio": "ex-Naver"},
                 {"name": "이하늘", "role": "CFO"}]""");
        assertThat(team.statusCode()).as(team.body()).isEqualTo(200);

        var figures = put(ceo, "/api/startups/" + startup.id() + "/figures", figures(
                month(THIS_MONTH.minusMonths(2), 10, 1_000, "0.41", 50_000_000),
                month(THIS_MONTH.minusMonths(1), 12, 1_500, "0.45", 80_000_000)));
        assertThat(figures.statusCode()).as(figures.body()).isEqualTo(200);

        var outside = Accounts.call("POST", "/api/startups/" + startup.id() + "/external-rounds", ceo,
                Accounts.body("roundName", "Seed", "announcedOn", "2022-05-10", "amountKrw", "1500000000",
                        "investors", "Kakao Ventures"));
        assertThat(outside.statusCode()).as(outside.body()).isEqualTo(201);

        var detail = Http.json(Http.get("/api/startups/" + startup.id()));
        assertThat(detail.getString("nameEn")).isEqualTo("Nabi Robotics");
        assertThat(detail.getString("stage")).isEqualTo("SERIES_A");
        assertThat(detail.getJsonArray("aliases").getValuesAs(jakarta.json.JsonString.class))
                .extracting(jakarta.json.JsonString::getString).containsExactly("나비로보틱스", "Nabi");
        assertThat(detail.getJsonArray("team").getValuesAs(JsonObject.class)).extracting(m -> m.getString("role"))
                .containsExactly("CEO", "CTO", "CFO");
        var months = detail.getJsonArray("figures").getValuesAs(JsonObject.class);
        assertThat(months).extracting(m -> m.getString("period"))
                .containsExactly(THIS_MONTH.minusMonths(2).toString(), THIS_MONTH.minusMonths(1).toString());
        assertThat(months.get(1).getJsonNumber("revenueKrw").longValueExact()).isEqualTo(80_000_000L);
        assertThat(months.get(1).getJsonNumber("retention").bigDecimalValue()).isEqualByComparingTo("0.45");
        assertThat(detail.getJsonArray("fundingHistory").getValuesAs(JsonObject.class))
                .extracting(f -> f.getString("source") + " " + f.getString("name") + " " + f.getJsonNumber("amountKrw"))
                .containsExactly("OUTSIDE Seed 1500000000");

        assertThat(audit(startup.id(), "startup.profile.stage")).containsExactly("SEED -> SERIES_A");
        assertThat(audit(startup.id(), "startup.profile.nameEn")).containsExactly("null -> Nabi Robotics");
        assertThat(audit(startup.id(), "startup.team")).hasSize(1);
        assertThat(audit(startup.id(), "startup.figures")).hasSize(2);
        assertThat(actors(startup.id())).containsOnly(startup.ceo().id());

        // the same report again changes nothing and audits nothing; one changed figure is one audited change
        put(ceo, "/api/startups/" + startup.id() + "/figures", figures(
                month(THIS_MONTH.minusMonths(2), 10, 1_000, "0.4100", 50_000_000)));
        assertThat(audit(startup.id(), "startup.figures")).hasSize(2);
        put(ceo, "/api/startups/" + startup.id() + "/figures", figures(
                month(THIS_MONTH.minusMonths(1), 14, 1_500, "0.45", 80_000_000)));
        assertThat(audit(startup.id(), "startup.figures")).hasSize(3).last().satisfies(change -> assertThat(change)
                .startsWith(THIS_MONTH.minusMonths(1) + ": headcount=12,")
                .contains(" -> " + THIS_MONTH.minusMonths(1) + ": headcount=14,"));

        // outside rounds can be removed again (a typo), audited too
        String roundId = Http.json(outside).getJsonArray("fundingHistory").getJsonObject(0).getString("id");
        var removed = Accounts.call("DELETE", "/api/startups/" + startup.id() + "/external-rounds/" + roundId, ceo, null);
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(204);
        assertThat(Http.json(Http.get("/api/startups/" + startup.id())).getJsonArray("fundingHistory")).isEmpty();
        assertThat(audit(startup.id(), "startup.external-round.removed")).hasSize(1);
    }

    @Test
    void onlyItsCeoAndAdminsMayChangeAStartup() throws Exception {
        var startup = Funding.startup("Gom");
        var other = Funding.startup("Other");
        var investor = Accounts.Session.open("reader");
        String path = "/api/startups/" + startup.id() + "/figures";
        String body = figures(month(THIS_MONTH.minusMonths(1), 3, 10, null, 0));

        var foreignCeo = put(other.ceo().accessToken(), path, body);
        assertThat(foreignCeo.statusCode()).as(foreignCeo.body()).isEqualTo(403);
        assertThat(Http.json(foreignCeo).getString("code")).isEqualTo("startup.not-yours");
        assertThat(put(investor.accessToken(), path, body).statusCode()).isEqualTo(403);
        assertThat(Http.request("PUT", path, java.util.Map.of("Content-Type", "application/json"), body).statusCode())
                .isEqualTo(401);
        assertThat(Http.json(Http.get("/api/startups/" + startup.id())).getJsonArray("figures")).isEmpty();

        var byAdmin = put(Funding.admin(), path, body);
        assertThat(byAdmin.statusCode()).as(byAdmin.body()).isEqualTo(200);
        assertThat(actors(startup.id())).hasSize(1).doesNotContain(startup.ceo().id());
    }

    @Test
    void badInputNamesEveryFieldAndChangesNothing() throws Exception {
        var startup = Funding.startup("Sae");
        String ceo = startup.ceo().accessToken();
        put(ceo, "/api/startups/" + startup.id() + "/figures", figures(month(THIS_MONTH.minusMonths(3), 5, 100, null, 0)));

        var badFigures = put(ceo, "/api/startups/" + startup.id() + "/figures", figures(
                month(THIS_MONTH.minusMonths(3), 6, 120, null, 0),          // fine alone, but the request fails as a whole
                month(THIS_MONTH.minusMonths(2), -4, 100, null, 0),
                month(THIS_MONTH.plusMonths(1), 5, 100, "1.5", 0)));
        assertThat(fields(badFigures)).containsExactlyInAnyOrder("figures[1].headcount", "figures[2].period",
                "figures[2].retention");
        assertThat(Http.json(Http.get("/api/startups/" + startup.id())).getJsonArray("figures").getValuesAs(JsonObject.class))
                .extracting(m -> m.getInt("headcount")).containsExactly(5);

        var badProfile = put(ceo, "/api/startups/" + startup.id() + "/profile", Json.createObjectBuilder()
                .add("name", startup.name()).add("pitch", "p").add("description", "x".repeat(10_001))
                .add("sector", "Logistics").add("stage", "SERIES_Z").add("foundedOn", LocalDate.now().plusDays(3).toString())
                .add("website", "not a url").build().toString());
        assertThat(fields(badProfile)).containsExactlyInAnyOrder("description", "stage", "foundedOn", "website");

        var badTeam = put(ceo, "/api/startups/" + startup.id() + "/team", """
                [{"name": "김하나", "role": "CEO", "joinedOn": "2099-01-01"}, {"name": "", "role": "CTO"}]""");
        assertThat(fields(badTeam)).containsExactlyInAnyOrder("team[0].joinedOn", "team[1].name");

        var badRound = Accounts.call("POST", "/api/startups/" + startup.id() + "/external-rounds", ceo,
                Accounts.body("roundName", "Seed", "announcedOn", "yesterday", "amountKrw", "-5"));
        assertThat(fields(badRound)).containsExactlyInAnyOrder("announcedOn", "amountKrw");

        var detail = Http.json(Http.get("/api/startups/" + startup.id()));
        assertThat(detail.getString("stage")).isEqualTo("SEED");
        assertThat(detail.getJsonArray("team")).isEmpty();
        assertThat(detail.getJsonArray("fundingHistory")).isEmpty();
        assertThat(audit(startup.id(), "startup.figures")).hasSize(1);
    }

    @Test
    void searchFindsKoreanPartialWordsEnglishPrefixesAndTeamNames() throws Exception {
        String word = syllables(3);                       // a Korean word no other test uses, e.g. "겨뮤솔"
        String sector = "Sector " + syllables(2);
        var fintech = Funding.startup("A");
        put(fintech.ceo().accessToken(), "/api/startups/" + fintech.id() + "/profile",
                profile("토스" + word + "페이", "Otter" + latin() + "Pay", sector, "SEED"));
        put(fintech.ceo().accessToken(), "/api/startups/" + fintech.id() + "/team",
                "[{\"name\": \"" + word + "민준\", \"role\": \"CEO\"}]");
        var other = Funding.startup("B");
        put(other.ceo().accessToken(), "/api/startups/" + other.id() + "/profile",
                profile("다른회사" + syllables(2), "Different " + latin(), sector, "SERIES_A"));

        // two syllables from the middle of a Korean word find it (the index holds Hangul bigrams)
        assertThat(names(search("q=" + enc(word.substring(1, 3))))).contains("토스" + word + "페이")
                .doesNotContain(nameOf(other));
        assertThat(names(search("q=" + enc(word + "페")))).contains("토스" + word + "페이");
        // an English prefix, any case
        String en = Http.json(Http.get("/api/startups/" + fintech.id())).getString("nameEn");
        assertThat(names(search("q=" + enc(en.substring(0, 8).toLowerCase())))).containsExactly("토스" + word + "페이");
        // a team member's name
        assertThat(names(search("q=" + enc(word + "민준")))).containsExactly("토스" + word + "페이");
        // every term must match
        assertThat(names(search("q=" + enc(word + " " + syllables(3))))).isEmpty();
        // the sector filter is exact and case-insensitive; stage narrows it
        assertThat(search("sector=" + enc(sector.toUpperCase())).getInt("total")).isEqualTo(2);
        assertThat(names(search("sector=" + enc(sector) + "&stage=series-a"))).containsExactly(nameOf(other));
    }

    @Test
    void searchFiltersOnSsiAndOpenRoundsSortsAndPages() throws Exception {
        String sector = "Sector " + syllables(2);
        var startups = new java.util.ArrayList<Funding.Startup>();
        for (int i = 0; i < 5; i++) {
            var startup = Funding.startup("S" + i);
            put(startup.ceo().accessToken(), "/api/startups/" + startup.id() + "/profile",
                    profile(startup.name(), null, sector, "SEED"));
            startups.add(startup);
        }
        // the SSI job writes a startup's latest score here; the search reads it (no score: not enough data)
        setSsi(startups.get(0).id(), "81.5");
        setSsi(startups.get(1).id(), "42.0");
        setSsi(startups.get(2).id(), "67.3");
        var round = Funding.openRound(startups.get(3), "1000", "2000", "10", 1_000, Funding.inDays(20));

        String filter = "sector=" + enc(sector);
        assertThat(names(search(filter + "&sort=ssi&size=3"))).containsExactly(startups.get(0).name(),
                startups.get(2).name(), startups.get(1).name());
        assertThat(names(search(filter + "&ssiMin=50&ssiMax=80"))).containsExactly(startups.get(2).name());
        var open = search(filter + "&openRound=true").getJsonArray("items").getValuesAs(JsonObject.class);
        assertThat(open).extracting(h -> h.getString("name")).containsExactly(startups.get(3).name());
        assertThat(open.get(0).getJsonObject("openRound").getString("id")).isEqualTo(round.getString("id"));
        assertThat(open.get(0).getJsonObject("openRound").getInt("progressPercent")).isZero();
        assertThat(names(search(filter + "&sort=progress")).get(0)).isEqualTo(startups.get(3).name());

        var first = search(filter + "&sort=newest&size=2");
        var second = search(filter + "&sort=newest&size=2&page=1");
        var third = search(filter + "&sort=newest&size=2&page=2");
        assertThat(first.getInt("total")).isEqualTo(5);
        assertThat(names(first)).containsExactly(startups.get(4).name(), startups.get(3).name());
        assertThat(names(second)).containsExactly(startups.get(2).name(), startups.get(1).name());
        assertThat(names(third)).containsExactly(startups.get(0).name());

        var detail = Http.json(Http.get("/api/startups/" + startups.get(3).id()));
        assertThat(detail.getJsonObject("openRound").getString("id")).isEqualTo(round.getString("id"));
        assertThat(detail.getJsonArray("fundingHistory").getValuesAs(JsonObject.class))
                .extracting(f -> f.getString("source") + " " + f.getString("status")).containsExactly("PICKTARTUP OPEN");
    }

    @Test
    void aNearUniversalWordIsCheckedOnTheRowsTheRareWordFoundAndFindsTheSameStartups() throws Exception {
        String word = syllables(3);
        var stages = List.of("SEED", "SEED", "SERIES_A");
        for (int i = 0; i < stages.size(); i++) {
            var startup = Funding.startup("N" + i);
            // every profile's pitch says "delivery" (profile()): in the catalogue's statistics, a near-universal word
            put(startup.ceo().accessToken(), "/api/startups/" + startup.id() + "/profile",
                    profile(word + syllables(1) + i, null, "Sector " + syllables(2), stages.get(i)));
        }
        assertThat(search("q=" + enc(word + " delivery")).getInt("total")).isEqualTo(3);
        // a page past the last match still carries the total
        var past = search("q=" + enc(word) + "&size=2&page=3");
        assertThat(past.getInt("total")).isEqualTo(3);
        assertThat(past.getJsonArray("items")).isEmpty();

        // the same statement the API runs, planned as if "delivery" and "zebra" were in every startup: they are then
        // checked on the rows the rare word found, not looked up in the index, and the matches are the same
        var common = io.picktartup.startup.control.TermFrequencies.of(java.util.Map.of("delivery", 1.0, "zebra", 1.0));
        var seed = new io.picktartup.startup.boundary.StartupSearch.Request(word + " delivery", null, "SEED", null,
                null, false, null, null, null);
        var checked = io.picktartup.startup.boundary.StartupSearch.statement(seed, common);
        assertThat(checked.sql()).contains("ts_match_vq(");
        assertThat(run(checked)).isEqualTo(run(io.picktartup.startup.boundary.StartupSearch.statement(seed,
                io.picktartup.startup.control.TermFrequencies.NONE))).hasSize(3); // the total, then both hits
        assertThat(run(checked).get(0)).isEqualTo("2");
        assertThat(explain(checked)).noneMatch(line -> line.contains("Index Cond") && line.contains("delivery"))
                .anyMatch(line -> line.contains("ts_match_vq") && line.contains("delivery"));
        var none = new io.picktartup.startup.boundary.StartupSearch.Request(word + " zebra", null, null, null, null,
                false, null, null, null);
        assertThat(run(io.picktartup.startup.boundary.StartupSearch.statement(none, common))).containsExactly("0");

        // only near-universal words: nothing is looked up in the index, the rows are read and checked, and the
        // matches are the same as the index's
        var everywhere = new io.picktartup.startup.boundary.StartupSearch.Request("delivery", null, "SEED", null, null,
                false, null, null, null);
        var read = io.picktartup.startup.boundary.StartupSearch.statement(everywhere, common);
        assertThat(read.sql()).doesNotContain("@@").contains("ts_match_vq(");
        var looked = run(io.picktartup.startup.boundary.StartupSearch.statement(everywhere,
                io.picktartup.startup.control.TermFrequencies.NONE));
        assertThat(Integer.parseInt(looked.get(0))).isGreaterThanOrEqualTo(2);
        assertThat(run(read)).isEqualTo(looked);
        assertThat(explain(read)).noneMatch(line -> line.contains("Index Cond") && line.contains("delivery"));
    }

    @Test
    void aTypoGetsADidYouMeanAndBadParametersAreNamed() throws Exception {
        var startup = Funding.startup("Q");
        String name = "Quokka" + latin() + "labs";
        put(startup.ceo().accessToken(), "/api/startups/" + startup.id() + "/profile", profile(name, null, "AI", "SEED"));
        var typo = search("q=" + enc(name.replace("Quokka", "Qukka")));
        assertThat(typo.getInt("total")).isZero();
        assertThat(typo.getString("didYouMean")).isEqualTo(name);

        var bad = Http.get("/api/startups?ssiMin=90&ssiMax=10&size=1000&sort=random&stage=Z&page=x&openRound=maybe");
        assertThat(fields(bad)).containsExactlyInAnyOrder("ssiMax", "size", "sort", "stage", "page", "openRound");

        var sectors = Json.createReader(new java.io.StringReader(Http.get("/api/startups/sectors").body())).readArray();
        assertThat(sectors.getValuesAs(JsonObject.class)).extracting(s -> s.getString("sector")).contains("AI");
    }

    // --- helpers

    private static JsonObject search(String query) {
        var response = Http.get("/api/startups?" + query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Http.json(response);
    }

    private static List<String> names(JsonObject page) {
        return page.getJsonArray("items").getValuesAs(JsonObject.class).stream().map(h -> h.getString("name")).toList();
    }

    /** A search statement run over JDBC: the total, then each hit's id (none when the page is empty). */
    private static List<String> run(io.picktartup.startup.boundary.StartupSearch.Statement statement) throws SQLException {
        try (var db = RunningPlatform.database(); var query = prepare(db, "", statement); var rows = query.executeQuery()) {
            var out = new java.util.ArrayList<String>();
            while (rows.next()) {
                if (out.isEmpty()) {
                    out.add(rows.getString(1));
                }
                if (rows.getString(2) != null) {
                    out.add(rows.getString(2));
                }
            }
            return out;
        }
    }

    private static List<String> explain(io.picktartup.startup.boundary.StartupSearch.Statement statement) throws SQLException {
        try (var db = RunningPlatform.database(); var query = prepare(db, "explain ", statement); var rows = query.executeQuery()) {
            var out = new java.util.ArrayList<String>();
            while (rows.next()) {
                out.add(rows.getString(1));
            }
            return out;
        }
    }

    /** JPA numbers its parameters (?1, ?2…, each used once, in order); JDBC takes plain ?. */
    private static java.sql.PreparedStatement prepare(java.sql.Connection db, String prefix,
            io.picktartup.startup.boundary.StartupSearch.Statement statement) throws SQLException {
        var query = db.prepareStatement(prefix + statement.sql().replaceAll("\\?\\d+", "?"));
        for (int i = 0; i < statement.parameters().size(); i++) {
            query.setObject(i + 1, statement.parameters().get(i));
        }
        return query;
    }

    private static String nameOf(Funding.Startup startup) {
        return Http.json(Http.get("/api/startups/" + startup.id())).getString("name");
    }

    private static HttpResponse<String> put(String token, String path, String json) {
        return Accounts.call("PUT", path, token, json);
    }

    static String profile(String name, String nameEn, String sector, String stage, String... aliases) {
        var array = Json.createArrayBuilder();
        for (var alias : aliases) {
            array.add(alias);
        }
        var builder = Json.createObjectBuilder().add("name", name).add("pitch", "우리 동네 30분 배송 / 30-minute delivery")
                .add("description", "A startup in " + sector + ".").add("sector", sector).add("stage", stage)
                .add("foundedOn", "2021-03-02").add("aliases", array);
        if (nameEn != null) {
            builder.add("nameEn", nameEn);
        }
        return builder.build().toString();
    }

    static String month(YearMonth period, int headcount, long mau, String retention, long revenueKrw) {
        var builder = Json.createObjectBuilder().add("period", period.toString()).add("headcount", headcount)
                .add("mau", mau).add("revenueKrw", revenueKrw);
        if (retention != null) {
            builder.add("retention", new java.math.BigDecimal(retention));
        }
        return builder.build().toString();
    }

    static String figures(String... months) {
        return "[" + String.join(",", months) + "]";
    }

    private static List<String> fields(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/problem+json"));
        JsonArray violations = Http.json(response).getJsonArray("violations");
        return violations.getValuesAs(JsonObject.class).stream().map(v -> v.getString("field")).toList();
    }

    private static List<String> audit(String startupId, String action) throws SQLException {
        try (var db = RunningPlatform.database(); var query = db.prepareStatement("""
                select old_value, new_value from audit_event where subject_type = 'startup' and subject_id = ?
                and action = ? order by id""")) {
            query.setString(1, startupId);
            query.setString(2, action);
            var rows = query.executeQuery();
            var changes = new java.util.ArrayList<String>();
            while (rows.next()) {
                changes.add(rows.getString(1) + " -> " + rows.getString(2));
            }
            return changes;
        }
    }

    private static List<String> actors(String startupId) throws SQLException {
        try (var db = RunningPlatform.database(); var query = db.prepareStatement("""
                select distinct actor from audit_event where subject_type = 'startup' and subject_id = ?
                and action like 'startup.%' and action not in ('startup.registered')""")) {
            query.setString(1, startupId);
            var rows = query.executeQuery();
            var actors = new java.util.ArrayList<String>();
            while (rows.next()) {
                actors.add(rows.getString(1));
            }
            return actors;
        }
    }

    private static void setSsi(String startupId, String score) throws SQLException {
        try (var db = RunningPlatform.database(); var update = db.prepareStatement(
                "update startup set ssi_overall = ?, ssi_scored_at = now() where id = ?")) {
            update.setBigDecimal(1, new java.math.BigDecimal(score));
            update.setObject(2, java.util.UUID.fromString(startupId));
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    private static String syllables(int n) {
        var word = new StringBuilder();
        for (int i = 0; i < n; i++) {
            word.append((char) (0xAC00 + ThreadLocalRandom.current().nextInt(11_172)));
        }
        return word.toString();
    }

    private static String latin() {
        var word = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            word.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return word.toString();
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
