package io.picktartup.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Operations on the running platform (issue 16, items 1 and 2): /metrics only with the scrape token; request
 * metrics by route template with percentiles, buckets and errors by problem code; process metrics; one JSON log line
 * per event, an access line with latency, the incident id of a problem answer finding its line; no password, wallet
 * password or token in any log. Both switched off and on at run time by an operator.
 */
@ExtendWith(RunningPlatform.class)
class ObservabilityIT {

    @Test
    void metricsAreNotPublic() {
        var anonymous = Http.get("/metrics", Map.of("Authorization", ""));
        // an empty header is no header for the guard: 401 with the way to authenticate
        assertThat(anonymous.statusCode()).isIn(401, 403);
        var none = Http.request("GET", "/metrics", Map.of(), null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(Http.json(none).getString("code")).isEqualTo("metrics.token-required");
        assertThat(none.body()).doesNotContain("memory_usedHeap");
        var wrong = Http.get("/metrics", Map.of("Authorization", "Bearer " + RunningPlatform.METRICS_TOKEN + "x"));
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(Http.json(wrong).getString("code")).isEqualTo("metrics.token-invalid");
        assertThat(Http.get("/metrics?scope=base", Map.of("Authorization", "Bearer wrong")).statusCode()).isEqualTo(403);
        var scraped = Http.get("/metrics");
        assertThat(scraped.statusCode()).isEqualTo(200);
        assertThat(scraped.body()).contains("memory_usedHeap_bytes");
    }

    @Test
    void requestsAreMeasuredByRouteTemplateWithPercentilesBucketsAndProblemCodes() throws IOException {
        String unknown = UUID.randomUUID().toString();
        var missing = Http.get("/api/rounds/" + unknown);
        assertThat(missing.statusCode()).isEqualTo(404);
        String code = Http.json(missing).getString("code");
        for (int i = 0; i < 5; i++) {
            assertThat(Http.get("/api/platform").statusCode()).isEqualTo(200);
        }
        String metrics = Http.get("/metrics").body();
        Files.writeString(Path.of("target", "metrics-sample.txt"), metrics, StandardCharsets.UTF_8);
        // templates, never the raw path (Payara writes the labels in alphabetical order)
        assertThat(metrics).doesNotContain(unknown);
        assertThat(metrics).containsPattern(series("http_server_request_duration_seconds_count",
                "method=\"GET\"", "route=\"/api/platform\"") + " [5-9]");
        // percentiles: present, but Payara writes a timer's quantiles in nanoseconds; the histogram is in seconds
        assertThat(metrics).containsPattern(series("http_server_request_duration_seconds", "quantile=\"0.99\"",
                "route=\"/api/platform\""));
        assertThat(metrics).containsPattern(series("http_server_request_duration_seconds", "quantile=\"0.5\""));
        assertThat(metrics).containsPattern(series("http_server_request_duration_seconds_bucket", "le=\"0.25\"",
                "route=\"/api/platform\""));
        assertThat(metrics).containsPattern(series("http_server_request_duration_seconds_bucket", "le=\"\\+Inf\"",
                "route=\"/api/platform\"") + " [5-9]");
        assertThat(metrics).containsPattern(series("http_server_errors_total", "code=\"" + Pattern.quote(code) + "\"",
                "route=\"/api/rounds/\\{id}\"", "status_class=\"4xx\"") + " [1-9]");
        assertThat(metrics).containsPattern(series("http_server_requests_total", "route=\"/api/platform\"",
                "status_class=\"2xx\"") + " [5-9]");
        assertThat(metrics).containsPattern(series("http_server_requests_in_flight") + " [1-9]"); // this scrape
        // the process: CPU, heap, GC, threads, file descriptors, IO, the pool
        assertThat(metrics).containsPattern(series("process_cpu_load") + " [0-9]")
                .containsPattern(series("memory_usedHeap_bytes") + " [1-9]")
                .containsPattern(series("gc_total"))
                .containsPattern(series("thread_count") + " [1-9]")
                .containsPattern(series("process_open_fds") + " [1-9]")
                .containsPattern(series("process_disk_read_bytes") + " [0-9]")
                // the pool's series exist; Payara Micro leaves them at 0 (its pool checker is not in Micro)
                .containsPattern(series("connection_pool_PicktartupPool_usedConnection_total"));
        // the jobs' latest executions (the heartbeat runs at boot)
        assertThat(metrics).containsPattern(series("batch_job_last_end_timestamp_seconds", "job=\"heartbeat\"") + " [1-9]");
    }

    @Test
    void aProblemAnswersWithAnIncidentIdThatFindsItsLogLine() {
        var refused = Http.post("/api/waitlist", "application/json", "{\"email\":\"not an address\",\"consent\":true}");
        assertThat(refused.statusCode()).isEqualTo(400);
        String incident = Http.json(refused).getString("incident");
        assertThat(refused.headers().firstValue("X-Request-Id")).contains(incident);

        var problemLine = awaitLine(line -> incident.equals(line.getString("incident_id", null))
                && line.getString("message").startsWith("Problem request.invalid"));
        assertThat(problemLine.getString("level")).isEqualTo("INFO");
        assertThat(problemLine.getString("request_id")).isEqualTo(incident);
        assertThat(problemLine.getString("logger")).isEqualTo("io.picktartup.platform.boundary.EndpointRoutes");
        assertThat(Instant.parse(problemLine.getString("time"))).isBefore(Instant.now().plusSeconds(1));

        var access = awaitLine(line -> incident.equals(line.getString("request_id", null))
                && "io.picktartup.access".equals(line.getString("logger")));
        assertThat(access.getString("method")).isEqualTo("POST");
        assertThat(access.getString("route")).isEqualTo("/api/waitlist");
        assertThat(access.getInt("status")).isEqualTo(400);
        assertThat(access.getString("problem_code")).isEqualTo("request.invalid");
        assertThat(access.getJsonNumber("latency_ms").doubleValue()).isPositive();
    }

    @Test
    void aLoggedInCallersLinesCarryAHashOfTheAccountNotTheId() {
        var session = Accounts.Session.open("logs");
        var me = Accounts.call("GET", "/api/accounts/me", session.accessToken(), null);
        assertThat(me.statusCode()).isEqualTo(200);
        String requestId = me.headers().firstValue("X-Request-Id").orElseThrow();
        var access = awaitLine(line -> requestId.equals(line.getString("request_id", null))
                && "io.picktartup.access".equals(line.getString("logger")));
        assertThat(access.getString("account")).matches("[0-9a-f]{16}");
        assertThat(access.toString()).doesNotContain(session.id());
    }

    @Test
    void noPasswordOrTokenReachesAnyLog() throws IOException {
        String password = "log-canary password " + UUID.randomUUID();
        String walletPassword = "log-canary wallet " + UUID.randomUUID();
        String email = Accounts.email("canary");
        int before = Mails.to(email, Accounts.VERIFICATION_SUBJECT).size();
        var signup = Accounts.signUpResponse(email, password, "Canary", walletPassword);
        assertThat(signup.statusCode()).as(signup.body()).isEqualTo(202);
        String token = Accounts.verificationToken(email, before + 1);
        assertThat(Accounts.verifyResponse(token).statusCode()).isEqualTo(200);
        var login = Accounts.loginResponse(email, password, Accounts.client());
        assertThat(login.statusCode()).isEqualTo(200);
        String accessToken = Http.json(login).getString("access_token");
        assertThat(Accounts.loginResponse(email, password + " wrong", Accounts.client()).statusCode()).isEqualTo(401);
        // the logs have the requests (the access lines) but none of the secrets
        String requestId = login.headers().firstValue("X-Request-Id").orElseThrow();
        awaitLine(line -> requestId.equals(line.getString("request_id", null)));
        for (Path log : List.of(RunningPlatform.platform().jsonLog(), RunningPlatform.platform().applicationLog())) {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(text).as(log.toString()).doesNotContain(password).doesNotContain(walletPassword)
                    .doesNotContain(token).doesNotContain(accessToken).doesNotContain(RunningPlatform.METRICS_TOKEN);
        }
    }

    /**
     * The operator switches (issue 16's cost figure needs them flipped without a restart): off, a request leaves no
     * count and no access line; on again, it does; a value stored by another instance (written straight into
     * {@code app_setting}) holds here within the 2 s refresh.
     */
    @Test
    void theMetricsAndTheAccessLogSwitchOffAndOnAtRunTime() throws Exception {
        var listed = settings();
        assertThat(listed).containsEntry(METRICS_SWITCH, "true").containsEntry(ACCESS_SWITCH, "true");
        assertThat(Http.get("/api/platform").statusCode()).isEqualTo(200); // the series exists
        try {
            for (String key : List.of(METRICS_SWITCH, ACCESS_SWITCH)) {
                var off = Accounts.call("PUT", "/api/admin/settings/" + key, Funding.admin(), Accounts.body("value", "false"));
                assertThat(off.statusCode()).as(off.body()).isEqualTo(200);
                assertThat(Http.json(off).getString("value")).isEqualTo("false");
            }
            assertThat(settings()).containsEntry(METRICS_SWITCH, "false").containsEntry(ACCESS_SWITCH, "false");
            long before = platformCount();
            var silent = new java.util.ArrayList<String>();
            for (int i = 0; i < 3; i++) {
                var response = Http.get("/api/platform");
                assertThat(response.statusCode()).isEqualTo(200);
                silent.add(response.headers().firstValue("X-Request-Id").orElseThrow()); // the request id stays
            }
            assertThat(platformCount()).as("no request counted while the metrics are off").isEqualTo(before);

            // another instance's change (stored, not made here) holds within the refresh: the access log comes back
            try (var db = RunningPlatform.database()) {
                db.createStatement().executeUpdate("update app_setting set setting_value = 'true'"
                        + " where setting_key = '" + ACCESS_SWITCH + "'");
            }
            Instant deadline = Instant.now().plusSeconds(10);
            String logged = null;
            while (logged == null) {
                String id = Http.get("/api/platform").headers().firstValue("X-Request-Id").orElseThrow();
                if (lineOf(id)) {
                    logged = id;
                } else {
                    assertThat(Instant.now()).as("the stored switch held within the refresh").isBefore(deadline);
                    Thread.sleep(500);
                }
            }
            // lines are written in order: the silent requests, made before, left none
            for (String id : silent) {
                assertThat(lineOf(id)).as("no access line for " + id).isFalse();
            }

            var on = Accounts.call("PUT", "/api/admin/settings/" + METRICS_SWITCH, Funding.admin(), Accounts.body("value", "true"));
            assertThat(on.statusCode()).as(on.body()).isEqualTo(200);
            long counted = platformCount();
            for (int i = 0; i < 3; i++) {
                assertThat(Http.get("/api/platform").statusCode()).isEqualTo(200);
            }
            assertThat(platformCount()).as("counted again at once on this instance").isEqualTo(counted + 3);
        } finally {
            for (String key : List.of(METRICS_SWITCH, ACCESS_SWITCH)) {
                var restored = Accounts.call("PUT", "/api/admin/settings/" + key, Funding.admin(), Accounts.body("value", "true"));
                assertThat(restored.statusCode()).as(restored.body()).isEqualTo(200);
            }
        }
        try (var db = RunningPlatform.database();
             var rs = db.createStatement().executeQuery("select count(*) from audit_event where action in ('setting.created', 'setting.changed')"
                     + " and subject_id = '" + METRICS_SWITCH + "' and new_value = 'false'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("switching off is audited").isPositive();
        }
        var investor = Accounts.Session.open("switch-metrics-investor");
        assertThat(Accounts.call("PUT", "/api/admin/settings/" + METRICS_SWITCH, investor.accessToken(),
                Accounts.body("value", "false")).statusCode()).isEqualTo(403);
        assertThat(settings()).containsEntry(METRICS_SWITCH, "true");
    }

    private static final String METRICS_SWITCH = "observability.request-metrics";
    private static final String ACCESS_SWITCH = "observability.access-log";

    private static Map<String, String> settings() {
        var response = Accounts.call("GET", "/api/admin/settings", Funding.admin(), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        var map = new java.util.TreeMap<String, String>();
        Json.createReader(new StringReader(response.body())).readArray()
                .forEach(v -> map.put(v.asJsonObject().getString("key"), v.asJsonObject().getString("value")));
        return map;
    }

    /** http_server_requests_total of GET /api/platform answered 2xx, as /metrics shows it now. */
    private static long platformCount() {
        var matcher = Pattern.compile(series("http_server_requests_total", "method=\"GET\"", "route=\"/api/platform\"",
                "status_class=\"2xx\"") + " ([0-9.eE+]+)").matcher(Http.get("/metrics").body());
        return matcher.find() ? (long) Double.parseDouble(matcher.group(1)) : 0;
    }

    /** Whether the JSON log has the access line of this request. */
    private static boolean lineOf(String requestId) throws IOException {
        for (String line : Files.readAllLines(RunningPlatform.platform().jsonLog(), StandardCharsets.UTF_8)) {
            if (line.contains(requestId) && line.contains("\"io.picktartup.access\"")) {
                return true;
            }
        }
        return false;
    }

    /** A series of this name whose labels include each of {@code labels} (in any order), as a regular expression. */
    static String series(String name, String... labels) {
        var pattern = new StringBuilder("(?m)^").append(name).append("\\{");
        for (String label : labels) {
            pattern.append("(?=[^\\n]*").append(label).append(")");
        }
        // to the last "}" of the line: a route template's own braces are inside the label set
        return pattern.append("[^\\n]*}").toString();
    }

    /** The first JSON log line matching, waiting for it up to 20 s; every line read must be JSON. */
    static JsonObject awaitLine(Predicate<JsonObject> wanted) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (true) {
            try {
                for (String line : Files.readAllLines(RunningPlatform.platform().jsonLog(), StandardCharsets.UTF_8)) {
                    JsonObject json;
                    try (var reader = Json.createReader(new StringReader(line))) {
                        json = reader.readObject();
                    }
                    if (wanted.test(json)) {
                        return json;
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no such line in " + RunningPlatform.platform().jsonLog());
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
