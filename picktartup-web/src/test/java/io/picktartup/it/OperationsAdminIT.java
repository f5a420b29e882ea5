package io.picktartup.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16, operations over REST: the nightly jobs' schedules live in PostgreSQL and an admin changes one without
 * redeploying (the job then starts at that time, by the schedule's tick); the operator switches close and reopen
 * investments and signups at once; the waitlist exports as Excel-readable CSV; the job history is purged past its
 * retention. Every change is audited, bad input is a problem naming the field and changes nothing.
 */
@ExtendWith(RunningPlatform.class)
class OperationsAdminIT {

    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

    @Test
    void aRescheduledJobStartsAtItsNewTimeWithoutARedeployment() throws Exception {
        var schedules = schedules();
        assertThat(schedules.keySet()).contains("heartbeat", "round-settlement", "news-crawl", "ssi-scoring", "job-history");
        var heartbeat = schedules.get("heartbeat");
        String original = heartbeat.getString("at");
        assertThat(heartbeat.getString("zone")).isEqualTo("Asia/Seoul");
        assertThat(Instant.parse(heartbeat.getString("nextFireAt"))).isAfter(Instant.now().minusSeconds(60));

        // a time that is not one: 400 naming the field, nothing changed
        for (String bad : List.of("25:00", "7:30", "noon")) {
            var refused = Accounts.call("PUT", "/api/admin/jobs/heartbeat/schedule", Funding.admin(), Accounts.body("at", bad));
            assertThat(refused.statusCode()).as(bad).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
            assertThat(refused.body()).contains("request.invalid").contains("{\"field\":\"at\",\"message\":\"must be a time of day");
        }
        assertThat(schedules().get("heartbeat").getString("nextFireAt")).isEqualTo(heartbeat.getString("nextFireAt"));
        assertThat(Accounts.call("PUT", "/api/admin/jobs/no-such-job/schedule", Funding.admin(), Accounts.body("at", "01:00"))
                .statusCode()).isEqualTo(404);

        // the next whole minute in Seoul at least 30 s ahead (a busy machine's PUT must land before it)
        var now = ZonedDateTime.now(SEOUL);
        var at = now.truncatedTo(ChronoUnit.MINUTES).plusMinutes(now.getSecond() < 30 ? 1 : 2);
        String hhmm = at.format(DateTimeFormatter.ofPattern("HH:mm"));
        try {
            var changed = Accounts.call("PUT", "/api/admin/jobs/heartbeat/schedule", Funding.admin(), Accounts.body("at", hhmm));
            assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
            assertThat(Instant.parse(Http.json(changed).getString("nextFireAt"))).isEqualTo(at.toInstant());
            assertAudited("job.schedule-changed", "heartbeat", hhmm);

            // the tick fires it once at that time and moves the next fire time to the following day
            JsonObject fired = null;
            Instant deadline = at.toInstant().plusSeconds(60);
            while (Instant.now().isBefore(deadline)) {
                var s = schedules().get("heartbeat");
                if (s.containsKey("lastFiredAt") && !s.isNull("lastFiredAt")
                        && !Instant.parse(s.getString("lastFiredAt")).isBefore(at.toInstant())) {
                    fired = s;
                    break;
                }
                Thread.sleep(500);
            }
            assertThat(fired).as("heartbeat fired by its schedule at " + hhmm).isNotNull();
            assertThat(fired.getBoolean("lastFireLate")).isFalse();
            assertThat(Instant.parse(fired.getString("nextFireAt"))).isEqualTo(at.toInstant().plus(Duration.ofDays(1)));
            // the claim of the occurrence commits before the job starts: its execution shows a moment later
            Instant started = Instant.now().plusSeconds(60);
            while ((!fired.containsKey("lastExecutionId") || fired.isNull("lastExecutionId"))
                    && Instant.now().isBefore(started)) {
                Thread.sleep(250);
                fired = schedules().get("heartbeat");
            }
            assertThat(fired.containsKey("lastExecutionId") && !fired.isNull("lastExecutionId"))
                    .as("heartbeat's execution started: " + fired).isTrue();
            long execution = fired.getJsonNumber("lastExecutionId").longValue();
            assertThat(awaitEnd(execution).getString("batchStatus")).isEqualTo("COMPLETED");
            try (var db = RunningPlatform.database();
                 var rs = db.createStatement().executeQuery("select count(*) from audit_event where action = 'batch.heartbeat'"
                         + " and subject_id = '" + execution + "' and new_value = 'schedule'")) {
                rs.next();
                assertThat(rs.getInt(1)).as("the execution ran with trigger 'schedule'").isEqualTo(1);
            }
        } finally {
            var restored = Accounts.call("PUT", "/api/admin/jobs/heartbeat/schedule", Funding.admin(), Accounts.body("at", original));
            assertThat(restored.statusCode()).isEqualTo(200);
        }
        var investor = Accounts.Session.open("schedules-investor");
        assertThat(Accounts.call("GET", "/api/admin/jobs/schedules", investor.accessToken(), null).statusCode()).isEqualTo(403);
        assertThat(Accounts.call("PUT", "/api/admin/jobs/heartbeat/schedule", investor.accessToken(), Accounts.body("at", "off"))
                .statusCode()).isEqualTo(403);
    }

    @Test
    void closingInvestmentsRefusesNewReservationsAndClosingSignupsRefusesSignups() throws Exception {
        var settings = settings();
        assertThat(settings.get("platform.investments-open")).isEqualTo("true");
        assertThat(settings.get("platform.signups-open")).isEqualTo("true");

        var startup = Funding.startup("Switch Works");
        var round = Funding.openRound(startup, "100", "1000", "1", 10_000, Funding.inDays(6));
        String roundId = round.getString("id");
        var investor = Accounts.Session.open("switch-investor");
        Funding.fund(investor.walletAddress(), 50);
        var before = reserve(investor, roundId, "10");
        assertThat(before.statusCode()).as(before.body()).isEqualTo(201);
        String reservation = Http.json(before).getString("id");
        try {
            var closed = Accounts.call("PUT", "/api/admin/settings/platform.investments-open", Funding.admin(),
                    Accounts.body("value", "false"));
            assertThat(closed.statusCode()).as(closed.body()).isEqualTo(200);
            assertThat(Http.json(closed).getString("value")).isEqualTo("false");
            assertAudited("setting.changed", "platform.investments-open", "false");
            // /api/platform is read at most once a second: the closed flag shows within it
            Thread.sleep(1_100);
            assertThat(Http.json(Http.get("/api/platform", Map.of())).getBoolean("investmentsOpen")).isFalse();

            var refused = reserve(investor, roundId, "10");
            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
            assertThat(refused.body()).contains("investments.closed");
            assertThat(Funding.round(roundId).getString("committed")).as("nothing more committed").isEqualTo("10");
            // the reservation made before still stands and can be signed
            assertThat(Funding.investment(investor, reservation).getString("status")).isEqualTo("RESERVED");

            var signupRefused = Accounts.call("PUT", "/api/admin/settings/platform.signups-open", Funding.admin(),
                    Accounts.body("value", "false"));
            assertThat(signupRefused.statusCode()).isEqualTo(200);
            var signup = Accounts.signUpResponse(Accounts.email("closed-signup"), Accounts.PASSWORD, "닫힘", Accounts.WALLET_PASSWORD);
            assertThat(signup.statusCode()).as(signup.body()).isEqualTo(409);
            assertThat(signup.body()).contains("signups.closed");
        } finally {
            for (String key : List.of("platform.investments-open", "platform.signups-open")) {
                var reopened = Accounts.call("PUT", "/api/admin/settings/" + key, Funding.admin(), Accounts.body("value", "true"));
                assertThat(reopened.statusCode()).as(reopened.body()).isEqualTo(200);
            }
        }
        var again = reserve(investor, roundId, "10");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(201);

        // bad input names the field and changes nothing
        var unknown = Accounts.call("PUT", "/api/admin/settings/platform.color", Funding.admin(), Accounts.body("value", "true"));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("request.invalid").contains("{\"field\":\"key\",\"message\":\"must name an operator switch");
        var notBoolean = Accounts.call("PUT", "/api/admin/settings/platform.investments-open", Funding.admin(),
                Accounts.body("value", "maybe"));
        assertThat(notBoolean.statusCode()).isEqualTo(400);
        assertThat(notBoolean.body()).contains("\"value\"");
        assertThat(settings().get("platform.investments-open")).isEqualTo("true");
        assertThat(Accounts.call("PUT", "/api/admin/settings/platform.investments-open", investor.accessToken(),
                Accounts.body("value", "false")).statusCode()).isEqualTo(403);
        assertThat(settings().get("platform.investments-open")).isEqualTo("true");
    }

    @Test
    void theWaitlistExportsAsCsvExcelReads() throws Exception {
        String email = Accounts.email("waitlist-export");
        var joined = Http.post("/api/waitlist", "application/json",
                "{\"email\":\"" + email + "\",\"language\":\"ko\",\"consent\":true}");
        assertThat(joined.statusCode()).as(joined.body()).isBetween(200, 204);
        var list = Http.json(Accounts.call("GET", "/api/admin/waitlist?limit=1000", Funding.admin(), null));
        assertThat(list.getJsonNumber("total").longValue()).isPositive();
        assertThat(list.getJsonArray("entries").toString()).contains(email.toLowerCase());
        assertThat(Accounts.call("GET", "/api/admin/waitlist?limit=0", Funding.admin(), null).body()).contains("\"limit\"");

        var csv = Http.bytes("/api/admin/waitlist/export", Accounts.bearer(Funding.admin()));
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv").contains("UTF-8"));
        assertThat(csv.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d).contains("waitlist.csv"));
        byte[] body = csv.body();
        assertThat(body).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        String text = new String(body, StandardCharsets.UTF_8);
        assertThat(text.substring(1)).startsWith("email,language,joined_at\r\n").contains("\r\n" + email.toLowerCase() + ",ko,");
        assertAudited("waitlist.exported", "*", null);
        var investor = Accounts.Session.open("waitlist-investor");
        assertThat(Http.bytes("/api/admin/waitlist/export", Accounts.bearer(investor.accessToken())).statusCode()).isEqualTo(403);
    }

    @Test
    void theDailyHistoryStepPurgesExecutionsPastTheRetention() throws Exception {
        long old = start("heartbeat");
        assertThat(awaitEnd(old).getString("batchStatus")).isEqualTo("COMPLETED");
        long recent = start("heartbeat");
        assertThat(awaitEnd(recent).getString("batchStatus")).isEqualTo("COMPLETED");
        try (var db = RunningPlatform.database()) {
            // the first one ended 100 days ago, as far as the job repository knows (retention: 90 days)
            int aged = db.createStatement().executeUpdate("""
                    update jbatchexecutioninstancedata set createtime = createtime - interval '100 days',
                        starttime = starttime - interval '100 days', endtime = endtime - interval '100 days',
                        updatetime = updatetime - interval '100 days' where jobexecid = %d""".formatted(old));
            assertThat(aged).isEqualTo(1);
        }
        long purge = start("job-history");
        var purged = awaitEnd(purge);
        assertThat(purged.getString("batchStatus")).isEqualTo("COMPLETED");
        assertThat(purged.getString("exitStatus")).matches("PURGED [1-9][0-9]* executions of [1-9][0-9]* instances");
        assertThat(Accounts.call("GET", "/api/admin/jobs/executions/" + old, Funding.admin(), null).statusCode()).isEqualTo(404);
        assertThat(Accounts.call("GET", "/api/admin/jobs/executions/" + recent, Funding.admin(), null).statusCode()).isEqualTo(200);
        try (var db = RunningPlatform.database();
             var rs = db.createStatement().executeQuery("select (select count(*) from jbatchstepexecutioninstancedata"
                     + " where jobexecid = " + old + "), (select count(*) from jbatchstepexecutioninstancedata where jobexecid = "
                     + recent + ")")) {
            rs.next();
            assertThat(rs.getInt(1)).as("the purged execution's steps").isZero();
            assertThat(rs.getInt(2)).as("the recent execution's steps").isPositive();
        }
    }

    @Test
    void poolWaitsAndScheduleLatenessAreScraped() {
        Accounts.Session.open("pool-metrics"); // a signup and a login: connections taken from the pool
        String metrics = Http.get("/metrics").body();
        var acquired = java.util.regex.Pattern.compile(ObservabilityIT.series("db_pool_acquisitions_total") + " ([0-9.eE+]+)")
                .matcher(metrics);
        assertThat(acquired.find()).as("db_pool_acquisitions_total").isTrue();
        assertThat(Double.parseDouble(acquired.group(1))).isPositive();
        assertThat(metrics).containsPattern(ObservabilityIT.series("db_pool_wait_seconds_total") + " [0-9]")
                .containsPattern(ObservabilityIT.series("db_pool_slow_acquisitions_total") + " [0-9]")
                .containsPattern(ObservabilityIT.series("db_pool_failed_acquisitions_total") + " [0-9]")
                .containsPattern(ObservabilityIT.series("db_pool_waiting") + " [0-9]")
                .containsPattern(ObservabilityIT.series("db_pool_wait_max_seconds") + " [0-9]")
                // every scheduled job is on time here: overdue 0, not started late
                .containsPattern(ObservabilityIT.series("batch_job_overdue_seconds", "job=\"news-crawl\"") + " 0")
                .containsPattern(ObservabilityIT.series("batch_job_last_fire_late", "job=\"job-history\"") + " 0");
    }

    private static java.net.http.HttpResponse<String> reserve(Accounts.Session investor, String roundId, String amount) {
        return Http.request("POST", "/api/rounds/" + roundId + "/investments",
                Accounts.bearer(investor.accessToken()), Accounts.body("amount", amount));
    }

    private static long start(String job) {
        var started = Accounts.call("POST", "/api/admin/jobs/" + job, Funding.admin(), null);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        return Http.json(started).getJsonNumber("id").longValue();
    }

    private static JsonObject awaitEnd(long execution) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        JsonObject e = null;
        while (Instant.now().isBefore(deadline)) {
            e = Http.json(Accounts.call("GET", "/api/admin/jobs/executions/" + execution, Funding.admin(), null));
            if (!List.of("STARTING", "STARTED").contains(e.getString("batchStatus"))) {
                return e;
            }
            Thread.sleep(300);
        }
        return e;
    }

    private static Map<String, JsonObject> schedules() {
        var response = Accounts.call("GET", "/api/admin/jobs/schedules", Funding.admin(), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        var map = new java.util.TreeMap<String, JsonObject>();
        jakarta.json.Json.createReader(new StringReader(response.body())).readArray()
                .forEach(v -> map.put(v.asJsonObject().getString("job"), v.asJsonObject()));
        return map;
    }

    private static Map<String, String> settings() {
        var response = Accounts.call("GET", "/api/admin/settings", Funding.admin(), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        var map = new java.util.TreeMap<String, String>();
        jakarta.json.Json.createReader(new StringReader(response.body())).readArray()
                .forEach(v -> map.put(v.asJsonObject().getString("key"), v.asJsonObject().getString("value")));
        return map;
    }

    private static void assertAudited(String action, String subject, String newValue) throws Exception {
        try (var db = RunningPlatform.database();
             var statement = db.prepareStatement("select count(*) from audit_event where action = ? and subject_id = ?"
                     + " and (?::text is null or new_value = ?)")) {
            statement.setString(1, action);
            statement.setString(2, subject);
            statement.setString(3, newValue);
            statement.setString(4, newValue);
            var rs = statement.executeQuery();
            rs.next();
            assertThat(rs.getInt(1)).as(action + " " + subject).isPositive();
        }
    }
}
