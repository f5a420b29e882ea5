package io.picktartup.it;

import io.picktartup.launcher.Ports;
import io.picktartup.launcher.Prometheus;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Prometheus (Debian's package) with the shipped configuration and rules scrapes the running platform with
 * its scrape token: the target is up, the recording rules produce series, every query of the shipped Grafana
 * dashboard runs and the main ones have data; then the chain node goes down and the ChainNodeUnreachable alert
 * fires, and clears once the node is back.
 */
@ExtendWith(RunningPlatform.class)
class PrometheusIT {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static Prometheus prometheus;

    @BeforeAll
    static void startPrometheus() throws IOException {
        var binary = Prometheus.binary(System.getenv()).orElseThrow(() -> new IllegalStateException(
                "Prometheus is not installed (apt-get install prometheus; test.sh does it)"));
        var base = RunningPlatform.uri("/");
        Path dir = Path.of("target", "it-prometheus").toAbsolutePath();
        deleteTree(dir);
        prometheus = Prometheus.start(binary, dir, Ports.free(), base.getHost() + ":" + base.getPort(),
                RunningPlatform.METRICS_TOKEN, Duration.ofSeconds(2));
    }

    @AfterAll
    static void stopPrometheus() {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @Test
    void scrapesTheAppAndEveryDashboardQueryRuns() throws IOException {
        // traffic for the request series
        for (int i = 0; i < 20; i++) {
            Http.get("/api/platform");
        }
        await("the target up", Duration.ofSeconds(60), () -> value("up{job=\"picktartup\"}"), v -> v == 1.0);
        await("requests counted", Duration.ofSeconds(60), () -> value("sum(http_server_requests_total)"), v -> v > 0);
        await("the request rate recorded", Duration.ofSeconds(60), () -> value("job:http_requests:rate1m"), v -> v > 0);
        await("p99 latency recorded", Duration.ofSeconds(60), () -> value("job:http_latency_seconds:p99"), v -> v > 0);

        JsonObject dashboard;
        try (InputStream in = Prometheus.class.getClassLoader()
                .getResourceAsStream("grafana/dashboards/picktartup-overview.json")) {
            dashboard = Json.createReader(in).readObject();
        }
        List<String> empty = new ArrayList<>();
        int queries = 0;
        for (var panel : dashboard.getJsonArray("panels").getValuesAs(JsonObject.class)) {
            for (var target : panel.getJsonArray("targets").getValuesAs(JsonObject.class)) {
                String expr = target.getString("expr").replace("$__rate_interval", "1m");
                var answer = query(expr);
                assertThat(answer.getString("status")).as(panel.getString("title") + ": " + expr).isEqualTo("success");
                queries++;
                if (answer.getJsonObject("data").getJsonArray("result").isEmpty()) {
                    empty.add(panel.getString("title") + ": " + expr);
                }
            }
        }
        System.out.println("dashboard.queries: " + queries + " (empty now: " + empty + ")");
        // what a running platform always has: traffic, latency, the process, the pool, the chain and the jobs
        assertThat(empty).noneMatch(q -> q.startsWith("Traffic") || q.startsWith("Latency") || q.startsWith("Heap")
                || q.startsWith("Process CPU") || q.startsWith("Threads") || q.startsWith("Database pool")
                || q.startsWith("Chain: signing") || q.startsWith("Jobs: latest duration"));
    }

    @Test
    void theChainDownFiresItsAlert() {
        await("the relayer balance read", Duration.ofSeconds(60), () -> value("chain_relayer_balance"), v -> v > 0);
        assertThat(firing("ChainNodeUnreachable")).isFalse();
        RunningPlatform.chainProxy().disable();
        try {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(150));
            while (!firing("ChainNodeUnreachable")) {
                assertThat(Instant.now()).as("ChainNodeUnreachable firing within 150 s of the node going down")
                        .isBefore(deadline);
                sleep(1_000);
            }
        } finally {
            RunningPlatform.chainProxy().enable();
        }
        // back: the balance is read again (within its 15 s cache) and the alert clears
        await("the relayer balance read again", Duration.ofSeconds(90), () -> value("chain_relayer_balance"), v -> v > 0);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (firing("ChainNodeUnreachable")) {
            assertThat(Instant.now()).as("the alert clearing").isBefore(deadline);
            sleep(1_000);
        }
    }

    private static boolean firing(String alert) {
        var alerts = get("/api/v1/alerts").getJsonObject("data").getJsonArray("alerts");
        return alerts.getValuesAs(JsonObject.class).stream().anyMatch(a ->
                alert.equals(a.getJsonObject("labels").getString("alertname")) && "firing".equals(a.getString("state")));
    }

    private interface Reading {
        double read();
    }

    private static void await(String what, Duration timeout, Reading reading, Predicate<Double> ok) {
        Instant deadline = Instant.now().plus(timeout);
        double last = Double.NaN;
        while (Instant.now().isBefore(deadline)) {
            last = reading.read();
            if (ok.test(last)) {
                return;
            }
            sleep(1_000);
        }
        throw new AssertionError(what + ": not within " + timeout.toSeconds() + " s (last value " + last + ")");
    }

    /** The first sample of an instant query, NaN when there is none. */
    private static double value(String expr) {
        var result = query(expr).getJsonObject("data").getJsonArray("result");
        if (result.isEmpty()) {
            return Double.NaN;
        }
        return Double.parseDouble(result.getJsonObject(0).getJsonArray("value").getString(1));
    }

    private static JsonObject query(String expr) {
        return get("/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8));
    }

    private static JsonObject get(String pathAndQuery) {
        try {
            var response = CLIENT.send(HttpRequest.newBuilder(prometheus.uri().resolve(pathAndQuery))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            try (var reader = Json.createReader(new StringReader(response.body()))) {
                return reader.readObject();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
