package io.picktartup.bench;

import io.picktartup.chain.contract.PicktartupToken;
import io.picktartup.launcher.Platform;
import io.picktartup.launcher.sandbox.PaymentSandbox;
import io.picktartup.launcher.sandbox.SandboxPayment;
import org.web3j.crypto.Keys;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.picktartup.bench.Figures.fixed;
import static io.picktartup.bench.Figures.measured;

/**
 * N card purchases completed concurrently through the platform (bench/coins.sh): sandbox gateway webhooks → verify →
 * look up → credit → outbox mint → confirmed, timed from each webhook to its order's completion; beside it the raw
 * rate of the same number of mints sent straight to the same fresh anvil by one client that pipelines them (the
 * floor, {@link PipelinedClient}). Checks that no
 * payment minted twice against the indexed Minted events.
 */
public final class CoinThroughput {

    public static void main(String[] args) throws Exception {
        Figures.claimStandardOutput();
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        Path work = BenchPlatform.workDir("coin");
        var options = BenchPlatform.fresh(work,
                Map.of("PICKTARTUP_BATCH_HEARTBEAT_ON_BOOT", "false", "PICKTARTUP_PAYMENT_SANDBOX_MINUTE_MS", "100"),
                List.of("-Xmx1536m", "-XX:+UseSerialGC"));
        try (var platform = Platform.start(options)) {
            run(platform, new Api(platform.baseUri()).verifyingOn(platform), new Database(platform), total);
        } finally {
            BenchPlatform.deleteTree(work);
        }
    }

    static void run(Platform platform, Api api, Database db, int total) throws Exception {
        String email = "bench-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String accountId = api.signUp(email, "correct horse battery staple", "Bench", "wallet: seven wonders of Seoul")
                .path("id").asText();
        PaymentSandbox sandbox = platform.paymentSandbox();

        // the orders, as placing them writes them, each paid at the gateway
        List<String> paymentIds = new ArrayList<>();
        try (var connection = db.connect(); var insert = connection.prepareStatement("""
                insert into coin_order (account_id, payment_id, krw_amount, won_per_token, token_amount,
                                        wallet_address, status, created_at, updated_at)
                values (?::uuid, ?, 10000, 1000, 10000000000000000000, ?, 'PENDING', now(), now())""")) {
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
        try (var connection = db.connect(); var query = connection.prepareStatement(
                "select payment_id, completed_at from coin_order where status = 'COMPLETED' and payment_id like 'pkn-bench-%'")) {
            Instant deadline = Instant.now().plusSeconds(600);
            while (Instant.now().isBefore(deadline)) {
                latencies.clear();
                try (var rs = query.executeQuery()) {
                    while (rs.next()) {
                        Instant done = rs.getTimestamp(2).toInstant();
                        latencies.add(Duration.between(sentAt.get(rs.getString(1)), done).toMillis() / 1000.0);
                    }
                }
                if (latencies.size() >= total) {
                    break;
                }
                Thread.sleep(100);
            }
        }
        double elapsed = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        // no double mint: one Minted event per order, each for a different payment id
        Thread.sleep(3000);
        String mintedEvents = "from chain_event where event_name = 'Minted' and not removed";
        long minted = db.number("select count(*) " + mintedEvents);
        long distinct = db.number("select count(distinct args::json ->> 'arg2') " + mintedEvents);

        // the floor (issue 19 §4): the same number of mints sent straight to the chain by one client that pipelines
        // them (local nonces, JSON-RPC batches for the sends and the receipts); a sequential client is no floor
        var web3j = Web3j.build(new HttpService(platform.chainRpcUrl()));
        var gas = new StaticGasProvider(BigInteger.valueOf(2_000_000_000L), BigInteger.valueOf(300_000));
        var admin = PicktartupToken.load(platform.contracts().get("token"), web3j,
                new RawTransactionManager(web3j, Platform.devAccount(0), 31337), gas);
        var minter = Platform.devAccount(2);
        admin.grantRole(admin.MINTER_ROLE().send(), minter.getAddress()).send();
        List<String> floorCalls = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            byte[] id = new byte[32];
            new SecureRandom().nextBytes(id);
            floorCalls.add(admin.mint(Keys.toChecksumAddress(Keys.getAddress(Keys.createEcKeyPair())),
                    BigInteger.TEN.pow(19), id).encodeFunctionCall());
        }
        var floor = PipelinedClient.run(web3j, 31337, minter, platform.contracts().get("token"), floorCalls,
                BigInteger.valueOf(2_000_000_000L), BigInteger.valueOf(200_000));
        double raw = floor.perSecond();
        web3j.shutdown();

        var deliveries = new TreeMap<String, Integer>();
        for (var d : sandbox.deliveries()) {
            String outcome = d.error() == null ? String.valueOf(d.status()) : "error";
            if (d.error() != null) {
                Figures.progress("webhook " + d.webhookId() + " attempt " + d.attempt() + ": " + d.error());
            }
            deliveries.merge("attempt" + d.attempt() + "." + outcome, 1, Integer::sum);
        }
        deliveries.forEach((outcome, count) -> measured("coins.webhook_deliveries." + outcome, count, "deliveries"));
        double rate = latencies.size() / elapsed;
        measured("coins.purchases", total, "purchases");
        measured("coins.completed", latencies.size(), "purchases");
        measured("coins.total_time", fixed(elapsed, 2), "s");
        measured("coins.webhook_to_confirmed_p50", fixed(Stats.percentile(latencies, 0.50), 3), "s");
        measured("coins.webhook_to_confirmed_p99", fixed(Stats.percentile(latencies, 0.99), 3), "s");
        measured("coins.platform_mint_rate", fixed(rate, 1), "mints/s");
        measured("coins.raw_mint_rate_pipelined", fixed(raw, 1), "mints/s", floor.succeeded() + " of " + total
                + " succeeded, signed with local nonces, sent and receipts fetched in JSON-RPC batches");
        measured("coins.platform_to_raw_ratio", fixed(rate / raw, 2), "x");
        measured("coins.minted_events", minted, "events");
        measured("coins.double_mints", minted - distinct, "mints");
        Figures.verdict("coins.goal_ratio_min_0.7", rate / raw >= 0.7, fixed(rate / raw, 2) + " x");
    }
}
