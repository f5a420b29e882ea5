import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.picktartup.chain.contract.PicktartupToken;
import io.picktartup.launcher.DevSigningKey;
import io.picktartup.launcher.Platform;
import io.picktartup.launcher.PlatformOptions;
import org.web3j.crypto.Keys;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.FastRawTransactionManager;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.NoOpProcessor;
import org.web3j.utils.Numeric;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rush: N investors (default 500) reserve into one open round at the same moment. Boots the platform fresh
 * (embedded PostgreSQL, anvil, Payara Micro, through the launcher) with a signing key and an admin of its own, sets
 * up a startup, its CEO and the rounds through the API, seeds the investors straight into PostgreSQL (signing up
 * 500 accounts would cost 500 wallet key derivations of ~1 s each) with PKN minted to each on chain and access
 * tokens forged with the platform's key (a real login token's claims, with the seeded account and session).
 *
 * <p>Two bursts of N concurrent {@code POST /api/rounds/{id}/investments} after a warm-up on a third round: the
 * "rush" round has room for 70 % of the demand (so an oversubscription would show), the "roomy" round for all of it
 * (every call can be accepted). Per burst: accepted, refused, accepted per second, p50/p99/max latency, CPU used by
 * each process, and the database's own check that the reserved sum equals the round's committed and stays under the
 * hard cap; while it runs, pg_stat_activity is sampled (what the pool's connections do, what the hot row's holder
 * does) and statements over 20 ms are logged. Beside it, in the same run on the same PostgreSQL: the raw rate of one
 * hot row updated by pgbench with as many clients as the application's JDBC pool has connections (and the same loop
 * over JDBC), and two pgbench models of the invest transaction, the hot row updated first (as now) or last. Before the
 * bursts, the invest call alone is taken apart (its SQL as PostgreSQL logged it, with the gaps between statements;
 * the chain read; the JWT check), and simpler calls give the machine's floor (calls/s and CPU per call).
 * Prints "name: value unit". RUSH_PROFILE=1 records the application with JFR and prints where the roomy burst's CPU
 * went (a diagnostic run: it costs a little throughput); RUSH_KEEP_LOGS=dir keeps the platform's logs.
 *
 *   java -cp "server-config/target/server-config-0.1.0-SNAPSHOT.jar:server-config/target/lib/*" bench/InvestRush.java [N]
 */
public class InvestRush {

    static final BigInteger PKN = BigInteger.TEN.pow(18);
    static final ObjectMapper JSON = new ObjectMapper();
    static final String PASSWORD = "correct horse battery staple";
    static final String WALLET_PASSWORD = "wallet: seven wonders of Seoul";
    /** PKN per investment: one share of ₩10,000 at the default ₩1,000 per PKN. */
    static final int AMOUNT = 10;
    static final double ROOM_SHARE = 0.7;
    static final int WARMUP_INVESTORS = 48;
    static final int WARMUP_CALLS_EACH = 25;
    static final int SOLO_CALLS = 20;
    static final int PG_SECONDS = 10;

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        Path root = Path.of("").toAbsolutePath();
        Path work = Files.createTempDirectory("picktartup-rush-bench");
        String signingKey = DevSigningKey.generatePem();
        String adminEmail = env("PICKTARTUP_ADMIN_EMAIL", "rush-admin@example.com");
        String adminPassword = env("PICKTARTUP_ADMIN_PASSWORD", "rush bench admin " + UUID.randomUUID());
        var options = new PlatformOptions(work, root.resolve("picktartup-web/target/picktartup.war"),
                root.resolve("server-config/target/runtime"), free(), false, Optional.empty(), free(),
                Optional.empty(), free(), free(),
                Optional.of(new PlatformOptions.DevChainOptions(PlatformOptions.defaultAnvil(root), free(), Optional.empty())),
                Map.of("PICKTARTUP_BATCH_HEARTBEAT_ON_BOOT", "false",
                        "PICKTARTUP_AUTH_SIGNING_KEY", signingKey,
                        "PICKTARTUP_ADMIN_EMAIL", adminEmail,
                        "PICKTARTUP_ADMIN_PASSWORD", adminPassword),
                "1".equals(System.getenv("RUSH_PROFILE"))
                        ? List.of("-Xmx1536m", "-XX:+UseSerialGC", "-Xss512k", "-XX:FlightRecorderOptions:stackdepth=512",
                                "-XX:StartFlightRecording=name=rush,settings=profile,disk=true,maxage=30m")
                        : List.of("-Xmx1536m", "-XX:+UseSerialGC", "-Xss512k"));
        out("rush-machine-cores", Runtime.getRuntime().availableProcessors(), "cores");
        out("rush-load-before", loadAverage(), "load (1-min average, machine shared with other builds)");
        try (var platform = Platform.start(options)) {
            out("rush-boot-time", platform.bootTime().toMillis() / 1000.0, "s");
            var api = new Api(platform.baseUri());

            // a startup, its CEO and three rounds, the way the platform's users make them
            String ceoEmail = unique("ceo");
            String ceoId = api.expect(201, api.call("POST", "/api/auth/signup", null, body("email", ceoEmail,
                    "password", PASSWORD, "name", "Rush CEO", "walletPassword", WALLET_PASSWORD))).get("id").asText();
            String templateEmail = unique("template");
            String templateId = api.expect(201, api.call("POST", "/api/auth/signup", null, body("email", templateEmail,
                    "password", PASSWORD, "name", "Rush Template", "walletPassword", WALLET_PASSWORD))).get("id").asText();
            String admin = api.login(adminEmail, adminPassword);
            api.expect(200, api.call("PUT", "/api/admin/accounts/" + ceoId + "/role", admin, body("role", "STARTUP")));
            String ceo = api.login(ceoEmail, PASSWORD);
            String startupId = api.expect(201, api.call("POST", "/api/admin/startups", admin, body(
                    "name", "Rush Mobility " + UUID.randomUUID().toString().substring(0, 6), "pitch", "Everyone wants in",
                    "description", "퀵커머스 물류 스타트업 / quick-commerce logistics", "sector", "Logistics",
                    "foundedOn", "2021-03-02", "ceoAccountId", ceoId, "walletAddress", randomAddress()))).get("id").asText();
            int roomPkn = (int) Math.round(n * ROOM_SHARE) * AMOUNT;
            String warmRound = api.draftRound(ceo, startupId, "Warm-up round", 1_000_000);
            String rushRound = api.draftRound(ceo, startupId, "Rush round", roomPkn);
            String roomyRound = api.draftRound(ceo, startupId, "Roomy round", n * AMOUNT);
            for (String round : List.of(warmRound, rushRound, roomyRound)) {
                api.expect(202, api.call("POST", "/api/rounds/" + round + "/open", ceo, null));
            }
            for (String round : List.of(warmRound, rushRound, roomyRound)) {
                api.awaitOpen(round);
            }

            // the investors, seeded: a real account's password hash and keystore, a fresh address, a live session
            String templateToken = api.login(templateEmail, PASSWORD);
            List<Investor> warmers = seed(platform, templateId, WARMUP_INVESTORS, "warm");
            List<Investor> investors = seed(platform, templateId, n, "rush");
            Instant mintStart = Instant.now();
            mint(platform, warmers, (WARMUP_CALLS_EACH + 2) * AMOUNT);
            mint(platform, investors, 3 * AMOUNT);
            out("rush-setup-mints", warmers.size() + investors.size(), "mints confirmed in "
                    + Duration.between(mintStart, Instant.now()).toMillis() / 1000.0 + " s");
            var forger = new TokenForger(templateToken, signingKey);
            List<Investor> all = new ArrayList<>(warmers);
            all.addAll(investors);
            for (var investor : all) {
                investor.token = forger.forge(investor);
            }
            var me = api.expect(200, api.call("GET", "/api/accounts/me", investors.get(0).token, null));
            if (!investors.get(0).id.toString().equals(me.get("id").asText())) {
                throw new IllegalStateException("a forged token speaks for someone else: " + me);
            }

            // warm-up on another round: JIT, the JDBC pool grown to its maximum, the HTTP and EJB pools
            var warm = warmUp(platform, api, warmRound, warmers);
            out("rush-warmup-calls", warm.calls, "calls on another round before measuring (JIT, pools), not counted");
            out("rush-warmup-rate", round1(warm.calls / warm.seconds), "investments/s (" + WARMUP_INVESTORS
                    + " concurrent investors, " + WARMUP_CALLS_EACH + " calls each)");
            out("rush-warmup-cpu-per-call", warm.cpu.perCall(warm.calls), "ms (JIT compilation included)");

            // the invest call alone, taken apart
            solo(platform, api, warmRound, warmers, forger, work);
            floors(platform, api, warmers);

            // the bursts
            var logs = new StatementLog(platform, work.resolve("logs/postgres.log"));
            logs.enable("20ms");
            var rush = burst(platform, api, rushRound, investors);
            var rushSlow = logs.collect();
            var rushCheck = check(platform, rushRound);
            var profiler = "1".equals(System.getenv("RUSH_PROFILE")) ? new Profiler(platform, work) : null;
            if (profiler != null) {
                profiler.start();
            }
            var roomy = burst(platform, api, roomyRound, investors);
            if (profiler != null) {
                profiler.stop();
            }
            var roomySlow = logs.collect();
            var roomyCheck = check(platform, roomyRound);
            logs.disable();

            // the raw rate of the same hot row, on the same PostgreSQL, as many clients as the application's pool
            int clients = poolSize();
            String binary = findPgbench();
            Optional<PgbenchRun> hot = Optional.empty();
            Optional<PgbenchRun> modelFirst = Optional.empty();
            Optional<PgbenchRun> modelLast = Optional.empty();
            long hotUpdates = 0;
            if (binary != null) {
                createScratch(platform, roomyRound);
                hot = pgbench(binary, platform, clients, work, "hot-row", HOT_ROW_UPDATE.formatted(roomyRound));
                hotUpdates = hotRowUpdates(platform);
                modelFirst = pgbench(binary, platform, clients, work, "model-hot-row-first", MODEL_HOT_ROW_FIRST.formatted(HOT_ROW_UPDATE.formatted(roomyRound)));
                modelLast = pgbench(binary, platform, clients, work, "model-hot-row-last", MODEL_HOT_ROW_LAST.formatted(HOT_ROW_UPDATE.formatted(roomyRound)));
            }
            double jdbc = jdbcHotRow(platform, roomyRound, clients);
            try (var connection = platform.connect(); var statement = connection.createStatement()) {
                dropScratch(statement);
            }
            double raw = hot.map(PgbenchRun::tps).orElse(jdbc);

            out("rush-investors", n, "count");
            out("rush-hard-cap", roomPkn, "PKN (room for " + Math.round(ROOM_SHARE * 100) + " % of " + n + " × " + AMOUNT + " PKN)");
            rush.print("rush", rushCheck, rushSlow);
            out("rush-vs-raw", round1(100 * rush.acceptedRate() / raw), "%");
            out("roomy-hard-cap", n * AMOUNT, "PKN (room for every investor)");
            roomy.print("roomy", roomyCheck, roomySlow);
            if (profiler != null) {
                profiler.print("roomy");
            }
            out("roomy-vs-raw", round1(100 * roomy.acceptedRate() / raw), "%");
            out("pg-hot-row-clients", clients, "clients (maxpoolsize of PicktartupPool in post-boot.asadmin)");
            if (hot.isPresent()) {
                out("pg-hot-row-rate", round1(hot.get().tps()), "tx/s (pgbench " + version(binary) + ", " + PG_SECONDS
                        + " s, one conditional update a transaction; " + hotUpdates + " updates, latency avg "
                        + hot.get().latencyMs() + " ms)");
            } else {
                out("pg-hot-row-rate", round1(jdbc), "tx/s (no pgbench here: the JDBC loop below)");
            }
            out("pg-hot-row-rate-jdbc", round1(jdbc), "tx/s (the same update in a JDBC loop per client, autocommit)");
            modelFirst.ifPresent(r -> out("pg-model-hot-row-first", round1(r.tps()), "tx/s (update, insert, insert, "
                    + "COMMIT, 1 ms between statements: the lock held as the invest call holds it)"));
            modelLast.ifPresent(r -> out("pg-model-hot-row-last", round1(r.tps()), "tx/s (the same with the update "
                    + "moved last, before COMMIT)"));
            out("rush-load-after", loadAverage(), "load (1-min average)");
            verdict("rush-goal-rate-vs-raw-min-40", 100 * rush.acceptedRate() / raw >= 40,
                    "rush " + round1(100 * rush.acceptedRate() / raw) + " %, roomy " + round1(100 * roomy.acceptedRate() / raw) + " %");
            verdict("rush-goal-p99-max-250", rush.p(0.99) <= 250,
                    "rush " + Math.round(rush.p(0.99)) + " ms, roomy " + Math.round(roomy.p(0.99)) + " ms");
            verdict("rush-goal-no-oversubscription", rushCheck.oversubscribed().signum() == 0
                    && roomyCheck.oversubscribed().signum() == 0 && rushCheck.consistent() && roomyCheck.consistent(), "");
        } finally {
            String keep = System.getenv("RUSH_KEEP_LOGS");
            if (keep != null && !keep.isBlank() && Files.isDirectory(work.resolve("logs"))) {
                Files.createDirectories(Path.of(keep));
                try (var logs = Files.list(work.resolve("logs"))) {
                    for (var log : logs.toList()) {
                        Files.copy(log, Path.of(keep).resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            try (var walk = Files.walk(work)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------- investors

    static final class Investor {
        final UUID id;
        final UUID session;
        final String address;
        String token;

        Investor(UUID id, UUID session, String address) {
            this.id = id;
            this.session = session;
            this.address = address;
        }
    }

    /** Accounts, wallets and live sessions written as signup and login write them; no key derivation. */
    static List<Investor> seed(Platform platform, String templateId, int count, String prefix) throws Exception {
        var investors = new ArrayList<Investor>();
        try (var connection = platform.connect()) {
            connection.setAutoCommit(false);
            String hash;
            String keystore;
            try (var query = connection.prepareStatement("""
                    select a.password_hash, w.keystore from account a join wallet w on w.account_id = a.id
                    where a.id = ?::uuid""")) {
                query.setString(1, templateId);
                var rs = query.executeQuery();
                rs.next();
                hash = rs.getString(1);
                keystore = rs.getString(2);
            }
            try (var account = connection.prepareStatement("""
                    insert into account (id, email, name, password_hash, role, investor_category, created_at, updated_at, version)
                    values (?, ?, ?, ?, 'INVESTOR', 'GENERAL', now(), now(), 0)""");
                 var wallet = connection.prepareStatement("""
                         insert into wallet (account_id, address, keystore, created_at, updated_at, version)
                         values (?, ?, ?, now(), now(), 0)""");
                 var session = connection.prepareStatement("""
                         insert into session_family (id, account_id, created_at, expires_at)
                         values (?, ?, now(), now() + interval '1 day')""")) {
                String run = UUID.randomUUID().toString().substring(0, 6);
                for (int i = 0; i < count; i++) {
                    var investor = new Investor(UUID.randomUUID(), UUID.randomUUID(), randomAddress());
                    account.setObject(1, investor.id);
                    account.setString(2, prefix + "-" + i + "-" + run + "@example.com");
                    account.setString(3, "Rush Investor " + prefix + " " + i);
                    account.setString(4, hash);
                    account.addBatch();
                    wallet.setObject(1, investor.id);
                    wallet.setString(2, investor.address);
                    wallet.setString(3, keystore);
                    wallet.addBatch();
                    session.setObject(1, investor.session);
                    session.setObject(2, investor.id);
                    session.addBatch();
                    investors.add(investor);
                }
                account.executeBatch();
                wallet.executeBatch();
                session.executeBatch();
            }
            connection.commit();
        }
        return investors;
    }

    /** Mints {@code tokens} PKN to each investor straight from a minter of the dev chain; waits until every balance shows. */
    static void mint(Platform platform, List<Investor> investors, int tokens) throws Exception {
        var web3j = Web3j.build(new HttpService(platform.chainRpcUrl()));
        try {
            var gas = new StaticGasProvider(BigInteger.valueOf(2_000_000_000L), BigInteger.valueOf(300_000));
            String tokenAddress = platform.contracts().get("token");
            var minter = Platform.devAccount(2);
            var admin = PicktartupToken.load(tokenAddress, web3j,
                    new RawTransactionManager(web3j, Platform.devAccount(0), 31337), gas);
            byte[] role = admin.MINTER_ROLE().send();
            if (!admin.hasRole(role, minter.getAddress()).send()) {
                admin.grantRole(role, minter.getAddress()).send();
            }
            var token = PicktartupToken.load(tokenAddress, web3j,
                    new FastRawTransactionManager(web3j, minter, 31337, new NoOpProcessor(web3j)), gas);
            BigInteger amount = PKN.multiply(BigInteger.valueOf(tokens));
            var random = new SecureRandom();
            String last = null;
            for (var investor : investors) {
                byte[] paymentId = new byte[32];
                random.nextBytes(paymentId);
                last = token.mint(investor.address, amount, paymentId).send().getTransactionHash();
            }
            // anvil mines each on arrival; reading state while it still mines can fail ("BlockOutOfRangeError" with
            // --prune-history), so wait for the last receipt, then check every balance
            Instant deadline = Instant.now().plusSeconds(300);
            while (web3j.ethGetTransactionReceipt(last).send().getTransactionReceipt().isEmpty()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("the last mint was not mined");
                }
                Thread.sleep(50);
            }
            for (var investor : investors) {
                while (true) {
                    try {
                        if (token.balanceOf(investor.address).send().equals(amount)) {
                            break;
                        }
                    } catch (org.web3j.tx.exceptions.ContractCallException e) {
                        // the node was still settling; ask again
                    }
                    if (Instant.now().isAfter(deadline)) {
                        throw new IllegalStateException("the mint to " + investor.address + " did not land");
                    }
                    Thread.sleep(50);
                }
            }
        } finally {
            web3j.shutdown();
        }
    }

    /**
     * Access tokens as {@code POST /api/auth/login} issues them: the real token's header (RS256, JWT, the key id) and
     * claims (issuer, audience, groups), with the seeded account as {@code sub}, its session as {@code sid}, a new
     * {@code jti} and a fresh lifetime, signed with the platform's key. JDK only (SHA256withRSA = RS256).
     */
    static final class TokenForger {
        private final String header;
        private final String claims;
        private final PrivateKey key;

        TokenForger(String realToken, String pem) throws Exception {
            String[] parts = realToken.split("\\.");
            this.header = parts[0];
            this.claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            String body = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "");
            this.key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(body)));
        }

        String forge(Investor investor) throws Exception {
            long now = Instant.now().getEpochSecond();
            String payload = claims;
            payload = replace(payload, "\"sub\":\"[^\"]+\"", "\"sub\":\"" + investor.id + "\"");
            payload = replace(payload, "\"sid\":\"[^\"]+\"", "\"sid\":\"" + investor.session + "\"");
            payload = replace(payload, "\"jti\":\"[^\"]+\"", "\"jti\":\"" + UUID.randomUUID() + "\"");
            payload = replace(payload, "\"iat\":\\d+", "\"iat\":" + now);
            payload = replace(payload, "\"nbf\":\\d+", "\"nbf\":" + now);
            payload = replace(payload, "\"exp\":\\d+", "\"exp\":" + (now + 600));
            String signingInput = header + "." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(payload.getBytes(StandardCharsets.UTF_8));
            var signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
        }

        /** Microseconds for one RS256 verification with this key (what the server does per request), in this JVM. */
        double verifyMicros(String token) throws Exception {
            var crt = (RSAPrivateCrtKey) key;
            var publicKey = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
            int dot = token.lastIndexOf('.');
            byte[] input = token.substring(0, dot).getBytes(StandardCharsets.US_ASCII);
            byte[] sig = Base64.getUrlDecoder().decode(token.substring(dot + 1));
            int rounds = 2000;
            long start = 0;
            for (int i = 0; i < 2 * rounds; i++) {
                if (i == rounds) {
                    start = System.nanoTime();
                }
                var verifier = Signature.getInstance("SHA256withRSA");
                verifier.initVerify(publicKey);
                verifier.update(input);
                if (!verifier.verify(sig)) {
                    throw new IllegalStateException("a forged token does not verify");
                }
            }
            return (System.nanoTime() - start) / 1000.0 / rounds;
        }

        private static String replace(String json, String regex, String replacement) {
            var matcher = Pattern.compile(regex).matcher(json);
            if (!matcher.find()) {
                throw new IllegalStateException("no " + regex + " in a real token's claims: " + json);
            }
            return matcher.replaceFirst(Matcher.quoteReplacement(replacement));
        }
    }

    // ------------------------------------------------------------------------------------------------------ phases

    record Warm(int calls, double seconds, CpuUse cpu) {
    }

    static Warm warmUp(Platform platform, Api api, String round, List<Investor> warmers) throws Exception {
        var failures = new java.util.concurrent.ConcurrentLinkedQueue<String>();
        var threads = new ArrayList<Thread>();
        var before = CpuSnapshot.take(platform);
        long start = System.nanoTime();
        for (var investor : warmers) {
            var thread = new Thread(() -> {
                for (int i = 0; i < WARMUP_CALLS_EACH; i++) {
                    var response = api.invest(round, investor.token);
                    if (response.statusCode() != 201) {
                        failures.add(response.statusCode() + " " + response.body());
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (var thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        var cpu = CpuSnapshot.take(platform).since(before, seconds);
        if (!failures.isEmpty()) {
            throw new IllegalStateException(failures.size() + " warm-up calls failed, e.g. " + failures.peek());
        }
        return new Warm(warmers.size() * WARMUP_CALLS_EACH, seconds, cpu);
    }

    /** Latencies of calls made one at a time, their time windows, and the application's CPU per call. */
    record Solo(List<Double> latencies, List<long[]> windows) {
        double p50() {
            return percentile(sorted(latencies), 0.5);
        }
    }

    static Solo timed(Platform platform, int warm, int calls, Supplier<?> call) throws Exception {
        var latencies = new ArrayList<Double>();
        var windows = new ArrayList<long[]>();
        for (int i = 0; i < warm + calls; i++) {
            long wallStart = System.currentTimeMillis();
            long t0 = System.nanoTime();
            Object result = call.get();
            double ms = (System.nanoTime() - t0) / 1e6;
            long wallEnd = System.currentTimeMillis();
            if (result instanceof HttpResponse<?> response && response.statusCode() / 100 != 2) {
                throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
            }
            if (i >= warm) {
                latencies.add(ms);
                windows.add(new long[] {wallStart, wallEnd});
            }
            Thread.sleep(20);
        }
        return new Solo(latencies, windows);
    }

    /**
     * The invest call alone (the platform otherwise idle), beside calls that do a part of its work: the HTTP and
     * JAX-RS floor, the token check with the session lookup, the chain balance read; the RS256 verification and the
     * eth_call measured from here; and the invest call's own SQL as PostgreSQL logged it (every statement, its
     * server time, and the gaps between statements, which is where the application and the chain RPC spend).
     */
    static void solo(Platform platform, Api api, String round, List<Investor> warmers, TokenForger forger, Path work)
            throws Exception {
        var logs = new StatementLog(platform, work.resolve("logs/postgres.log"));
        logs.enable("0");
        int[] next = {0};
        var invest = timed(platform, 0, SOLO_CALLS, () -> api.invest(round, warmers.get(next[0]++ % warmers.size()).token));
        var lines = logs.collect();
        logs.disable();
        var investor = warmers.get(0);
        var floor = timed(platform, 5, SOLO_CALLS, () -> api.call("GET", "/api/platform", null, null));
        var auth = timed(platform, 5, SOLO_CALLS, () -> api.call("GET", "/api/accounts/me", investor.token, null));
        var balance = timed(platform, 5, SOLO_CALLS, () -> api.call("GET", "/api/accounts/" + investor.id + "/activity/balance", investor.token, null));
        var web3j = Web3j.build(new HttpService(platform.chainRpcUrl()));
        var token = PicktartupToken.load(platform.contracts().get("token"), web3j,
                new RawTransactionManager(web3j, Platform.devAccount(0), 31337), new StaticGasProvider(BigInteger.ONE, BigInteger.ONE));
        var rpc = timed(platform, 5, SOLO_CALLS, () -> {
            try {
                return token.balanceOf(investor.address).send();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        web3j.shutdown();
        double verify = forger.verifyMicros(investor.token);

        out("solo-invest-p50", round1(invest.p50()), "ms (one call at a time, " + SOLO_CALLS + " calls)");
        out("solo-get-platform-p50", round1(floor.p50()), "ms (GET /api/platform: HTTP + JAX-RS floor)");
        out("solo-get-me-p50", round1(auth.p50()), "ms (GET /api/accounts/me: JWT + session lookup + account)");
        out("solo-get-balance-p50", round1(balance.p50()), "ms (GET …/activity/balance: JWT + balanceOf on chain + pending sums)");
        out("solo-eth-call-balanceOf-p50", round1(rpc.p50()), "ms (the same eth_call from the bench to anvil)");
        out("solo-rs256-verify", round1(verify), "µs (one signature check, this JVM)");
        printCalls(invest, lines);
    }

    /**
     * Simpler calls under the same concurrency as the JDBC pool: how many per second this machine serves, and the CPU
     * each costs; the floor under the invest call (it does all of this and more).
     */
    static void floors(Platform platform, Api api, List<Investor> investors) throws Exception {
        int concurrency = Math.min(poolSize(), investors.size());
        int each = 10;
        record Floor(String name, String what, java.util.function.Function<Investor, HttpResponse<String>> call) {
        }
        for (var floor : List.of(
                new Floor("get-platform", "GET /api/platform: HTTP, JAX-RS, JSON", i -> api.call("GET", "/api/platform", null, null)),
                new Floor("get-me", "GET /api/accounts/me: + JWT, session, account", i -> api.call("GET", "/api/accounts/me", i.token, null)),
                new Floor("get-balance", "GET …/activity/balance: + balanceOf on chain", i -> api.call("GET", "/api/accounts/" + i.id + "/activity/balance", i.token, null)))) {
            var latencies = new java.util.concurrent.ConcurrentLinkedQueue<Double>();
            var failures = new java.util.concurrent.ConcurrentLinkedQueue<String>();
            var threads = new ArrayList<Thread>();
            var before = CpuSnapshot.take(platform);
            long start = System.nanoTime();
            for (int t = 0; t < concurrency; t++) {
                var investor = investors.get(t);
                var thread = new Thread(() -> {
                    for (int k = 0; k < each; k++) {
                        long t0 = System.nanoTime();
                        var response = floor.call().apply(investor);
                        latencies.add((System.nanoTime() - t0) / 1e6);
                        if (response.statusCode() != 200) {
                            failures.add(response.statusCode() + " " + response.body());
                        }
                    }
                });
                thread.start();
                threads.add(thread);
            }
            for (var thread : threads) {
                thread.join();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            var cpu = CpuSnapshot.take(platform).since(before, seconds);
            if (!failures.isEmpty()) {
                throw new IllegalStateException(floor.name() + ": " + failures.size() + " calls failed, e.g. " + failures.peek());
            }
            int calls = concurrency * each;
            out("floor-" + floor.name() + "-rate", round1(calls / seconds), "calls/s (" + concurrency + " concurrent, "
                    + calls + " calls; " + floor.what() + ")");
            out("floor-" + floor.name() + "-latency-p50", round1(percentile(sorted(new ArrayList<>(latencies)), 0.5)), "ms");
            out("floor-" + floor.name() + "-cpu-per-call", cpu.perCall(calls), "ms");
        }
    }

    /**
     * JFR on the application (RUSH_PROFILE=1), recording from its boot (started later, JFR's own start-up deoptimises
     * and recompiles for seconds); the samples of one burst's window tell where its CPU goes.
     */
    static final class Profiler {
        private final Path file;
        private final long pid;
        private Instant from;
        private Instant to;

        Profiler(Platform platform, Path work) {
            this.pid = platform.applicationPid();
            this.file = work.resolve("burst.jfr");
        }

        void start() {
            from = Instant.now();
        }

        void stop() throws Exception {
            to = Instant.now();
            jcmd("JFR.dump", "name=rush", "filename=" + file);
        }

        void print(String prefix) throws Exception {
            var groups = new LinkedHashMap<String, List<String>>();
            groups.put("picktartup", List.of("io.picktartup."));
            groups.put("jdbc-postgresql", List.of("org.postgresql."));
            groups.put("jdbc-pool", List.of("com.sun.enterprise.resource.", "com.sun.gjc."));
            groups.put("hibernate", List.of("org.hibernate."));
            groups.put("jta", List.of("com.sun.enterprise.transaction.", "com.sun.jts."));
            groups.put("ejb-container", List.of("com.sun.ejb.", "org.glassfish.ejb."));
            groups.put("cdi-weld", List.of("org.jboss.weld."));
            groups.put("jax-rs-jersey", List.of("org.glassfish.jersey."));
            groups.put("json-b-yasson", List.of("org.eclipse.yasson."));
            groups.put("security", List.of("org.glassfish.soteria.", "org.glassfish.exousia.", "com.sun.enterprise.security.", "com.sun.web.security."));
            groups.put("jwt-nimbus", List.of("com.nimbusds."));
            groups.put("chain-rpc-web3j-okhttp", List.of("org.web3j.", "okhttp3.", "okio."));
            groups.put("jackson", List.of("com.fasterxml.jackson."));
            groups.put("http-grizzly", List.of("org.glassfish.grizzly."));
            groups.put("servlet-catalina", List.of("org.apache.catalina."));
            groups.put("metrics", List.of("fish.payara.microprofile.metrics.", "io.smallrye.metrics."));
            groups.put("logging", List.of("java.util.logging.", "fish.payara.logging.", "com.sun.enterprise.server.logging."));
            groups.put("crypto", List.of("sun.security.", "java.security.", "javax.crypto.", "org.bouncycastle."));
            long samples = 0;
            var inclusive = new LinkedHashMap<String, Long>();
            var self = new HashMap<String, Long>();
            double gcMs = 0;
            double jitMs = 0;
            long gcs = 0;
            var waits = new HashMap<String, Double>();
            var waitCounts = new HashMap<String, Integer>();
            for (var event : jdk.jfr.consumer.RecordingFile.readAllEvents(file)) {
                if (event.getStartTime().isBefore(from) || event.getStartTime().isAfter(to)) {
                    continue;
                }
                switch (event.getEventType().getName()) {
                    case "jdk.ExecutionSample" -> {
                        var stack = event.getStackTrace();
                        if (stack == null || stack.getFrames().isEmpty()) {
                            continue;
                        }
                        samples++;
                        var top = stack.getFrames().get(0).getMethod();
                        self.merge(top.getType().getName() + "." + top.getName(), 1L, Long::sum);
                        var hit = new java.util.HashSet<String>();
                        for (var frame : stack.getFrames()) {
                            String type = frame.getMethod().getType().getName();
                            groups.forEach((label, prefixes) -> {
                                if (prefixes.stream().anyMatch(type::startsWith)) {
                                    hit.add(label);
                                }
                            });
                        }
                        hit.forEach(label -> inclusive.merge(label, 1L, Long::sum));
                    }
                    case "jdk.GarbageCollection" -> {
                        gcs++;
                        gcMs += event.getDuration().toNanos() / 1e6;
                    }
                    case "jdk.Compilation" -> jitMs += event.getDuration().toNanos() / 1e6;
                    case "jdk.ThreadPark", "jdk.JavaMonitorEnter", "jdk.JavaMonitorWait", "jdk.SocketRead" -> {
                        var stack = event.getStackTrace();
                        if (stack == null) {
                            continue;
                        }
                        String site = null;
                        String app = "-";
                        for (var frame : stack.getFrames()) {
                            String type = frame.getMethod().getType().getName();
                            if (site == null && !type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("sun.")) {
                                site = type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName();
                            }
                            if (type.startsWith("io.picktartup.") && !type.contains("__")) {
                                app = type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName() + ":" + frame.getLineNumber();
                                break;
                            }
                        }
                        String key = event.getEventType().getName().substring(4) + " in " + site + " under " + app;
                        waits.merge(key, event.getDuration().toNanos() / 1e6, Double::sum);
                        waitCounts.merge(key, 1, Integer::sum);
                    }
                    default -> {
                    }
                }
            }
            out(prefix + "-profile-samples", samples, "Java execution samples of the application (JFR, profile settings)");
            out(prefix + "-profile-gc", round1(gcMs), "ms in " + gcs + " collections");
            out(prefix + "-profile-jit", round1(jitMs), "ms of JIT compilations");
            long total = samples;
            inclusive.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> out(prefix + "-profile-in-" + e.getKey(), round1(100.0 * e.getValue() / total), "% of samples (on the stack)"));
            int[] rank = {0};
            self.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(15)
                    .forEach(e -> out(prefix + "-profile-top-" + String.format("%02d", ++rank[0]),
                            round1(100.0 * e.getValue() / total), "% " + e.getKey()));
            int[] w = {0};
            waits.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(15)
                    .forEach(e -> out(prefix + "-profile-wait-" + String.format("%02d", ++w[0]), Math.round(e.getValue()),
                            "ms in " + waitCounts.get(e.getKey()) + " waits ≥ 10 ms: " + e.getKey()));
        }

        private void jcmd(String... command) throws Exception {
            var arguments = new ArrayList<String>();
            arguments.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
            arguments.add(Long.toString(pid));
            arguments.addAll(List.of(command));
            var process = new ProcessBuilder(arguments).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0 || output.contains("Exception")) {
                throw new IllegalStateException("jcmd " + String.join(" ", command) + ": " + output);
            }
        }
    }

    /** The SQL of each solo invest call (every statement the application ran while it was in flight). */
    static void printCalls(Solo solo, List<LogLine> all) {
        var lines = all.stream().filter(l -> "picktartup".equals(l.application()) && l.kind().equals("execute")).toList();
        var statements = new ArrayList<Double>();
        var serverMs = new ArrayList<Double>();
        var toHotRow = new ArrayList<Double>();
        var hotRowHeld = new ArrayList<Double>();
        var afterLast = new ArrayList<Double>();
        var perStatement = new LinkedHashMap<String, List<Double>>();
        var gapBefore = new LinkedHashMap<String, List<Double>>();
        int median = -1;
        double medianLatency = solo.p50();
        List<LogLine> medianCall = List.of();
        for (int c = 0; c < solo.windows().size(); c++) {
            long from = solo.windows().get(c)[0];
            long to = solo.windows().get(c)[1];
            var call = lines.stream().filter(l -> l.epochMillis() >= from && l.epochMillis() <= to).toList();
            if (call.isEmpty()) {
                continue;
            }
            if (median < 0 && solo.latencies().get(c) == medianLatency) {
                median = c;
                medianCall = call;
            }
            statements.add((double) call.size());
            serverMs.add(call.stream().mapToDouble(LogLine::durationMs).sum());
            afterLast.add((double) (to - call.get(call.size() - 1).epochMillis()));
            long previous = from;
            for (int i = 0; i < call.size(); i++) {
                var line = call.get(i);
                String shape = shape(line.sql());
                perStatement.computeIfAbsent(shape, k -> new ArrayList<>()).add(line.durationMs());
                // logged when each statement ends: the gap is the application's (and the chain RPC's) time before it
                gapBefore.computeIfAbsent(shape, k -> new ArrayList<>()).add(Math.max(0, line.epochMillis() - previous - line.durationMs()));
                previous = line.epochMillis();
                if (line.sql().startsWith("update funding_round set committed")) {
                    toHotRow.add((double) (line.epochMillis() - from));
                    call.stream().skip(i + 1).filter(l -> l.pid() == line.pid() && l.sql().equalsIgnoreCase("COMMIT"))
                            .findFirst().ifPresent(commit -> hotRowHeld.add((double) (commit.epochMillis() - line.epochMillis())));
                }
            }
        }
        if (statements.isEmpty()) {
            out("solo-sql", "none", "(no statement of the application logged: the log format changed?)");
            return;
        }
        int calls = statements.size();
        out("solo-sql-statements-per-invest", round1(percentile(sorted(statements), 0.5)), "statements (median)");
        out("solo-sql-server-time-per-invest", round2(percentile(sorted(serverMs), 0.5)), "ms (PostgreSQL's own time, summed, median)");
        out("solo-send-to-hot-row-update", round1(percentile(sorted(toHotRow), 0.5)), "ms (median; log stamps in whole ms)");
        out("solo-hot-row-held", round1(percentile(sorted(hotRowHeld), 0.5)), "ms (hot-row update to its COMMIT, median)");
        out("solo-last-sql-to-answer", round1(percentile(sorted(afterLast), 0.5)), "ms (median)");
        int i = 0;
        for (var entry : perStatement.entrySet()) {
            var gaps = gapBefore.get(entry.getKey());
            out("solo-sql-" + String.format("%02d", ++i), round2(percentile(sorted(entry.getValue()), 0.5)),
                    "ms server, " + round1(percentile(sorted(gaps), 0.5)) + " ms before it (median; "
                            + round1((double) entry.getValue().size() / calls) + " per call) " + entry.getKey());
        }
        long start = solo.windows().get(median)[0];
        long previous = start;
        i = 0;
        for (var line : medianCall) {
            out("solo-trace-" + String.format("%02d", ++i), "+" + (line.epochMillis() - start),
                    "ms (gap " + Math.max(0, line.epochMillis() - previous) + ", pid " + line.pid() + ", "
                            + round2(line.durationMs()) + " ms server) " + shape(line.sql()));
            previous = line.epochMillis();
        }
        out("solo-trace-answer", "+" + (solo.windows().get(median)[1] - start), "ms (the median call, " + round1(medianLatency) + " ms)");
    }

    /** A statement's first words with its literals and long lists cut, for grouping. */
    static String shape(String sql) {
        String flat = sql.replaceAll("\\s+", " ").trim();
        // Hibernate's long column lists say nothing: "select … from account a1_0 where …"
        var columns = Pattern.compile("^select ([a-z0-9_]+\\.[a-z_]+,.*?) from ").matcher(flat);
        if (columns.find()) {
            flat = "select … from " + flat.substring(columns.end());
        }
        var insert = Pattern.compile("^insert into (\\S+) \\(.*$").matcher(flat);
        if (insert.find()) {
            flat = "insert into " + insert.group(1) + " (…) values (…)";
        }
        return flat.length() > 100 ? flat.substring(0, 100) + "…" : flat;
    }

    /** One burst: every investor's call prepared and waiting on one gate, then released at once. */
    static Burst burst(Platform platform, Api api, String round, List<Investor> investors) throws Exception {
        int n = investors.size();
        var ready = new CountDownLatch(n);
        var go = new CountDownLatch(1);
        double[] latency = new double[n];
        int[] status = new int[n];
        String[] body = new String[n];
        var threads = new ArrayList<Thread>();
        for (int i = 0; i < n; i++) {
            int k = i;
            var request = api.investRequest(round, investors.get(i).token);
            var thread = new Thread(null, () -> {
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                long t0 = System.nanoTime();
                try {
                    var response = api.http.send(request, HttpResponse.BodyHandlers.ofString());
                    status[k] = response.statusCode();
                    body[k] = response.body();
                } catch (Exception e) {
                    status[k] = -1;
                    body[k] = e.toString();
                }
                latency[k] = (System.nanoTime() - t0) / 1e6;
            }, "investor-" + i, 256 * 1024);
            thread.start();
            threads.add(thread);
        }
        ready.await();
        Thread.sleep(200);
        var sampler = new ActivitySampler(platform);
        var before = CpuSnapshot.take(platform);
        long start = System.nanoTime();
        go.countDown();
        for (var thread : threads) {
            thread.join();
        }
        double wall = (System.nanoTime() - start) / 1e9;
        var activity = sampler.stop();
        var holders = sampler.holders();
        var cpu = CpuSnapshot.take(platform).since(before, wall);
        var outcomes = new TreeMap<String, Integer>();
        int accepted = 0;
        int full = 0;
        var latencies = new ArrayList<Double>();
        for (int i = 0; i < n; i++) {
            latencies.add(latency[i]);
            String outcome = status[i] + (status[i] == 201 ? "" : ":" + code(body[i]));
            outcomes.merge(outcome, 1, Integer::sum);
            if (status[i] == 201) {
                accepted++;
            } else if (status[i] == 409 && "round.hard-cap".equals(code(body[i]))) {
                full++;
            }
        }
        return new Burst(n, accepted, full, wall, sorted(latencies), outcomes, cpu, activity, holders);
    }

    static String code(String body) {
        var matcher = Pattern.compile("\"code\"\\s*:\\s*\"([^\"]+)\"").matcher(body == null ? "" : body);
        return matcher.find() ? matcher.group(1) : (body == null ? "?" : body.length() > 60 ? body.substring(0, 60) : body);
    }

    record Burst(int calls, int accepted, int full, double wall, List<Double> latencies, Map<String, Integer> outcomes,
                 CpuUse cpu, Map<String, Integer> activity, Map<String, String> holders) {

        double acceptedRate() {
            return accepted / wall;
        }

        double p(double q) {
            return percentile(latencies, q);
        }

        void print(String prefix, Check check, List<LogLine> slow) {
            out(prefix + "-accepted", accepted, "count");
            out(prefix + "-refused-full", full, "count");
            out(prefix + "-other", calls - accepted - full, "count " + outcomes.toString().replace(" ", ""));
            out(prefix + "-burst-wall", round2(wall), "s (gate opened to the last answer)");
            out(prefix + "-accepted-rate", round1(acceptedRate()), "investments/s");
            out(prefix + "-calls-rate", round1(calls / wall), "calls/s (accepted and refused)");
            out(prefix + "-latency-p50", Math.round(p(0.5)), "ms");
            out(prefix + "-latency-p99", Math.round(p(0.99)), "ms");
            out(prefix + "-latency-max", Math.round(p(1.0)), "ms");
            out(prefix + "-oversubscription", new BigDecimal(check.oversubscribed()).divide(new BigDecimal(PKN)).toPlainString(), "PKN");
            out(prefix + "-db-reserved-sum", new BigDecimal(check.reservedSum()).divide(new BigDecimal(PKN)).toPlainString(),
                    "PKN in " + check.rows() + " investments; committed " + new BigDecimal(check.committed()).divide(new BigDecimal(PKN)).toPlainString()
                            + " PKN, hard cap " + new BigDecimal(check.hardCap()).divide(new BigDecimal(PKN)).toPlainString() + " PKN: "
                            + (check.consistent() ? "committed = reserved sum ≤ hard cap" : "INCONSISTENT"));
            out(prefix + "-reserved-but-answered-error", check.rows() - accepted, "count (stored RESERVED, yet the caller got no 201)");
            out(prefix + "-cpu-per-call", cpu.perCall(calls), "ms");
            out(prefix + "-cpu-machine", cpu.machineBusy(), "during the burst");
            int connections = activity.values().stream().mapToInt(Integer::intValue).sum();
            out(prefix + "-pg-busiest-sample", connections, "application connections in pg_stat_activity (sampled every 200 ms; the sample with the most open transactions)");
            int[] rank = {0};
            activity.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(6)
                    .forEach(e -> out(prefix + "-pg-busiest-" + (++rank[0]), e.getValue(), "connections " + e.getKey()));
            int[] h = {0};
            holders.entrySet().stream().limit(4).forEach(e -> out(prefix + "-pg-lock-holder-" + (++h[0]), e.getValue(),
                    "(the connection others wait for) " + e.getKey()));
            var byStatement = new TreeMap<String, double[]>();
            for (var line : slow) {
                if ("picktartup".equals(line.application()) && line.kind().equals("execute")) {
                    var agg = byStatement.computeIfAbsent(shape(line.sql()), k -> new double[3]);
                    agg[0]++;
                    agg[1] += line.durationMs();
                    agg[2] = Math.max(agg[2], line.durationMs());
                }
            }
            int i = 0;
            for (var entry : byStatement.entrySet()) {
                var agg = entry.getValue();
                out(prefix + "-slow-sql-" + (++i), (long) agg[0] + " over 20 ms, total " + Math.round(agg[1]) + " ms, max "
                        + Math.round(agg[2]), "ms " + entry.getKey());
            }
        }
    }

    // --------------------------------------------------------------------------------------------- database checks

    record Check(BigInteger hardCap, BigInteger committed, BigInteger reservedSum, long rows) {
        BigInteger oversubscribed() {
            return reservedSum.max(committed).subtract(hardCap).max(BigInteger.ZERO);
        }

        boolean consistent() {
            return committed.equals(reservedSum) && committed.compareTo(hardCap) <= 0;
        }
    }

    static Check check(Platform platform, String round) throws Exception {
        try (var connection = platform.connect();
             var query = connection.prepareStatement("""
                     select r.hard_cap, r.committed,
                            (select coalesce(sum(i.amount), 0) from investment i where i.round_id = r.id
                             and i.status in ('RESERVED', 'PENDING', 'CONFIRMED', 'CANCELLING')),
                            (select count(*) from investment i where i.round_id = r.id)
                     from funding_round r where r.id = ?::uuid""")) {
            query.setString(1, round);
            var rs = query.executeQuery();
            rs.next();
            return new Check(rs.getBigDecimal(1).toBigIntegerExact(), rs.getBigDecimal(2).toBigIntegerExact(),
                    rs.getBigDecimal(3).toBigIntegerExact(), rs.getLong(4));
        }
    }

    /** PostgreSQL's statement log, switched on for a while (ALTER SYSTEM + reload, no restart), read back. */
    record LogLine(long epochMillis, long pid, String application, String kind, double durationMs, String sql) {
    }

    static final class StatementLog {
        private static final Pattern PREFIX = Pattern.compile("^\\d+\\.\\d{3} \\[\\d+\\] ");
        private static final Pattern LINE = Pattern.compile(
                "^(\\d+)\\.(\\d{3}) \\[(\\d+)\\] (\\S*) LOG:  duration: ([0-9.]+) ms  (parse|bind|execute) [^:]*: (.*)$");
        private final Platform platform;
        private final Path file;
        private long offset;

        StatementLog(Platform platform, Path file) {
            this.platform = platform;
            this.file = file;
        }

        void enable(String minDuration) throws Exception {
            try (var connection = platform.connect(); var statement = connection.createStatement()) {
                statement.execute("alter system set log_line_prefix = '%n [%p] %a '");
                statement.execute("alter system set log_min_duration_statement = '" + minDuration + "'");
                statement.execute("select pg_reload_conf()");
            }
            Thread.sleep(300);
            offset = Files.size(file);
        }

        List<LogLine> collect() throws Exception {
            Thread.sleep(300);
            var lines = new ArrayList<LogLine>();
            try (var raf = new RandomAccessFile(file.toFile(), "r")) {
                raf.seek(offset);
                byte[] bytes = new byte[(int) (raf.length() - offset)];
                raf.readFully(bytes);
                offset = raf.length();
                // an entry starts with the prefix; a statement's own line breaks continue it on lines without one
                var entries = new ArrayList<StringBuilder>();
                for (String text : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
                    if (PREFIX.matcher(text).lookingAt() || entries.isEmpty()) {
                        entries.add(new StringBuilder(text));
                    } else {
                        entries.get(entries.size() - 1).append(' ').append(text.trim());
                    }
                }
                for (var entry : entries) {
                    var m = LINE.matcher(entry);
                    if (m.matches()) {
                        lines.add(new LogLine(Long.parseLong(m.group(1)) * 1000 + Long.parseLong(m.group(2)),
                                Long.parseLong(m.group(3)), m.group(4), m.group(6), Double.parseDouble(m.group(5)),
                                m.group(7).trim()));
                    }
                }
            }
            return lines;
        }

        void disable() throws Exception {
            try (var connection = platform.connect(); var statement = connection.createStatement()) {
                statement.execute("alter system reset log_min_duration_statement");
                statement.execute("select pg_reload_conf()");
            }
        }
    }

    // ------------------------------------------------------------------------------------------ raw PostgreSQL rate

    static final String HOT_ROW_UPDATE = "update bench_hot_row set committed = committed + 1 where id = '%s' and committed + 1 <= hard_cap";

    /**
     * The hot row's lock held across the rest of the transaction, as the invest call holds it: the conditional update,
     * then the investment and audit inserts, then COMMIT, with 1 ms of application time between statements (the solo
     * trace shows more); beside it the same statements with the hot-row update moved last.
     */
    static final String MODEL_HOT_ROW_FIRST = """
            \\set account random(1, 1000000)
            BEGIN;
            %1$s;
            \\sleep 1 ms
            insert into bench_investment (id, account, amount, created_at) values (gen_random_uuid(), :account, 10, now());
            \\sleep 1 ms
            insert into bench_audit (occurred_at, actor, action) values (now(), :account, 'investment.reserved');
            \\sleep 1 ms
            COMMIT;
            """;
    static final String MODEL_HOT_ROW_LAST = """
            \\set account random(1, 1000000)
            BEGIN;
            insert into bench_investment (id, account, amount, created_at) values (gen_random_uuid(), :account, 10, now());
            \\sleep 1 ms
            insert into bench_audit (occurred_at, actor, action) values (now(), :account, 'investment.reserved');
            \\sleep 1 ms
            %1$s;
            \\sleep 1 ms
            COMMIT;
            """;

    /**
     * Scratch tables: a copy of the round's row in a table shaped like funding_round (columns, defaults, checks,
     * indexes), so the platform's own figures stay exact, and two plain tables for the model's inserts.
     */
    static void createScratch(Platform platform, String round) throws Exception {
        try (var connection = platform.connect(); var statement = connection.createStatement()) {
            dropScratch(statement);
            statement.execute("create table bench_hot_row (like funding_round including all)");
            statement.execute("insert into bench_hot_row select * from funding_round where id = '" + round + "'");
            statement.execute("update bench_hot_row set committed = 0, raised = 0");
            statement.execute("create table bench_investment (id uuid primary key, account bigint, amount numeric(78), created_at timestamptz)");
            statement.execute("create table bench_audit (id bigserial primary key, occurred_at timestamptz, actor bigint, action text)");
            statement.execute("vacuum analyze bench_hot_row");
        }
    }

    static void dropScratch(java.sql.Statement statement) throws Exception {
        statement.execute("drop table if exists bench_hot_row, bench_investment, bench_audit");
    }

    record PgbenchRun(double tps, String latencyMs) {
    }

    static Optional<PgbenchRun> pgbench(String binary, Platform platform, int clients, Path work, String name,
                                        String script) throws Exception {
        Path file = work.resolve(name + ".sql");
        Files.writeString(file, script.endsWith("\n") ? script : script + ";\n");
        var url = URI.create(platform.jdbcUrl().substring("jdbc:".length()));
        var command = List.of(binary, "-n", "-M", "prepared", "-c", Integer.toString(clients), "-j", "2",
                "-T", Integer.toString(PG_SECONDS), "-f", file.toString(), "-h", url.getHost(),
                "-p", Integer.toString(url.getPort()), "-U", "postgres", url.getPath().substring(1));
        var process = new ProcessBuilder(command).redirectErrorStream(true);
        process.environment().put("PGPASSWORD", "postgres");
        var started = process.start();
        String output = new String(started.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (started.waitFor() != 0) {
            throw new IllegalStateException("pgbench failed:\n" + output);
        }
        var tps = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)").matcher(output);
        var latency = Pattern.compile("latency average = ([0-9.]+) ms").matcher(output);
        if (!tps.find()) {
            throw new IllegalStateException("no tps in pgbench's output:\n" + output);
        }
        return Optional.of(new PgbenchRun(Double.parseDouble(tps.group(1)), latency.find() ? latency.group(1) : "?"));
    }

    static long hotRowUpdates(Platform platform) throws Exception {
        try (var connection = platform.connect(); var statement = connection.createStatement();
             var rs = statement.executeQuery("select committed from bench_hot_row")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String findPgbench() throws IOException {
        String configured = System.getenv("PGBENCH");
        if (configured != null && !configured.isBlank() && Files.isExecutable(Path.of(configured))) {
            return configured;
        }
        var dir = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(dir)) {
            try (var versions = Files.list(dir)) {
                var found = versions.map(v -> v.resolve("bin/pgbench")).filter(Files::isExecutable)
                        .max(Comparator.comparing(p -> Integer.parseInt(p.getParent().getParent().getFileName().toString().replaceAll("\\D", "0"))));
                if (found.isPresent()) {
                    return found.get().toString();
                }
            }
        }
        return null;
    }

    static String version(String binary) throws Exception {
        var process = new ProcessBuilder(binary, "--version").redirectErrorStream(true).start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        process.waitFor();
        return text.replace("pgbench (PostgreSQL) ", "");
    }

    /** The same update from {@code clients} JDBC connections in a loop (autocommit), for the same time. */
    static double jdbcHotRow(Platform platform, String round, int clients) throws Exception {
        createScratch(platform, round);
        var pool = Executors.newFixedThreadPool(clients);
        var ready = new CountDownLatch(clients);
        var go = new CountDownLatch(1);
        var counts = new ArrayList<java.util.concurrent.Future<Long>>();
        long[] window = new long[2];
        for (int c = 0; c < clients; c++) {
            counts.add(pool.submit(() -> {
                try (var connection = platform.connect();
                     var update = connection.prepareStatement(HOT_ROW_UPDATE.formatted(round))) {
                    update.executeUpdate();
                    ready.countDown();
                    go.await();
                    long done = 0;
                    long end = window[1];
                    while (System.nanoTime() < end) {
                        done += update.executeUpdate();
                    }
                    return done;
                }
            }));
        }
        ready.await();
        window[0] = System.nanoTime();
        window[1] = window[0] + PG_SECONDS * 1_000_000_000L;
        go.countDown();
        long total = 0;
        for (var count : counts) {
            total += count.get();
        }
        double seconds = (System.nanoTime() - window[0]) / 1e9;
        pool.shutdown();
        return total / seconds;
    }

    /** The application's JDBC pool size, as the post-boot script creates it. */
    static int poolSize() throws IOException {
        try (InputStream in = Platform.class.getResourceAsStream("post-boot.asadmin")) {
            var matcher = Pattern.compile("--maxpoolsize=(\\d+)").matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            if (!matcher.find()) {
                throw new IllegalStateException("no --maxpoolsize in post-boot.asadmin");
            }
            return Integer.parseInt(matcher.group(1));
        }
    }

    /**
     * Samples what the application's connections are doing (pg_stat_activity) during a burst; keeps the sample with
     * the most connections inside a transaction: state, what they wait for, and their last statement.
     */
    static final class ActivitySampler {
        private final Thread thread;
        private volatile boolean stopped;
        private Map<String, Integer> busiest = Map.of();

        /** Per sample, the connection that blocks others (the hot row's holder): what it was doing, for how long. */
        private final List<String> holders = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final List<Double> holderMs = new java.util.concurrent.CopyOnWriteArrayList<>();

        ActivitySampler(Platform platform) {
            thread = new Thread(() -> {
                try (var connection = platform.connect();
                     var query = connection.prepareStatement("""
                             select state, coalesce(wait_event_type || ':' || wait_event, ''), query,
                                    cardinality(array(select b.pid from pg_stat_activity b where a.pid = any(pg_blocking_pids(b.pid)))),
                                    extract(epoch from clock_timestamp() - state_change) * 1000
                             from pg_stat_activity a where application_name = 'picktartup'""")) {
                    int most = -1;
                    while (!stopped) {
                        var sample = new HashMap<String, Integer>();
                        int inTransaction = 0;
                        var rs = query.executeQuery();
                        while (rs.next()) {
                            String state = String.valueOf(rs.getString(1));
                            if (state.startsWith("idle in transaction") || state.equals("active")) {
                                inTransaction++;
                            }
                            String wait = rs.getString(2).isEmpty() || state.startsWith("idle") ? "" : " waiting " + rs.getString(2);
                            String what = state + wait + ", last: " + shape(String.valueOf(rs.getString(3)));
                            sample.merge(what, 1, Integer::sum);
                            if (rs.getInt(4) > 0) {
                                holders.add(what);
                                holderMs.add(rs.getDouble(5));
                            }
                        }
                        if (inTransaction > most) {
                            most = inTransaction;
                            busiest = sample;
                        }
                        Thread.sleep(200);
                    }
                } catch (Exception e) {
                    busiest = Map.of("sampling failed: " + e, 0);
                }
            }, "pg-activity-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        /** How often the blocking connection was seen in each state, and the median time it had been in it. */
        Map<String, String> holders() {
            var byState = new TreeMap<String, List<Double>>();
            for (int i = 0; i < holders.size(); i++) {
                byState.computeIfAbsent(holders.get(i), k -> new ArrayList<>()).add(holderMs.get(i));
            }
            var result = new LinkedHashMap<String, String>();
            byState.entrySet().stream().sorted((a, b) -> b.getValue().size() - a.getValue().size()).forEach(e ->
                    result.put(e.getKey(), e.getValue().size() + " samples, " + round1(percentile(sorted(e.getValue()), 0.5))
                            + " ms median in that state"));
            return result;
        }

        Map<String, Integer> stop() throws InterruptedException {
            stopped = true;
            thread.join();
            return busiest;
        }
    }

    // ------------------------------------------------------------------------------------------------ CPU accounting

    /** CPU seconds used so far by the application, PostgreSQL (postmaster and backends, per pid), anvil, this JVM, the machine. */
    record CpuSnapshot(double app, Map<Long, Double> postgres, double chain, double bench, double machineBusy) {

        static CpuSnapshot take(Platform platform) throws IOException {
            double app = cpu(ProcessHandle.of(platform.applicationPid()).stream());
            var postgres = new HashMap<Long, Double>();
            Path pidFile = platform.applicationLog().getParent().resolveSibling("postgres").resolve("postmaster.pid");
            if (Files.exists(pidFile)) {
                long postmaster = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
                ProcessHandle.of(postmaster).stream()
                        .flatMap(p -> java.util.stream.Stream.concat(java.util.stream.Stream.of(p), p.children()))
                        .forEach(p -> postgres.put(p.pid(), cpu(java.util.stream.Stream.of(p))));
            }
            double chain = cpu(ProcessHandle.current().descendants()
                    .filter(p -> p.info().command().map(c -> c.endsWith("/anvil")).orElse(false)));
            double bench = cpu(java.util.stream.Stream.of(ProcessHandle.current()));
            String[] stat = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) { // user nice system irq softirq steal (guest is inside user)
                if (i < stat.length) {
                    busy += Long.parseLong(stat[i]);
                }
            }
            return new CpuSnapshot(app, postgres, chain, bench, busy / 100.0);
        }

        private static double cpu(java.util.stream.Stream<ProcessHandle> processes) {
            return processes.mapToDouble(p -> p.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0)).sum();
        }

        /** What was used between {@code before} and this snapshot (a backend that ended meanwhile is not counted). */
        CpuUse since(CpuSnapshot before, double wallSeconds) {
            double pg = 0;
            for (var entry : postgres.entrySet()) {
                pg += entry.getValue() - before.postgres.getOrDefault(entry.getKey(), 0.0);
            }
            return new CpuUse(app - before.app, pg, chain - before.chain, bench - before.bench,
                    machineBusy - before.machineBusy, wallSeconds);
        }
    }

    /** CPU seconds used during a phase. */
    record CpuUse(double app, double postgres, double chain, double bench, double machine, double wall) {

        String perCall(int calls) {
            return round2(1000 * app / calls) + " app, " + round2(1000 * postgres / calls) + " postgres, "
                    + round2(1000 * chain / calls) + " anvil, " + round2(1000 * bench / calls) + " bench client";
        }

        String machineBusy() {
            double others = Math.max(0, machine - app - postgres - chain - bench);
            return round1(100 * machine / (wall * Runtime.getRuntime().availableProcessors()))
                    + " % of all cores busy (" + round1(others) + " CPU-s by other processes on the machine)";
        }
    }

    // ---------------------------------------------------------------------------------------------------- the API

    static final class Api {
        final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newCachedThreadPool()).connectTimeout(Duration.ofSeconds(30)).build();
        final URI base;
        volatile String lastLoginToken;

        Api(URI base) {
            this.base = base;
        }

        HttpResponse<String> call(String method, String path, String token, String json) {
            var builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(120));
            if (token != null) {
                builder.header("Authorization", "Bearer " + token);
            }
            if (json != null) {
                builder.header("Content-Type", "application/json");
            }
            builder.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
            try {
                return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        HttpRequest investRequest(String round, String token) {
            return HttpRequest.newBuilder(base.resolve("/api/rounds/" + round + "/investments"))
                    .timeout(Duration.ofSeconds(120))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body("amount", Integer.toString(AMOUNT)))).build();
        }

        HttpResponse<String> invest(String round, String token) {
            try {
                return http.send(investRequest(round, token), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        JsonNode expect(int status, HttpResponse<String> response) {
            if (response.statusCode() != status) {
                throw new IllegalStateException(response.request().method() + " " + response.uri() + " answered "
                        + response.statusCode() + " (expected " + status + "): " + response.body());
            }
            try {
                return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        String login(String email, String password) {
            String token = expect(200, call("POST", "/api/auth/login", null, body("email", email, "password", password)))
                    .get("access_token").asText();
            lastLoginToken = token;
            return token;
        }

        String draftRound(String ceo, String startupId, String name, int hardCapPkn) {
            String deadline = Instant.now().plus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS).toString();
            return expect(201, call("POST", "/api/rounds", ceo, body("startupId", startupId, "name", name,
                    "goal", Integer.toString(Math.min(100, hardCapPkn)), "hardCap", Integer.toString(hardCapPkn),
                    "minInvestment", Integer.toString(AMOUNT), "pricePerShareKrw", 10_000L,
                    "preMoneyValuationKrw", 3_000_000_000L, "deadline", deadline,
                    "terms", "보통주 발행. 투자금은 마감일까지 에스크로 계약에 보관됩니다.\nCommon shares; funds held in escrow until the deadline.")))
                    .get("id").asText();
        }

        void awaitOpen(String round) throws InterruptedException {
            Instant deadline = Instant.now().plusSeconds(120);
            String status = "?";
            while (Instant.now().isBefore(deadline)) {
                status = expect(200, call("GET", "/api/rounds/" + round, null, null)).get("status").asText();
                if (status.equals("OPEN")) {
                    return;
                }
                Thread.sleep(200);
            }
            throw new IllegalStateException("round " + round + " is still " + status);
        }
    }

    static String body(Object... keysAndValues) {
        var node = JSON.createObjectNode();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            Object value = keysAndValues[i + 1];
            if (value instanceof Long l) {
                node.put((String) keysAndValues[i], l);
            } else {
                node.put((String) keysAndValues[i], String.valueOf(value));
            }
        }
        return node.toString();
    }

    // ------------------------------------------------------------------------------------------------------ helpers

    static String randomAddress() {
        byte[] address = new byte[20];
        new SecureRandom().nextBytes(address);
        return Keys.toChecksumAddress(Numeric.toHexString(address));
    }

    static String unique(String prefix) {
        return prefix + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    static List<Double> sorted(List<Double> values) {
        var copy = new ArrayList<>(values);
        copy.sort(Double::compare);
        return copy;
    }

    static double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)));
    }

    static String round1(double value) {
        return new BigDecimal(value).setScale(1, RoundingMode.HALF_UP).toPlainString();
    }

    static String round2(double value) {
        return new BigDecimal(value).setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    static void out(String name, Object value, String unit) {
        System.out.println(name + ": " + value + " " + unit);
        System.out.flush();
    }

    static void verdict(String name, boolean pass, String detail) {
        System.out.println(name + ": " + (pass ? "PASS" : "FAIL") + (detail.isEmpty() ? "" : " (" + detail + ")"));
    }

    static int free() throws Exception {
        try (var s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
