package io.picktartup.bench;

import io.picktartup.launcher.DevSigningKey;
import io.picktartup.launcher.Platform;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.picktartup.bench.Figures.measured;

/**
 * What the request metrics and the access log cost, and how long a scrape of /metrics takes. One platform; a burst of
 * concurrent requests to a cheap endpoint (GET /api/platform: one settings read, so the per-request overhead shows
 * instead of drowning in database work) with the metrics and access log on, then again after restarting the
 * application with both off, then on once more (on, off, on: a drift of the shared machine shows as a gap between the
 * two "on" rounds). Then the scrape time of /metrics (all scopes, after the bursts registered every route seen).
 *
 * <p>bench/metrics.sh [seconds per round, default 20] [clients, default 16]
 */
public final class MetricsCost {

    private MetricsCost() {
    }

    public static void main(String[] args) throws Exception {
        Figures.claimStandardOutput();
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        Path work = BenchPlatform.workDir("metrics");
        String token = "bench-scrape-token";
        var options = BenchPlatform.fresh(work, Map.of("PICKTARTUP_BATCH_HEARTBEAT_ON_BOOT", "false",
                        "PICKTARTUP_AUTH_SIGNING_KEY", DevSigningKey.generatePem(),
                        "PICKTARTUP_METRICS_TOKEN", token),
                List.of("-Xmx1536m", "-XX:+UseSerialGC", "-Xss512k"));
        measured("metrics-load-before", InvestRush.loadAverage(), "", "1-min load average; the machine may be shared");
        try (var platform = Platform.start(options)) {
            var client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            URI target = platform.baseUri().resolve("/api/platform");
            burst(client, target, Math.max(5, seconds / 4), clients); // warm-up: JIT, pool
            double on1 = burst(client, target, seconds, clients);
            platform.restartApplication(false, Map.of("PICKTARTUP_METRICS_HTTP_ENABLED", "false",
                    "PICKTARTUP_LOG_ACCESS", "false"));
            burst(client, target, Math.max(5, seconds / 4), clients);
            double off = burst(client, target, seconds, clients);
            platform.restartApplication(false, Map.of());
            burst(client, target, Math.max(5, seconds / 4), clients);
            double on2 = burst(client, target, seconds, clients);
            double on = (on1 + on2) / 2;
            measured("metrics-on-rate", Figures.fixed(on, 1), "requests/s", "GET /api/platform, " + clients
                    + " clients, mean of two rounds: " + Figures.fixed(on1, 1) + " and " + Figures.fixed(on2, 1));
            measured("metrics-off-rate", Figures.fixed(off, 1), "requests/s", "metrics and access log off");
            double cost = 100 * (off - on) / off;
            double drift = 100 * Math.abs(on1 - on2) / Math.max(on1, on2);
            measured("metrics-cost", Figures.fixed(cost, 1), "%", "rate lost with metrics and access log on");
            measured("metrics-on-rounds-drift", Figures.fixed(drift, 1), "%",
                    "gap between the two 'on' rounds: the machine's own noise; above 5 % the cost says nothing");
            // a verdict only means something when the machine held still between the rounds
            Figures.verdict("metrics-cost-max-5", cost <= 5 && drift <= 5, Figures.fixed(cost, 1)
                    + " % (floor: within 5 %), drift " + Figures.fixed(drift, 1) + " %");

            // the scrape: what Prometheus waits for every interval
            var scrape = HttpRequest.newBuilder(platform.baseUri().resolve("/metrics"))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).build();
            var times = new ArrayList<Double>();
            long bytes = 0;
            for (int i = 0; i < 30; i++) {
                long start = System.nanoTime();
                var response = client.send(scrape, HttpResponse.BodyHandlers.ofString());
                times.add((System.nanoTime() - start) / 1e6);
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("/metrics answered " + response.statusCode());
                }
                bytes = response.body().length();
            }
            times.sort(Double::compare);
            measured("metrics-scrape-p50", Figures.fixed(times.get(times.size() / 2), 1), "ms");
            measured("metrics-scrape-max", Figures.fixed(times.get(times.size() - 1), 1), "ms");
            measured("metrics-scrape-size", bytes / 1024, "KiB");
            Figures.verdict("metrics-scrape-p50-max-1000", times.get(times.size() / 2) <= 1000,
                    "a scrape well inside Prometheus' 10 s timeout (reference: 1 s)");
        } finally {
            BenchPlatform.deleteTree(work);
        }
    }

    /** Requests per second answered 200 by {@code clients} concurrent loops for {@code seconds}. */
    static double burst(HttpClient client, URI target, int seconds, int clients) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        var stop = new AtomicBoolean();
        var request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30)).build();
        List<Future<Integer>> counts = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < clients; i++) {
            counts.add(pool.submit(() -> {
                int ok = 0;
                while (!stop.get()) {
                    if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        ok++;
                    }
                }
                return ok;
            }));
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        int total = 0;
        for (var count : counts) {
            total += count.get();
        }
        double wall = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        Figures.progress("burst: " + total + " requests in " + Figures.fixed(wall, 1) + " s");
        return total / wall;
    }
}
