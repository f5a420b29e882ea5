import io.picktartup.chain.contract.PicktartupToken;
import io.picktartup.launcher.Platform;
import io.picktartup.launcher.PlatformOptions;
import io.picktartup.launcher.sandbox.PaymentSandbox;
import io.picktartup.launcher.sandbox.SandboxPayment;
import org.web3j.crypto.Keys;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * N card purchases completed concurrently through the platform (sandbox gateway webhooks → verify → look up →
 * credit → outbox mint → confirmed), timed from each webhook to its order's completion; beside it the raw rate of
 * the same number of mints sent straight to the same fresh anvil by one client (the floor). Checks that no payment
 * minted twice against the indexed Minted events. Prints "name: value unit".
 *
 *   java -cp "server-config/target/server-config-0.1.0-SNAPSHOT.jar:server-config/target/lib/*" bench/CoinThroughput.java [N]
 */
public class CoinThroughput {

    public static void main(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        Path root = Path.of("").toAbsolutePath();
        Path work = Files.createTempDirectory("picktartup-coin-bench");
        var options = new PlatformOptions(work, root.resolve("picktartup-web/target/picktartup.war"),
                root.resolve("server-config/target/runtime"), free(), false, Optional.empty(), free(),
                Optional.empty(), free(), free(),
                Optional.of(new PlatformOptions.DevChainOptions(PlatformOptions.defaultAnvil(root), free(), Optional.empty())),
                Map.of("PICKTARTUP_BATCH_HEARTBEAT_ON_BOOT", "false", "PICKTARTUP_PAYMENT_SANDBOX_MINUTE_MS", "100"),
                List.of("-Xmx1536m", "-XX:+UseSerialGC"));
        try (var platform = Platform.start(options)) {
            var http = HttpClient.newHttpClient();
            String email = "bench-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
            var signup = http.send(HttpRequest.newBuilder(platform.baseUri().resolve("/api/auth/signup"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"correct horse battery staple\","
                            + "\"name\":\"Bench\",\"walletPassword\":\"wallet: seven wonders of Seoul\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (signup.statusCode() != 201) {
                throw new IllegalStateException("signup failed: " + signup.body());
            }
            String accountId = signup.body().replaceAll(".*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
            PaymentSandbox sandbox = platform.paymentSandbox();

            // the orders, as placing them writes them, each paid at the gateway
            List<String> paymentIds = new ArrayList<>();
            try (var connection = platform.connect()) {
                var insert = connection.prepareStatement("""
                        insert into coin_order (account_id, payment_id, krw_amount, won_per_token, token_amount,
                                                wallet_address, status, created_at, updated_at)
                        values (?::uuid, ?, 10000, 1000, 10000000000000000000, ?, 'PENDING', now(), now())""");
                for (int i = 0; i < total; i++) {
                    String paymentId = "pkn-bench-" + i + "-" + UUID.randomUUID().toString().substring(0, 8);
                    insert.setString(1, accountId);
                    insert.setString(2, paymentId);
                    insert.setString(3, Keys.toChecksumAddress(Keys.getAddress(Keys.createEcKeyPair())));
                    insert.executeUpdate();
                    sandbox.create(paymentId, SandboxPayment.Status.PAID, 10000, "KRW", "10 PKN");
                    paymentIds.add(paymentId);
                }
            }
            var sentAt = new ConcurrentHashMap<String, Instant>();
            var pool = Executors.newFixedThreadPool(16);
            Instant start = Instant.now();
            List<Future<?>> sends = new ArrayList<>();
            for (String paymentId : paymentIds) {
                sends.add(pool.submit(() -> {
                    sentAt.put(paymentId, Instant.now());
                    sandbox.sendWebhook(paymentId);
                }));
            }
            for (var send : sends) {
                send.get();
            }
            pool.shutdown();
            List<Double> latencies = new ArrayList<>();
            try (var connection = platform.connect()) {
                var query = connection.prepareStatement(
                        "select payment_id, completed_at from coin_order where status = 'COMPLETED' and payment_id like 'pkn-bench-%'");
                Instant deadline = Instant.now().plusSeconds(600);
                while (Instant.now().isBefore(deadline)) {
                    latencies.clear();
                    var rs = query.executeQuery();
                    while (rs.next()) {
                        Instant done = rs.getTimestamp(2).toInstant();
                        latencies.add(Duration.between(sentAt.get(rs.getString(1)), done).toMillis() / 1000.0);
                    }
                    if (latencies.size() >= total) {
                        break;
                    }
                    Thread.sleep(100);
                }
            }
            double elapsed = Duration.between(start, Instant.now()).toMillis() / 1000.0;
            latencies.sort(Double::compare);
            // no double mint: one Minted event per order, each for a different payment id
            Thread.sleep(3000);
            long minted;
            long distinct;
            try (var connection = platform.connect();
                 var rs = connection.createStatement().executeQuery("""
                         select count(*), count(distinct args::json ->> 'arg2') from chain_event
                         where event_name = 'Minted' and not removed""")) {
                rs.next();
                minted = rs.getLong(1);
                distinct = rs.getLong(2);
            }

            // the floor: the same number of mints sent straight to the chain by one client, one after the other
            var web3j = Web3j.build(new HttpService(platform.chainRpcUrl()));
            var gas = new StaticGasProvider(BigInteger.valueOf(2_000_000_000L), BigInteger.valueOf(300_000));
            var admin = PicktartupToken.load(platform.contracts().get("token"), web3j,
                    new RawTransactionManager(web3j, Platform.devAccount(0), 31337), gas);
            var minter = Platform.devAccount(2);
            admin.grantRole(admin.MINTER_ROLE().send(), minter.getAddress()).send();
            var direct = PicktartupToken.load(platform.contracts().get("token"), web3j, new RawTransactionManager(web3j,
                    minter, 31337, new PollingTransactionReceiptProcessor(web3j, 5, 2000)), gas);
            Instant rawStart = Instant.now();
            for (int i = 0; i < total; i++) {
                byte[] id = new byte[32];
                new SecureRandom().nextBytes(id);
                direct.mint(Keys.toChecksumAddress(Keys.getAddress(Keys.createEcKeyPair())), BigInteger.TEN.pow(19), id).send();
            }
            double raw = total / (Duration.between(rawStart, Instant.now()).toMillis() / 1000.0);
            web3j.shutdown();

            var statuses = new java.util.TreeMap<String, Integer>();
            for (var d : sandbox.deliveries()) {
                statuses.merge(d.attempt() + ":" + d.status() + (d.error() == null ? "" : ":" + d.error()), 1, Integer::sum);
            }
            System.out.println("coins.webhook_deliveries_by_attempt_and_status: " + statuses.toString().replace(" ", "") + " deliveries");
            double rate = latencies.size() / elapsed;
            System.out.printf("coins.purchases: %d purchases%n", total);
            System.out.printf("coins.completed: %d purchases%n", latencies.size());
            System.out.printf("coins.total_time: %.2f s%n", elapsed);
            System.out.printf("coins.webhook_to_confirmed_p50: %.3f s%n", percentile(latencies, 0.50));
            System.out.printf("coins.webhook_to_confirmed_p99: %.3f s%n", percentile(latencies, 0.99));
            System.out.printf("coins.platform_mint_rate: %.1f mints/s%n", rate);
            System.out.printf("coins.raw_mint_rate_one_client: %.1f mints/s%n", raw);
            System.out.printf("coins.platform_to_raw_ratio: %.2f x%n", rate / raw);
            System.out.printf("coins.minted_events: %d events%n", minted);
            System.out.printf("coins.double_mints: %d mints%n", minted - distinct);
            System.out.printf("coins.goal_ratio_min_0.7: %s%n", rate / raw >= 0.7 ? "PASS" : "FAIL");
        } finally {
            try (var walk = Files.walk(work)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    static int free() throws Exception {
        try (var s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
