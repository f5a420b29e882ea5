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
 * application with both off, in alternating pairs (on off, off on, on off…: one application restart inside each
 * pair); the cost is the median of the pairs' costs, so a drift of the shared machine or one noisy round does not
 * decide it. Then the scrape time of /metrics (all scopes, after the bursts registered every route seen).
 *
 * <p>bench/metrics.sh [seconds per round, default 20] [clients, default 16] [pairs, default 3]
 */
public final class MetricsCost {

    private MetricsCost() {
    }

    public static void main(String[] args) throws Exception {
        Figures.claimStandardOutput();
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int pairs = args.length > 2 ? Math.max(1, Integer.parseInt(args[2])) : 3;
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
            // rounds in pairs, alternating which mode runs first (on off | off on | on off …) so that one application
            // restart separates every pair, a slow drift of the shared machine hits both modes alike, and the answer is
            // the median of the pairs' costs: one noisy round cannot decide it
            boolean metricsOn = true;
            var costs = new ArrayList<Double>();
            var onRates = new ArrayList<Double>();
            var offRates = new ArrayList<Double>();
            for (int pair = 0; pair < pairs; pair++) {
                double[] rate = new double[2];
                for (int half = 0; half < 2; half++) {
                    if (half == 1) {
                        // the mode changes only inside a pair: the next pair starts with the mode this one ended in
                        metricsOn = !metricsOn;
                        platform.restartApplication(false, metricsOn ? Map.of() : Map.of(
                                "PICKTARTUP_METRICS_HTTP_ENABLED", "false", "PICKTARTUP_LOG_ACCESS", "false"));
                    }
                    burst(client, target, Math.max(5, seconds / 4), clients); // warm-up: JIT, pool
                    double r = burst(client, target, seconds, clients);
                    rate[metricsOn ? 0 : 1] = r;
                    (metricsOn ? onRates : offRates).add(r);
                    Figures.progress("pair " + (pair + 1) + ": metrics " + (metricsOn ? "on" : "off") + " "
                            + Figures.fixed(r, 1) + " requests/s");
                }
                costs.add(100 * (rate[1] - rate[0]) / rate[1]);
            }
            var sortedCosts = costs.stream().sorted().toList();
            double cost = sortedCosts.get(sortedCosts.size() / 2);
            double on = median(onRates);
            double off = median(offRates);
            measured("metrics-on-rate", Figures.fixed(on, 1), "requests/s", "GET /api/platform, " + clients
                    + " clients, median of " + onRates.size() + " rounds: " + rounds(onRates));
            measured("metrics-off-rate", Figures.fixed(off, 1), "requests/s", "metrics and access log off, median of "
                    + offRates.size() + " rounds: " + rounds(offRates));
            measured("metrics-cost", Figures.fixed(cost, 1), "%", "median of the " + pairs
                    + " pairs' cost (rate lost with metrics and access log on): " + rounds(costs));
            double spread = 100 * (java.util.Collections.max(onRates) - java.util.Collections.min(onRates))
                    / java.util.Collections.max(onRates);
            measured("metrics-on-rounds-spread", Figures.fixed(spread, 1), "%",
                    "spread of the 'on' rounds: the machine's own noise");
            // a verdict only means something when the machine held still: the 'on' rounds within 10 % of each other
            Figures.verdict("metrics-cost-max-5", cost <= 5 && spread <= 10, Figures.fixed(cost, 1)
                    + " % (floor: within 5 %; median of " + pairs + " alternating pairs), 'on' spread "
                    + Figures.fixed(spread, 1) + " %");

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

    private static double median(List<Double> values) {
        var sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String rounds(List<Double> values) {
        return String.join(", ", values.stream().map(v -> Figures.fixed(v, 1)).toList());
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
