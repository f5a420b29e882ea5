import io.picktartup.chain.contract.PicktartupToken;
import io.picktartup.launcher.Platform;
import io.picktartup.launcher.PlatformOptions;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

import java.math.BigInteger;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Mints through the chain outbox on a fresh anvil: N intents written by 4 concurrent producers (each in its own
 * database transaction, as a business operation writes them), timed until all are confirmed; beside it, the raw
 * sequential rate (sign, send, wait for the receipt, one at a time) on the same chain. Prints "name: value unit".
 *
 *   java -cp "server-config/target/server-config-0.1.0-SNAPSHOT.jar:server-config/target/lib/*" bench/ChainThroughput.java [N]
 */
public class ChainThroughput {

    public static void main(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int producers = 4;
        Path root = Path.of("").toAbsolutePath();
        Path work = Files.createTempDirectory("picktartup-chain-bench");
        var options = new PlatformOptions(work, root.resolve("picktartup-web/target/picktartup.war"),
                root.resolve("server-config/target/runtime"), free(), false, Optional.empty(), free(),
                Optional.empty(), free(), free(),
                Optional.of(new PlatformOptions.DevChainOptions(PlatformOptions.defaultAnvil(root), free(), Optional.empty())),
                Map.of("PICKTARTUP_BATCH_HEARTBEAT_ON_BOOT", "false"), List.of("-Xmx512m", "-XX:+UseSerialGC"));
        try (var platform = Platform.start(options)) {
            var web3j = Web3j.build(new HttpService(platform.chainRpcUrl()));
            String tokenAddress = platform.contracts().get("token");
            Credentials admin = Platform.devAccount(0);
            Credentials minter = Platform.devAccount(2);
            var gas = new StaticGasProvider(BigInteger.valueOf(2_000_000_000L), BigInteger.valueOf(300_000));

            // baseline: one account minting sequentially, each waiting for its receipt
            var asAdmin = PicktartupToken.load(tokenAddress, web3j, new RawTransactionManager(web3j, admin, 31337), gas);
            asAdmin.grantRole(asAdmin.MINTER_ROLE().send(), minter.getAddress()).send();
            var manager = new RawTransactionManager(web3j, minter, 31337,
                    new PollingTransactionReceiptProcessor(web3j, 5, 2000));
            var asMinter = PicktartupToken.load(tokenAddress, web3j, manager, gas);
            int baseline = Math.min(total, 300);
            Instant start = Instant.now();
            for (int i = 0; i < baseline; i++) {
                asMinter.mint(address(), BigInteger.TEN.pow(18), id()).send();
            }
            double sequential = baseline / seconds(start);

            // through the outbox, 4 producers
            String relayer = Platform.devAccount(1).getAddress().toLowerCase();
            var pool = Executors.newFixedThreadPool(producers);
            Instant began = Instant.now();
            List<Future<?>> done = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                int share = total / producers + (p < total % producers ? 1 : 0);
                done.add(pool.submit(() -> {
                    try (var connection = platform.connect()) {
                        var insert = connection.prepareStatement("""
                                insert into chain_transaction (business_key, kind, from_address, to_address, call_data,
                                    gas_limit, status, attempts, created_at, updated_at)
                                values (?, 'mint', ?, ?, ?, 200000, 'QUEUED', 0, now(), now())""");
                        for (int i = 0; i < share; i++) {
                            byte[] paymentId = id();
                            insert.setString(1, "mint:" + org.web3j.utils.Numeric.toHexString(paymentId));
                            insert.setString(2, relayer);
                            insert.setString(3, tokenAddress.toLowerCase());
                            insert.setString(4, asMinter.mint(address(), BigInteger.TEN.pow(18), paymentId).encodeFunctionCall());
                            insert.executeUpdate();
                        }
                    }
                    return null;
                }));
            }
            for (var f : done) {
                f.get();
            }
            pool.shutdown();
            double produced = seconds(began);
            long confirmed;
            try (var connection = platform.connect()) {
                var count = connection.prepareStatement(
                        "select count(*) filter (where status = 'CONFIRMED'), count(*) filter (where status = 'FAILED') from chain_transaction");
                while (true) {
                    var rs = count.executeQuery();
                    rs.next();
                    confirmed = rs.getLong(1);
                    if (confirmed + rs.getLong(2) >= total || seconds(began) > 600) {
                        break;
                    }
                    Thread.sleep(50);
                }
                double elapsed = seconds(began);
                var stats = connection.createStatement().executeQuery("""
                        select count(*) filter (where status = 'FAILED'),
                               count(distinct nonce), min(nonce), max(nonce), sum(attempts),
                               percentile_cont(0.5) within group (order by extract(epoch from confirmed_at - created_at)),
                               percentile_cont(0.99) within group (order by extract(epoch from confirmed_at - created_at))
                        from chain_transaction""");
                stats.next();
                long failed = stats.getLong(1);
                long distinct = stats.getLong(2);
                long span = stats.getLong(4) - stats.getLong(3) + 1;
                System.out.printf("chain.mint.sequential_baseline: %.1f tx/s%n", sequential);
                System.out.printf("chain.outbox.producers: %d threads%n", producers);
                System.out.printf("chain.outbox.intents: %d intents%n", total);
                System.out.printf("chain.outbox.enqueue_time: %.2f s%n", produced);
                System.out.printf("chain.outbox.mints_confirmed_per_second: %.1f tx/s%n", confirmed / elapsed);
                System.out.printf("chain.outbox.confirmation_latency_p50: %.3f s%n", stats.getDouble(6));
                System.out.printf("chain.outbox.confirmation_latency_p99: %.3f s%n", stats.getDouble(7));
                System.out.printf("chain.outbox.attempts_per_tx: %.3f attempts%n", stats.getDouble(5) / total);
                System.out.printf("chain.outbox.failed: %d tx%n", failed);
                // a nonce error would show as a failure, a duplicate nonce (unique index) or a gap in the range
                System.out.printf("chain.outbox.nonce_errors: %d errors%n", failed + (total - distinct) + (span - distinct));
            }
            web3j.shutdown();
        } finally {
            deleteTree(work);
        }
    }

    static String address() throws Exception {
        return Keys.toChecksumAddress(Keys.getAddress(Keys.createEcKeyPair()));
    }

    static byte[] id() {
        byte[] id = new byte[32];
        new SecureRandom().nextBytes(id);
        return id;
    }

    static double seconds(Instant since) {
        return Duration.between(since, Instant.now()).toMillis() / 1000.0;
    }

    static int free() throws Exception {
        try (var s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static void deleteTree(Path dir) throws Exception {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
