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
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.picktartup.bench.Api.body;
import static io.picktartup.bench.Figures.measured;

/**
 * Issue 16's cost figures, all on ONE booted platform: what the request metrics and the access log cost, switched
 * at run time through the operators' switches ({@code PUT /api/admin/settings/observability.request-metrics} and
 * {@code observability.access-log}: no restart, so every round runs on the same warm JIT), and how long a scrape of
 * /metrics takes.
 *
 * <ol>
 * <li>A cheap endpoint (GET /api/platform: the per-request overhead shows instead of drowning in database work):
 *     one warm-up (≥ 20 s), then many short rounds in pairs (on off, off on, on off…: the order alternates so a drift
 *     of the shared machine hits both modes alike). Each pair gives a cost {@code (off − on) / off}; the figure is
 *     the median of the pairs' costs, beside the interquartile range of those costs (the noise).</li>
 * <li>The scrape time of /metrics (p50, max) and its size.</li>
 * <li>The rush itself (InvestRush's burst: N investors reserve into one fresh round at once, room for 70 %), after a
 *     warm-up, in alternating pairs on fresh rounds: accepted per second on and off and the median of the pairs'
 *     costs. Skipped with METRICS_RUSH=0.</li>
 * </ol>
 * Goals: each cost ≤ 5 %; the scrape well within Prometheus' timeout (reference 1 s).
 *
 * <p>bench/metrics.sh [seconds per round, default 5] [clients, default 16] [pairs, default 10]; environment:
 * METRICS_WARMUP (seconds, default 60), METRICS_RUSH (1), METRICS_RUSH_N (investors, default 500),
 * METRICS_RUSH_PAIRS (default 5). A verdict is only worth its name when the noise is smaller than the goal:
 * {@code *-conclusive} says whether the pairs' interquartile range is within 2 × 5 %.
 */
public final class MetricsCost {

    private static final List<String> SWITCHES = List.of("observability.request-metrics", "observability.access-log");

    private MetricsCost() {
    }

    public static void main(String[] args) throws Exception {
        Figures.claimStandardOutput();
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int pairs = args.length > 2 ? Math.max(1, Integer.parseInt(args[2])) : 10;
        int warmup = Math.max(20, Integer.parseInt(InvestRush.env("METRICS_WARMUP", "60")));
        boolean rush = !"0".equals(InvestRush.env("METRICS_RUSH", "1"));
        int rushInvestors = Integer.parseInt(InvestRush.env("METRICS_RUSH_N", "500"));
        int rushPairs = Math.max(1, Integer.parseInt(InvestRush.env("METRICS_RUSH_PAIRS", "5")));
        Path work = BenchPlatform.workDir("metrics");
        String token = "bench-scrape-token";
        String signingKey = DevSigningKey.generatePem();
        String adminEmail = "metrics-admin@example.com";
        String adminPassword = "metrics bench admin " + UUID.randomUUID();
        var options = BenchPlatform.fresh(work, Map.of("PICKTARTUP_BATCH_HEARTBEAT_ON_BOOT", "false",
                        "PICKTARTUP_AUTH_SIGNING_KEY", signingKey,
                        "PICKTARTUP_METRICS_TOKEN", token,
                        "PICKTARTUP_ADMIN_EMAIL", adminEmail,
                        "PICKTARTUP_ADMIN_PASSWORD", adminPassword),
                BenchPlatform.runCommandJvmOptions());
        measured("metrics-load-before", InvestRush.loadAverage(), "", "1-min load average; the machine may be shared");
        try (var platform = Platform.start(options)) {
            var api = new Api(platform.baseUri(), Duration.ofSeconds(120)).verifyingOn(platform);
            var admin = new Operator(api, adminEmail, adminPassword);
            var client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            URI target = platform.baseUri().resolve("/api/platform");

            // 1. the cheap endpoint: one warm-up, then short alternating rounds on the same warm JIT
            admin.observe(true);
            burst(client, target, warmup, clients);
            var onRates = new ArrayList<Double>();
            var offRates = new ArrayList<Double>();
            var costs = new ArrayList<Double>();
            for (int pair = 0; pair < pairs; pair++) {
                double[] rate = new double[2]; // [on, off]
                for (boolean on : pair % 2 == 0 ? new boolean[] {true, false} : new boolean[] {false, true}) {
                    admin.observe(on);
                    double r = burst(client, target, seconds, clients);
                    rate[on ? 0 : 1] = r;
                    (on ? onRates : offRates).add(r);
                    Figures.progress("pair " + (pair + 1) + ": metrics and access log " + (on ? "on " : "off ")
                            + Figures.fixed(r, 1) + " requests/s");
                }
                costs.add(100 * (rate[1] - rate[0]) / rate[1]);
            }
            admin.observe(true);
            double cost = Stats.median(costs);
            double iqr = Stats.percentile(costs, 0.75) - Stats.percentile(costs, 0.25);
            measured("metrics-on-rate", Figures.fixed(Stats.median(onRates), 1), "requests/s", "GET /api/platform, "
                    + clients + " clients, median of " + onRates.size() + " rounds of " + seconds + " s: " + rounds(onRates));
            measured("metrics-off-rate", Figures.fixed(Stats.median(offRates), 1), "requests/s",
                    "metrics and access log switched off at run time, median of " + offRates.size() + " rounds: "
                            + rounds(offRates));
            measured("metrics-cost", Figures.fixed(cost, 1), "%", "median of the " + pairs
                    + " pairs' cost (off − on) / off: " + rounds(costs));
            measured("metrics-cost-iqr", Figures.fixed(iqr, 1), "%", "interquartile range of the pairs' costs: the noise");
            measured("metrics-on-rounds-spread", Figures.fixed(spread(onRates), 1), "%", "(max − min) / max of the 'on' rounds");
            measured("metrics-off-rounds-spread", Figures.fixed(spread(offRates), 1), "%", "(max − min) / max of the 'off' rounds");
            measured("metrics-cost-conclusive", iqr <= 10, "", "the pairs' IQR within 10 %: the noise smaller than "
                    + "twice the goal; else rerun on a quiet machine");
            Figures.verdict("metrics-cost-max-5", cost <= 5, Figures.fixed(cost, 1) + " % (floor: within 5 %; median of "
                    + pairs + " alternating pairs; the pairs' IQR " + Figures.fixed(iqr, 1) + " %)");

            // 2. the scrape: what Prometheus waits for every interval
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

            // 3. the rush, on and off, on fresh rounds of the same platform
            if (rush) {
                rush(platform, api, admin, signingKey, rushInvestors, rushPairs);
            }
            measured("metrics-load-after", InvestRush.loadAverage(), "", "1-min load average");
        } finally {
            BenchPlatform.deleteTree(work);
        }
    }

    /** InvestRush's burst with the metrics and access log on and off, in alternating pairs, each on a fresh round. */
    static void rush(Platform platform, Api api, Operator admin, String signingKey, int n, int pairs) throws Exception {
        var db = new Database(platform);
        String ceoEmail = InvestRush.unique("ceo");
        String ceoId = api.signUp(ceoEmail, InvestRush.PASSWORD, "Metrics CEO", InvestRush.WALLET_PASSWORD).get("id").asText();
        String templateEmail = InvestRush.unique("template");
        String templateId = api.signUp(templateEmail, InvestRush.PASSWORD, "Metrics Template", InvestRush.WALLET_PASSWORD)
                .get("id").asText();
        Api.expect(200, api.call("PUT", "/api/admin/accounts/" + ceoId + "/role", admin.token(), body("role", "STARTUP")));
        String ceo = api.login(ceoEmail, InvestRush.PASSWORD);
        String startupId = Api.expect(201, api.call("POST", "/api/admin/startups", admin.token(), body(
                "name", "Metered Mobility " + UUID.randomUUID().toString().substring(0, 6), "pitch", "Measured twice",
                "description", "지표 비용 측정 / the metrics' cost", "sector", "Logistics",
                "foundedOn", "2021-03-02", "ceoAccountId", ceoId, "walletAddress", InvestRush.randomAddress())))
                .get("id").asText();
        int roomPkn = (int) Math.round(n * InvestRush.ROOM_SHARE) * InvestRush.AMOUNT;
        String warmRound = InvestRush.draftRound(api, ceo, startupId, "Warm-up round", 1_000_000);
        var rounds = new ArrayList<String>();
        for (int i = 0; i < 2 * pairs; i++) {
            rounds.add(InvestRush.draftRound(api, ceo, startupId, "Metered round " + (i + 1), roomPkn));
        }
        var all = new ArrayList<String>(rounds);
        all.add(warmRound);
        for (String round : all) {
            Api.expect(202, api.call("POST", "/api/rounds/" + round + "/open", ceo, null));
        }
        for (String round : all) {
            InvestRush.awaitOpen(api, round);
        }
        String templateToken = api.login(templateEmail, InvestRush.PASSWORD);
        var warmers = InvestRush.seed(db, templateId, InvestRush.WARMUP_INVESTORS, "warm");
        var investors = InvestRush.seed(db, templateId, n, "rush");
        InvestRush.mint(platform, warmers, (InvestRush.WARMUP_CALLS_EACH + 2) * InvestRush.AMOUNT);
        InvestRush.mint(platform, investors, (2 * pairs + 1) * InvestRush.AMOUNT);
        var forger = new InvestRush.TokenForger(templateToken, signingKey);
        for (var investor : warmers) {
            investor.token = forger.forge(investor);
        }
        admin.observe(true);
        var warm = InvestRush.warmUp(platform, api, warmRound, warmers);
        Figures.progress("rush warm-up: " + warm.calls() + " calls at " + Figures.fixed(warm.calls() / warm.seconds(), 1) + "/s");

        var onRates = new ArrayList<Double>();
        var offRates = new ArrayList<Double>();
        var costs = new ArrayList<Double>();
        int next = 0;
        boolean consistent = true;
        for (int pair = 0; pair < pairs; pair++) {
            double[] rate = new double[2];
            for (boolean on : pair % 2 == 0 ? new boolean[] {true, false} : new boolean[] {false, true}) {
                admin.observe(on);
                for (var investor : investors) {
                    investor.token = forger.forge(investor); // access tokens live 10 minutes
                }
                String round = rounds.get(next++);
                var burst = InvestRush.burst(platform, api, round, investors);
                var check = InvestRush.check(db, round);
                consistent &= check.consistent() && check.oversubscribed().signum() == 0;
                rate[on ? 0 : 1] = burst.acceptedRate();
                (on ? onRates : offRates).add(burst.acceptedRate());
                Figures.progress("rush pair " + (pair + 1) + ": metrics and access log " + (on ? "on " : "off ")
                        + burst.accepted() + " accepted in " + Figures.fixed(burst.wall(), 2) + " s = "
                        + Figures.fixed(burst.acceptedRate(), 1) + " investments/s, p99 " + Math.round(burst.p(0.99)) + " ms");
            }
            costs.add(100 * (rate[1] - rate[0]) / rate[1]);
        }
        admin.observe(true);
        double cost = Stats.median(costs);
        measured("metrics-rush-investors", n, "investors", "one burst each round, room for "
                + Math.round(InvestRush.ROOM_SHARE * 100) + " %");
        measured("metrics-rush-on-rate", Figures.fixed(Stats.median(onRates), 1), "investments/s",
                "accepted per second, median of " + onRates.size() + " bursts: " + rounds(onRates));
        measured("metrics-rush-off-rate", Figures.fixed(Stats.median(offRates), 1), "investments/s",
                "metrics and access log off, median of " + offRates.size() + " bursts: " + rounds(offRates));
        measured("metrics-rush-cost", Figures.fixed(cost, 1), "%", "median of the " + pairs
                + " pairs' cost (off − on) / off: " + rounds(costs));
        double iqr = Stats.percentile(costs, 0.75) - Stats.percentile(costs, 0.25);
        measured("metrics-rush-cost-iqr", Figures.fixed(iqr, 1), "%", "interquartile range of the pairs' costs: the noise");
        measured("metrics-rush-cost-conclusive", iqr <= 10, "", "the pairs' IQR within 10 %; else rerun on a quiet machine");
        measured("metrics-rush-consistent", consistent, "", "every burst: committed = reserved sum ≤ hard cap");
        Figures.verdict("metrics-rush-cost-max-5", cost <= 5, Figures.fixed(cost, 1)
                + " % (floor: within 5 %; median of " + pairs + " alternating pairs)");
    }

    /** The admin who flips the switches; logs in again before the access token's 10 minutes run out. */
    static final class Operator {
        private final Api api;
        private final String email;
        private final String password;
        private String token;
        private long loggedInAt;

        Operator(Api api, String email, String password) {
            this.api = api;
            this.email = email;
            this.password = password;
        }

        String token() {
            if (token == null || System.nanoTime() - loggedInAt > Duration.ofMinutes(8).toNanos()) {
                token = api.login(email, password);
                loggedInAt = System.nanoTime();
            }
            return token;
        }

        /** Both switches on or off; the instance that stores them applies them at once. */
        void observe(boolean on) throws InterruptedException {
            for (String key : SWITCHES) {
                var set = Api.expect(200, api.call("PUT", "/api/admin/settings/" + key, token(),
                        body("value", Boolean.toString(on))));
                if (!set.get("value").asText().equals(Boolean.toString(on))) {
                    throw new IllegalStateException(key + " stayed " + set);
                }
            }
            Thread.sleep(300); // the switch's own request and audit out of the way
        }
    }

    private static double spread(List<Double> values) {
        return 100 * (Collections.max(values) - Collections.min(values)) / Collections.max(values);
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
