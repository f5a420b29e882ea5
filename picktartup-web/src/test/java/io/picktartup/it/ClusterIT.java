package io.picktartup.it;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.picktartup.account.control.PasswordHasher;
import io.picktartup.chain.contract.PicktartupToken;
import io.picktartup.launcher.DevChain;
import io.picktartup.launcher.DevSigningKey;
import io.picktartup.launcher.Platform;
import io.picktartup.launcher.PlatformOptions;
import io.picktartup.launcher.Ports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import io.picktartup.chain.contract.FundingRound;
import io.picktartup.chain.contract.FundingRoundFactory;
import org.openqa.selenium.By;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.utils.Numeric;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18: three Payara Micro instances in one Data Grid behind nginx, on one PostgreSQL and one chain, booted once
 * for this class through the launcher (its own database, chain and mail; not the shared RunningPlatform). Each
 * continuous worker runs on exactly one member (its PostgreSQL lease); a SIGKILL of the member running the chain
 * dispatcher while it sends moves every lease it held to a live member within 15 s and the backlog drains with
 * unique, gapless nonces, each mint once on chain; a nightly job fires once with three members ticking; a signed-in
 * browser keeps its session when the instance serving it is killed (the session lives in the Data Grid), and the
 * round settlement that instance was running mid-refunds is taken over by a live member within 15 s and refunds every
 * investor exactly once. Figures are printed as {@code cluster.*} lines.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final int INSTANCES = 3;
    private static final Duration FAILOVER_LIMIT = Duration.ofSeconds(15);
    private static final String ADMIN_EMAIL = "cluster-admin@picktartup.test";
    private static final String ADMIN_PASSWORD = "the cluster admin's own passphrase";
    /** The workers that tick continuously (PaymentRefunds ticks once a minute: it takes its lease later). */
    private static final List<String> WORKERS = List.of("chain-dispatcher", "chain-indexer", "mail-sender",
            "share-issuance", "audit-renewal", "payout-run", "reservation-expiry");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** The nightly job the schedule scenario fires (it only purges history older than 90 days: nothing here). */
    private static final String JOB_FIRED_ONCE = "job-history";
    private static final java.time.ZoneId SEOUL = java.time.ZoneId.of("Asia/Seoul");
    private static final String INVESTOR_PASSWORD = "the cluster accounts' own passphrase";
    private static final int RUSH_INVESTORS = 60;
    private static final BigInteger HOLDING = BigInteger.TEN.pow(20);   // 100 PKN minted to each investor
    private static final BigInteger DEPOSIT = BigInteger.TEN.pow(19);   // 10 PKN deposited by each
    private static final byte[] TERMS_HASH = Hash.sha3("cluster takeover terms".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    private static final byte[] INVESTMENT_TYPEHASH = Hash.sha3(("Investment(address investor,address round,uint256 amount,"
            + "bytes32 termsHash,uint256 nonce,uint256 deadline)").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    private static final java.util.concurrent.atomic.AtomicInteger CLIENTS = new java.util.concurrent.atomic.AtomicInteger();

    private static String signingKey;
    private static GreenMail mail;
    private static Platform platform;
    private static Web3j web3j;
    private static PicktartupToken token;

    @BeforeAll
    static void boot() throws Exception {
        signingKey = DevSigningKey.generatePem();
        int smtpPort = Ports.free();
        mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        Path work = Path.of(System.getProperty("picktartup.work")).resolveSibling("it-cluster");
        var options = new PlatformOptions(work, Path.of(System.getProperty("picktartup.war")),
                Path.of(System.getProperty("picktartup.runtime")), Ports.free(), false, Optional.empty(), Ports.free(),
                Optional.of(new PlatformOptions.ExternalMail("127.0.0.1", smtpPort)), 0, 0,
                Optional.of(new PlatformOptions.DevChainOptions(Path.of(System.getProperty("picktartup.anvil")),
                        Ports.free(), Optional.empty())),
                Map.ofEntries(Map.entry(Platform.INSTANCES, Integer.toString(INSTANCES)),
                        Map.entry("MAIL_FROM", "no-reply@picktartup.test"),
                        Map.entry("PICKTARTUP_CHAIN_CONFIRMATIONS", "1"),
                        Map.entry("PICKTARTUP_CHAIN_USE_FINALIZED_TAG", "false"),
                        Map.entry("PICKTARTUP_READY_TIMEOUT_SECONDS", "900"),
                        Map.entry("PICKTARTUP_AUTH_SIGNING_KEY", signingKey),
                        Map.entry("PICKTARTUP_METRICS_TOKEN", "cluster-scrape-" + java.util.UUID.randomUUID()),
                        // the nightly job and the settlement scenarios: a schedule tick every 2 s, business time
                        // moved past a round's deadline on each member, refunds in chunks of 2 investors
                        Map.entry("PICKTARTUP_BATCH_SCHEDULE_TICK_SECONDS", "2"),
                        Map.entry("PICKTARTUP_CLOCK_ADJUSTABLE", "true"),
                        Map.entry("PICKTARTUP_SETTLEMENT_REFUND_CHUNK", "2"),
                        Map.entry("PICKTARTUP_ADMIN_EMAIL", ADMIN_EMAIL),
                        Map.entry("PICKTARTUP_ADMIN_PASSWORD_HASH", new PasswordHasher(1).hash(ADMIN_PASSWORD))),
                // three instances on two cores: smaller heaps than one instance gets (no signups here), and C1 only
                // as the parts' runtimes (RunningPlatform)
                List.of("-Xmx640m", "-XX:+UseSerialGC", "-Xss512k", "-XX:MaxMetaspaceSize=256m",
                        "-XX:TieredStopAtLevel=1"));
        platform = Platform.start(options);
        System.out.println("[it] cluster of " + INSTANCES + " ready in " + platform.bootTime().toMillis() + " ms at "
                + platform.baseUri());
        web3j = Web3j.build(new HttpService(platform.chainRpcUrl()));
        token = PicktartupToken.load(platform.contracts().get("token"), web3j,
                new ReadonlyTransactionManager(web3j, Platform.devAccount(0).getAddress()), new DefaultGasProvider());
    }

    @AfterAll
    static void stop() {
        if (web3j != null) {
            web3j.shutdown();
        }
        if (platform != null) {
            platform.close();
        }
        if (mail != null) {
            mail.stop();
        }
    }

    @Test
    @Order(1)
    void threeInstancesFormOneGridBehindNginxAndEachWorkerRunsOnOne() throws Exception {
        assertThat(platform.members()).hasSize(INSTANCES).allMatch(Platform.Member::alive);
        // one Data Grid of three members
        // one Data Grid: Payara lists every member it sees ("DataGrid: <cluster> Name: member-n …")
        assertThat(platform.members().stream().anyMatch(m -> platform.members().stream()
                .allMatch(other -> logContains(m, "Name: " + other.name() + " Lite: false"))))
                .as("a member's log lists all " + INSTANCES + " members of the grid").isTrue();
        // nginx spreads requests without a session over the instances
        Set<String> answered = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            var response = get(platform.baseUri().resolve("/api/rounds"), Map.of());
            assertThat(response.statusCode()).isEqualTo(200);
            response.headers().firstValue("X-Picktartup-Instance").ifPresent(answered::add);
        }
        assertThat(answered).as("instances that answered through nginx").hasSizeGreaterThanOrEqualTo(2);
        // every continuous worker's lease is held, by one live member each
        var pids = livePids();
        var leases = awaitLeases(l -> l.keySet().containsAll(WORKERS) && pids.containsAll(l.values()),
                Duration.ofSeconds(60));
        System.out.println("[it] leases: " + leases);
    }

    @Test
    @Order(4)
    void killingTheDispatchersMemberWhileItSendsMovesItsWorkAndLosesNoNonce() throws Exception {
        String minter = Platform.devAccount(DevChain.MINTER).getAddress().toLowerCase();
        BigInteger supplyBefore = token.totalSupply().send();
        int mints = 300;
        var amount = BigInteger.TEN.pow(18);
        var random = new SecureRandom();
        var keys = new ArrayList<String>();
        var recipients = new ArrayList<String>();
        long confirmedBefore = countMints("status = 'CONFIRMED'"); // the rush's mints went before
        try (var db = platform.connect(); var insert = db.prepareStatement("""
                insert into chain_transaction (business_key, kind, from_address, to_address, call_data, gas_limit,
                                               status, attempts, created_at, updated_at)
                values (?, 'mint', ?, ?, ?, 200000, 'QUEUED', 0, now(), now())""")) {
            for (int i = 0; i < mints; i++) {
                byte[] paymentId = new byte[32];
                random.nextBytes(paymentId);
                byte[] to = new byte[20];
                random.nextBytes(to);
                String recipient = "0x" + HexFormat.of().formatHex(to);
                String key = "mint:" + HexFormat.of().formatHex(paymentId); // a typed intent key: kind, payment
                insert.setString(1, key);
                insert.setString(2, minter);
                insert.setString(3, platform.contracts().get("token").toLowerCase());
                insert.setString(4, token.mint(recipient, amount, paymentId).encodeFunctionCall());
                insert.addBatch();
                keys.add(key);
                recipients.add(recipient);
            }
            insert.executeBatch();
        }
        // the dispatcher is sending: some went out, many wait
        awaitCount("business_key like 'mint:%' and status <> 'QUEUED'", n -> n >= confirmedBefore + 5,
                Duration.ofSeconds(60));
        var before = leases();
        String holder = before.get("chain-dispatcher");
        var victim = member(holder);
        var moved = new HashMap<String, Long>();
        before.forEach((worker, pid) -> {
            // the continuous workers; a job execution's lease is no worker's (an ended one lapses unrenewed, a
            // running one is taken over by the watchdog: the settlement test below)
            if (pid.equals(holder) && !worker.startsWith("job-execution:")) {
                moved.put(worker, null);
            }
        });
        Instant killed = Instant.now();
        platform.killMember(victim);
        System.out.println("[it] killed " + victim.name() + " (pid " + victim.pid() + ") holding " + moved.keySet());
        var live = livePids();
        Instant deadline = killed.plus(Duration.ofSeconds(60));
        while (moved.containsValue(null) && Instant.now().isBefore(deadline)) {
            var now = leases();
            for (var worker : moved.keySet()) {
                if (moved.get(worker) == null && live.contains(now.get(worker))) {
                    moved.put(worker, Duration.between(killed, Instant.now()).toMillis());
                }
            }
            Thread.sleep(100);
        }
        moved.forEach((worker, millis) -> System.out.println("cluster.failover." + worker + ": "
                + (millis == null ? "none" : String.format("%.1f", millis / 1000.0)) + " s (limit 15 s; machine shared)"));
        assertThat(moved).as("every lease of the killed member moved to a live one").doesNotContainValue(null);
        assertThat(moved.values()).allMatch(ms -> ms < FAILOVER_LIMIT.toMillis());

        // the backlog drains: every mint confirmed once, nonces unique and gapless, the chain agrees
        var miner = startMiner();
        try {
            awaitCount("business_key like 'mint:%' and status = 'CONFIRMED'", n -> n == confirmedBefore + mints,
                    Duration.ofSeconds(240));
        } finally {
            miner.interrupt();
        }
        try (var db = platform.connect(); var rs = db.createStatement().executeQuery("""
                select count(*), count(distinct nonce), min(nonce), max(nonce),
                       count(*) filter (where status <> 'CONFIRMED')
                from chain_transaction where from_address = '%s'""".formatted(minter))) {
            rs.next();
            long count = rs.getLong(1);
            assertThat(rs.getLong(2)).as("unique nonces").isEqualTo(count);
            assertThat(rs.getLong(4) - rs.getLong(3) + 1).as("gapless nonces").isEqualTo(count);
            assertThat(rs.getLong(5)).isZero();
            BigInteger onChain = web3j.ethGetTransactionCount(minter, DefaultBlockParameterName.LATEST).send()
                    .getTransactionCount();
            assertThat(onChain).as("the chain saw exactly the nonces stored").isEqualTo(BigInteger.valueOf(rs.getLong(4) + 1));
        }
        assertThat(token.totalSupply().send().subtract(supplyBefore)).as("each mint once")
                .isEqualTo(amount.multiply(BigInteger.valueOf(mints)));
        for (String recipient : recipients.subList(0, 10)) {
            assertThat(token.balanceOf(recipient).send()).isEqualTo(amount);
        }
    }

    @Test
    @Order(5)
    void aSignedInBrowserKeepsItsSessionAndASettlementIsTakenOverWhenTheirInstanceDies() throws Exception {
        var failing = failedRoundWithInvestors(10);
        var browser = Chromium.open("en", "en-US,en");
        try {
            browser.get(platform.baseUri().resolve("/login.xhtml").toString());
            Chromium.await(browser, 60, b -> !b.findElements(By.id("login:email")).isEmpty());
            browser.findElement(By.id("login:email")).sendKeys(ADMIN_EMAIL);
            browser.findElement(By.id("login:password")).sendKeys(ADMIN_PASSWORD);
            browser.findElement(By.id("login:submit")).click();
            Chromium.await(browser, 60, b -> !b.findElements(By.id("nav-logout")).isEmpty());
            String page = browser.getCurrentUrl();
            var cookie = browser.manage().getCookieNamed("JSESSIONID");
            assertThat(cookie).as("a session cookie").isNotNull();
            // nginx keeps a session on one instance: ask which
            var response = get(platform.baseUri().resolve("/api/rounds"), Map.of("Cookie", "JSESSIONID=" + cookie.getValue()));
            String serving = response.headers().firstValue("X-Picktartup-Instance").orElseThrow();
            var victim = platform.members().stream().filter(m -> m.name().equals(serving)).findFirst().orElseThrow();
            assertThat(victim.alive()).isTrue();
            // the same member runs the round's settlement (started on it directly) and is killed mid-refunds
            var settlement = settleUntilRefundsUnderWay(failing, victim);
            platform.killMember(victim);
            Instant killed = Instant.now();
            System.out.println("[it] killed " + serving + ", which served the browser's session and ran settlement "
                    + "execution " + settlement);
            var takeover = awaitTakeover(settlement, killed);
            browser.navigate().refresh();
            Chromium.await(browser, 60, b -> !b.findElements(By.id("nav-logout")).isEmpty()
                    || !b.findElements(By.id("login:email")).isEmpty());
            assertThat(browser.findElements(By.id("login:email"))).as("not sent back to the login").isEmpty();
            assertThat(browser.findElements(By.id("nav-logout"))).as("still signed in").isNotEmpty();
            assertThat(browser.getCurrentUrl()).isEqualTo(page);
            var after = get(platform.baseUri().resolve("/api/rounds"), Map.of("Cookie", "JSESSIONID=" + cookie.getValue()));
            assertThat(after.headers().firstValue("X-Picktartup-Instance")).isPresent().isNotEqualTo(Optional.of(serving));
            settlementFinishedOnce(failing, settlement, takeover);
        } finally {
            browser.quit();
        }
        rss();
    }

    @Test
    @Order(2)
    void aRushThroughNginxAcrossTheInstancesNeverPassesTheCap() throws Exception {
        assertThat(platform.members()).allMatch(Platform.Member::alive);
        int n = RUSH_INVESTORS;
        int room = n * 7 / 10; // investments of 10 PKN the round has room for
        var founded = founded("rush");
        var drafted = call(platform.baseUri(), "POST", "/api/rounds", founded.ceoToken(), roundBody(founded.startupId(),
                "100", Integer.toString(10 * room), Instant.now().plus(Duration.ofDays(10))));
        assertThat(drafted.statusCode()).as(drafted.body()).isEqualTo(201);
        String roundId = json(drafted).asJsonObject().getString("id");
        awaitOpen(roundId, founded.ceoToken());

        // the investors: one signed up for real, the others seeded from it (no key derivation each), tokens as a login
        // issues them, 20 PKN minted to each through the outbox
        var template = signUp("cluster-rush-template");
        String templateToken = login(template.getString("email"), INVESTOR_PASSWORD);
        var investors = seedInvestors(template.getString("id"), n);
        var keys = new ArrayList<String>();
        String minter = Platform.devAccount(DevChain.MINTER).getAddress().toLowerCase();
        var random = new SecureRandom();
        try (var db = platform.connect(); var insert = db.prepareStatement("""
                insert into chain_transaction (business_key, kind, from_address, to_address, call_data, gas_limit,
                                               status, attempts, created_at, updated_at)
                values (?, 'mint', ?, ?, ?, 200000, 'QUEUED', 0, now(), now())""")) {
            for (var investor : investors) {
                byte[] paymentId = new byte[32];
                random.nextBytes(paymentId);
                String key = "mint:" + HexFormat.of().formatHex(paymentId);
                insert.setString(1, key);
                insert.setString(2, minter);
                insert.setString(3, platform.contracts().get("token").toLowerCase());
                insert.setString(4, token.mint(investor.address(), BigInteger.TEN.pow(18).multiply(BigInteger.valueOf(20)),
                        paymentId).encodeFunctionCall());
                insert.addBatch();
                keys.add("'" + key + "'");
            }
            insert.executeBatch();
        }
        awaitCount("business_key in (" + String.join(",", keys) + ") and status = 'CONFIRMED'", c -> c == n,
                Duration.ofSeconds(240));
        var forger = new TokenForger(templateToken, signingKey);

        // every investor at once, through nginx
        var go = new java.util.concurrent.CountDownLatch(1);
        var responses = new java.util.concurrent.ConcurrentHashMap<Integer, HttpResponse<String>>();
        var threads = new ArrayList<Thread>();
        for (int i = 0; i < n; i++) {
            int k = i;
            String bearer = forger.forge(investors.get(i));
            var thread = new Thread(() -> {
                try {
                    go.await();
                    responses.put(k, call(platform.baseUri(), "POST", "/api/rounds/" + roundId + "/investments", bearer,
                            "{\"amount\":\"10\"}"));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            thread.start();
            threads.add(thread);
        }
        Instant start = Instant.now();
        go.countDown();
        for (var thread : threads) {
            thread.join(120_000);
        }
        double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        assertThat(responses).as("every call answered").hasSize(n);
        var served = new HashSet<String>();
        int accepted = 0;
        var refusals = new HashMap<String, Integer>();
        for (var response : responses.values()) {
            response.headers().firstValue("X-Picktartup-Instance").ifPresent(served::add);
            if (response.statusCode() == 201) {
                accepted++;
            } else {
                assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
                assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                        type -> assertThat(type).startsWith("application/problem+json"));
                refusals.merge(json(response).asJsonObject().getString("code"), 1, Integer::sum);
            }
        }
        System.out.println("cluster.rush.accepted: " + accepted + " of " + n + " in " + String.format("%.2f", seconds)
                + " s through nginx, served by " + served + "; refused " + refusals + " (machine shared)");
        assertThat(served).as("instances that served the rush").hasSizeGreaterThanOrEqualTo(2);
        assertThat(accepted).as("the round's room is filled, never passed").isEqualTo(room);
        assertThat(refusals).isEqualTo(Map.of("round.hard-cap", n - room));
        try (var db = platform.connect(); var rs = db.createStatement().executeQuery("""
                select r.hard_cap, r.committed,
                       (select coalesce(sum(i.amount), 0) from investment i where i.round_id = r.id
                        and i.status in ('RESERVED', 'PENDING', 'CONFIRMED', 'CANCELLING')),
                       (select count(*) from investment i where i.round_id = r.id)
                from funding_round r where r.id = '%s'""".formatted(roundId))) {
            rs.next();
            assertThat(rs.getBigDecimal(3)).as("reserved sum").isEqualByComparingTo(rs.getBigDecimal(2));
            assertThat(rs.getBigDecimal(3)).as("reserved sum within the hard cap").isLessThanOrEqualTo(rs.getBigDecimal(1));
            assertThat(rs.getLong(4)).as("one investment per accepted call").isEqualTo(room);
        }
    }

    /** A seeded investor: an account, its wallet and a live session, written as signup and login write them. */
    record Seeded(java.util.UUID id, java.util.UUID session, String address) {
    }

    private static List<Seeded> seedInvestors(String templateId, int count) throws Exception {
        var seeded = new ArrayList<Seeded>();
        try (var db = platform.connect()) {
            db.setAutoCommit(false);
            String hash;
            String keystore;
            try (var rs = db.createStatement().executeQuery("select a.password_hash, w.keystore from account a join wallet w"
                    + " on w.account_id = a.id where a.id = '" + templateId + "'")) {
                rs.next();
                hash = rs.getString(1);
                keystore = rs.getString(2);
            }
            try (var account = db.prepareStatement("""
                    insert into account (id, email, name, password_hash, role, investor_category, created_at, updated_at,
                                         version, email_verified_at)
                    values (?, ?, ?, ?, 'INVESTOR', 'GENERAL', now(), now(), 0, now())""");
                 var wallet = db.prepareStatement("""
                         insert into wallet (account_id, address, keystore, created_at, updated_at, version)
                         values (?, ?, ?, now(), now(), 0)""");
                 var session = db.prepareStatement("""
                         insert into session_family (id, account_id, created_at, expires_at)
                         values (?, ?, now(), now() + interval '1 day')""")) {
                for (int i = 0; i < count; i++) {
                    var investor = new Seeded(java.util.UUID.randomUUID(), java.util.UUID.randomUUID(),
                            Credentials.create(Keys.createEcKeyPair()).getAddress());
                    account.setObject(1, investor.id());
                    account.setString(2, "cluster-rush-" + investor.id() + "@example.com");
                    account.setString(3, "Rush Investor " + i);
                    account.setString(4, hash);
                    account.addBatch();
                    wallet.setObject(1, investor.id());
                    wallet.setString(2, investor.address());
                    wallet.setString(3, keystore);
                    wallet.addBatch();
                    session.setObject(1, investor.session());
                    session.setObject(2, investor.id());
                    session.addBatch();
                    seeded.add(investor);
                }
                account.executeBatch();
                wallet.executeBatch();
                session.executeBatch();
            }
            db.commit();
        }
        return seeded;
    }

    /** Access tokens as a login issues them (the real token's header and claims), for a seeded account and session. */
    static final class TokenForger {
        private final String header;
        private final String claims;
        private final java.security.PrivateKey key;

        TokenForger(String realToken, String pem) throws Exception {
            String[] parts = realToken.split("\\.");
            this.header = parts[0];
            this.claims = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8);
            String body = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "");
            this.key = java.security.KeyFactory.getInstance("RSA").generatePrivate(
                    new java.security.spec.PKCS8EncodedKeySpec(java.util.Base64.getMimeDecoder().decode(body)));
        }

        String forge(Seeded investor) throws Exception {
            long now = Instant.now().getEpochSecond();
            String payload = claims
                    .replaceAll("\"sub\":\"[^\"]+\"", "\"sub\":\"" + investor.id() + "\"")
                    .replaceAll("\"sid\":\"[^\"]+\"", "\"sid\":\"" + investor.session() + "\"")
                    .replaceAll("\"jti\":\"[^\"]+\"", "\"jti\":\"" + java.util.UUID.randomUUID() + "\"")
                    .replaceAll("\"iat\":\\d+", "\"iat\":" + now)
                    .replaceAll("\"nbf\":\\d+", "\"nbf\":" + now)
                    .replaceAll("\"exp\":\\d+", "\"exp\":" + (now + 600));
            String input = header + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            var signature = java.security.Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(input.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return input + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
        }
    }

    /** A startup with its CEO (signed up, verified, made a STARTUP account) and the CEO's token. */
    record Founded(String ceoToken, String startupId) {
    }

    private static Founded founded(String label) throws Exception {
        String admin = adminToken();
        var ceo = signUp("cluster-ceo-" + label);
        var role = call(platform.baseUri(), "PUT", "/api/admin/accounts/" + ceo.getString("id") + "/role", admin,
                body("role", "STARTUP"));
        assertThat(role.statusCode()).as(role.body()).isEqualTo(200);
        String ceoToken = login(ceo.getString("email"), INVESTOR_PASSWORD);
        var startup = call(platform.baseUri(), "POST", "/api/admin/startups", admin, body("name",
                "Cluster " + label + " " + java.util.UUID.randomUUID().toString().substring(0, 6), "pitch", "cluster test",
                "description", "클러스터 테스트 / cluster test", "sector", "Logistics", "foundedOn", "2021-03-02",
                "ceoAccountId", ceo.getString("id"), "walletAddress", Credentials.create(Keys.createEcKeyPair()).getAddress()));
        assertThat(startup.statusCode()).as(startup.body()).isEqualTo(201);
        return new Founded(ceoToken, json(startup).asJsonObject().getString("id"));
    }

    /** Signs up through nginx and follows the mailed link; the verified account (id, email, walletAddress…). */
    private static jakarta.json.JsonObject signUp(String prefix) throws Exception {
        String email = prefix + "." + java.util.UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        var signedUp = call(platform.baseUri(), "POST", "/api/auth/signup", null, body("email", email,
                "password", INVESTOR_PASSWORD, "name", "Cluster " + prefix, "walletPassword", "a cluster wallet passphrase"));
        assertThat(signedUp.statusCode()).as(signedUp.body()).isEqualTo(202);
        String[] link = new String[1];
        awaitTrue("the verification mail to " + email, () -> {
            for (var message : mail.getReceivedMessages()) {
                try {
                    if (java.util.Arrays.toString(message.getAllRecipients()).toLowerCase().contains(email.toLowerCase())) {
                        var matcher = java.util.regex.Pattern.compile("verify\\.xhtml\\?token=([A-Za-z0-9_-]+)")
                                .matcher(Mails.text(message));
                        if (matcher.find()) {
                            link[0] = matcher.group(1);
                            return true;
                        }
                    }
                } catch (jakarta.mail.MessagingException e) {
                    throw new IllegalStateException(e);
                }
            }
            return false;
        }, Duration.ofSeconds(60));
        var verified = call(platform.baseUri(), "POST", "/api/auth/verify", null, body("token", link[0]));
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
        return json(verified).asJsonObject();
    }

    private static String roundBody(String startupId, String goal, String hardCap, Instant deadline) {
        return jakarta.json.Json.createObjectBuilder()
                .add("startupId", startupId).add("name", "Seed round")
                .add("goal", goal).add("hardCap", hardCap).add("minInvestment", "10").add("pricePerShareKrw", 10_000)
                .add("preMoneyValuationKrw", 3_000_000_000L).add("deadline", deadline.truncatedTo(ChronoUnit.SECONDS).toString())
                .add("terms", "Common shares; funds held in escrow until the deadline.").build().toString();
    }

    /** Opens a drafted round and waits until its escrow is mined; its contract address. */
    private static String awaitOpen(String roundId, String ceoToken) throws Exception {
        var opened = call(platform.baseUri(), "POST", "/api/rounds/" + roundId + "/open", ceoToken, null);
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(202);
        String[] escrow = new String[1];
        awaitTrue("round " + roundId + " OPEN", () -> {
            var round = json(call(platform.baseUri(), "GET", "/api/rounds/" + roundId, null, null)).asJsonObject();
            escrow[0] = round.containsKey("contractAddress") && !round.isNull("contractAddress")
                    ? round.getString("contractAddress") : null;
            return "OPEN".equals(round.getString("status"));
        }, Duration.ofSeconds(120));
        return escrow[0];
    }

    @Test
    @Order(3)
    void aNightlyJobFiresOnceWithThreeLiveMembers() throws Exception {
        assertThat(platform.members()).allMatch(Platform.Member::alive);
        String job = JOB_FIRED_ONCE;
        String admin = adminToken();
        var schedules = json(call(platform.baseUri(), "GET", "/api/admin/jobs/schedules", admin, null));
        String original = null;
        for (var s : schedules.asJsonArray()) {
            if (s.asJsonObject().getString("job").equals(job)) {
                original = s.asJsonObject().getString("at");
            }
        }
        assertThat(original).as("the schedule of " + job).isNotNull();
        long before = executions(job);
        // at least 30 s ahead: a busy machine's PUT must land before the minute it names, or it fires tomorrow
        var now = ZonedDateTime.now(SEOUL);
        var at = now.truncatedTo(ChronoUnit.MINUTES).plusMinutes(now.getSecond() < 30 ? 1 : 2);
        String hhmm = at.format(DateTimeFormatter.ofPattern("HH:mm"));
        try {
            var changed = call(platform.baseUri(), "PUT", "/api/admin/jobs/" + job + "/schedule", admin,
                    "{\"at\":\"" + hhmm + "\"}");
            assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
            // three members tick every 2 s: the occurrence is claimed by one of them, once
            Instant deadline = at.toInstant().plusSeconds(90);
            String fired = null;
            while (Instant.now().isBefore(deadline) && fired == null) {
                try (var db = platform.connect(); var rs = db.createStatement().executeQuery(
                        "select last_fired_at from job_schedule where job = '" + job + "' and last_fired_at >= '"
                                + at.toInstant() + "'")) {
                    fired = rs.next() ? rs.getString(1) : null;
                }
                Thread.sleep(250);
            }
            assertThat(fired).as(job + " fired by its schedule at " + hhmm).isNotNull();
            // the claim commits before the job starts: wait for the start, then four more ticks of every member
            Instant started = Instant.now().plusSeconds(60);
            while (executions(job) < before + 1 && Instant.now().isBefore(started)) {
                Thread.sleep(250);
            }
            Thread.sleep(8_000);
            assertThat(executions(job)).as("executions of " + job + " started by the schedule").isEqualTo(before + 1);
            try (var db = platform.connect(); var rs = db.createStatement().executeQuery(
                    "select last_fired_at::text, next_fire_at from job_schedule where job = '" + job + "'")) {
                rs.next();
                assertThat(rs.getString(1)).as("last_fired_at moved once").isEqualTo(fired);
                assertThat(rs.getTimestamp(2).toInstant()).isEqualTo(at.toInstant().plus(Duration.ofDays(1)));
            }
            System.out.println("[it] " + job + " fired once at " + fired + " with " + INSTANCES + " members ticking");
        } finally {
            var restored = call(platform.baseUri(), "PUT", "/api/admin/jobs/" + job + "/schedule", admin,
                    "{\"at\":\"" + original + "\"}");
            assertThat(restored.statusCode()).as(restored.body()).isEqualTo(200);
        }
    }

    // ---- the settlement taken over (in the session test: the same member runs both and is killed)

    /** A round that will fail (its goal out of reach) with investors who deposited on chain, each once. */
    record FailingRound(String id, String escrow, List<Credentials> investors) {
    }

    private static FailingRound failedRoundWithInvestors(int count) throws Exception {
        var founded = founded("takeover");
        // a round whose goal 10 deposits of 10 PKN cannot reach
        Instant deadline = Instant.now().plus(Duration.ofHours(48)).plus(Duration.ofMinutes(20))
                .truncatedTo(ChronoUnit.SECONDS);
        var drafted = call(platform.baseUri(), "POST", "/api/rounds", founded.ceoToken(),
                roundBody(founded.startupId(), "1000", "2000", deadline));
        assertThat(drafted.statusCode()).as(drafted.body()).isEqualTo(201);
        String roundId = json(drafted).asJsonObject().getString("id");
        String[] escrow = {awaitOpen(roundId, founded.ceoToken())};

        // investors with keys of their own, 100 PKN each minted through the outbox, 10 PKN deposited on chain
        var investors = new ArrayList<Credentials>();
        var keys = new ArrayList<String>();
        String minter = Platform.devAccount(DevChain.MINTER).getAddress().toLowerCase();
        var random = new SecureRandom();
        try (var db = platform.connect(); var insert = db.prepareStatement("""
                insert into chain_transaction (business_key, kind, from_address, to_address, call_data, gas_limit,
                                               status, attempts, created_at, updated_at)
                values (?, 'mint', ?, ?, ?, 200000, 'QUEUED', 0, now(), now())""")) {
            for (int i = 0; i < count; i++) {
                var investor = Credentials.create(Keys.createEcKeyPair());
                byte[] paymentId = new byte[32];
                random.nextBytes(paymentId);
                String key = "mint:" + HexFormat.of().formatHex(paymentId);
                insert.setString(1, key);
                insert.setString(2, minter);
                insert.setString(3, platform.contracts().get("token").toLowerCase());
                insert.setString(4, token.mint(investor.getAddress(), HOLDING, paymentId).encodeFunctionCall());
                insert.addBatch();
                investors.add(investor);
                keys.add("'" + key + "'");
            }
            insert.executeBatch();
        }
        awaitCount("business_key in (" + String.join(",", keys) + ") and status = 'CONFIRMED'", n -> n == count,
                Duration.ofSeconds(120));
        // the test's own sender (dev account 7) may carry deposits: the factory's admin (dev account 0) grants it
        var gas = new StaticGasProvider(web3j.ethGasPrice().send().getGasPrice().max(BigInteger.valueOf(2_000_000_000L)),
                BigInteger.valueOf(300_000));
        var factory = FundingRoundFactory.load(platform.contracts().get("factory"), web3j,
                new RawTransactionManager(web3j, Platform.devAccount(0), DevChain.CHAIN_ID), gas);
        var granted = factory.grantRole(factory.RELAYER_ROLE().send(), Platform.devAccount(7).getAddress()).send();
        assertThat(granted.isStatusOK()).as(granted.toString()).isTrue();
        var round = FundingRound.load(escrow[0], web3j, new RawTransactionManager(web3j,
                Platform.devAccount(7), DevChain.CHAIN_ID), new StaticGasProvider(
                web3j.ethGasPrice().send().getGasPrice().max(BigInteger.valueOf(2_000_000_000L)), BigInteger.valueOf(4_000_000)));
        byte[] domain = round.domainSeparator().send();
        var deposits = investors.stream().map(i -> deposit(i, escrow[0], domain, deadline.getEpochSecond())).toList();
        var receipt = round.depositBatch(deposits).send();
        assertThat(receipt.isStatusOK()).as(receipt.toString()).isTrue();
        assertThat(round.investorCount().send()).isEqualTo(BigInteger.valueOf(count));
        assertThat(token.balanceOf(escrow[0]).send()).isEqualTo(DEPOSIT.multiply(BigInteger.valueOf(count)));
        System.out.println("[it] round " + roundId + " open with " + count + " investors in escrow " + escrow[0]);
        return new FailingRound(roundId, escrow[0], investors);
    }

    /** The chain's block gas limit before {@link #settleUntilRefundsUnderWay} narrowed it. */
    private static BigInteger blockGasLimit;

    /**
     * Business time past the round's deadline on every live member and on the chain; the settlement started on
     * {@code runner} with anvil mining one block at a time, until the first refund chunk is confirmed and others are
     * not. Returns the settlement's execution id (running on {@code runner}, which holds its lease).
     */
    private static long settleUntilRefundsUnderWay(FailingRound failing, Platform.Member runner) throws Exception {
        long ahead = Duration.ofHours(48).plus(Duration.ofMinutes(30)).toSeconds();
        String admin = adminToken(); // issued at real time: valid after the clocks moved too
        for (var member : platform.members()) {
            if (member.alive()) {
                var set = call(member.uri(), "PUT", "/api/admin/clock", admin, "{\"offsetSeconds\":" + ahead + "}");
                assertThat(set.statusCode()).as(member.name() + ": " + set.body()).isEqualTo(200);
            }
        }
        anvil("evm_increaseTime", ahead);
        anvil("evm_mine");
        anvil("evm_setAutomine", false);
        // the dispatcher sends all refund chunks at once (pipelined): a block with room for one chunk (gas limit
        // 140 k each) keeps them coming one block at a time, so the member dies with some refunded and others not
        blockGasLimit = web3j.ethGetBlockByNumber(org.web3j.protocol.core.DefaultBlockParameterName.LATEST, false).send()
                .getBlock().getGasLimit();
        anvil("anvil_setBlockGasLimit", "0x" + Long.toHexString(200_000));
        var started = call(runner.uri(), "POST", "/api/admin/jobs/round-settlement", admin, null);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        long execution = json(started).asJsonObject().getJsonNumber("id").longValue();
        String refunds = "business_key like 'round-refund:" + failing.id() + ":%'";
        Instant deadline = Instant.now().plus(Duration.ofSeconds(240));
        long confirmed = 0;
        // one block at a time, each followed by the receipt passes catching up with it: mined faster than a busy
        // machine's passes confirm, several chunks would be mined before the first shows CONFIRMED, up to all of them
        mining:
        while (Instant.now().isBefore(deadline)) {
            anvil("evm_mine");
            Instant caughtUp = Instant.now().plusSeconds(10);
            while (Instant.now().isBefore(caughtUp)) {
                confirmed = count("select count(*) from chain_transaction where " + refunds + " and status = 'CONFIRMED'");
                if (confirmed >= 1) {
                    break mining;
                }
                Thread.sleep(250);
            }
        }
        long queued = count("select count(*) from chain_transaction where " + refunds);
        System.out.println("[it] refunds under way: " + confirmed + " of " + queued + " chunk(s) confirmed");
        assertThat(confirmed).as("a refund chunk confirmed").isGreaterThanOrEqualTo(1);
        assertThat(queued).as("chunks of 2 for " + failing.investors().size() + " investors")
                .isEqualTo((failing.investors().size() + 1) / 2);
        assertThat(confirmed).as("refunds still under way").isLessThan(queued);
        assertThat(leaseHolderPid("job-execution:" + execution)).as("the runner holds the execution's lease")
                .isEqualTo(Long.toString(runner.pid()));
        return execution;
    }

    /** The new execution that took the killed member's settlement over; prints the failover time. */
    private static long awaitTakeover(long orphan, Instant killed) throws Exception {
        String[] taken = new String[1];
        awaitTrue("execution " + orphan + " taken over", () -> {
            try {
                var rows = strings("select new_value from audit_event where action = 'job.taken-over' and subject_id = '"
                        + orphan + "'");
                taken[0] = rows.isEmpty() ? null : rows.get(0);
                return taken[0] != null;
            } catch (SQLException e) {
                return false;
            }
        }, Duration.ofSeconds(60));
        long millis = Duration.between(killed, Instant.now()).toMillis();
        System.out.println("cluster.failover.settlement: " + String.format("%.1f", millis / 1000.0)
                + " s (limit 15 s: lease TTL 10 s + renewal 3 s + watchdog tick 2 s; machine shared)");
        assertThat(millis).as("the settlement moved to a live member").isLessThan(FAILOVER_LIMIT.toMillis());
        long execution = Long.parseLong(taken[0].replaceAll("^execution (\\d+) on .*$", "$1"));
        assertThat(livePids()).contains(taken[0].replaceAll("^execution \\d+ on (\\d+)@.*$", "$1"));
        return execution;
    }

    private static void settlementFinishedOnce(FailingRound failing, long orphan, long takeover) throws Exception {
        var miner = startMiner();
        try {
            awaitTrue("round " + failing.id() + " REFUNDED", () -> {
                try {
                    return "REFUNDED".equals(strings("select status from funding_round where id = '" + failing.id() + "'").get(0));
                } catch (SQLException e) {
                    return false;
                }
            }, Duration.ofSeconds(240));
            awaitTrue("execution " + takeover + " ended", () -> !jobStatus(takeover).startsWith("START"),
                    Duration.ofSeconds(120));
        } finally {
            miner.interrupt();
            anvil("anvil_setBlockGasLimit", "0x" + blockGasLimit.toString(16));
            anvil("evm_setAutomine", true);
        }
        assertThat(jobStatus(orphan)).startsWith("FAILED TAKEN OVER by ");
        // the new execution settled the round; its reconcile step then flags what this test did outside the platform
        // (deposits straight on chain, none in the platform's ledger), so only the settle step is asserted here
        assertThat(jobStatus(takeover)).contains("SETTLED 1 of 1 round(s)");
        assertThat(strings("select batchstatus from jbatchstepexecutioninstancedata where jobexecid = " + takeover
                + " and stepname = 'settle'")).containsExactly("COMPLETED");
        assertThat(count("select count(*) from audit_event where action = 'job.taken-over' and subject_id = '" + orphan + "'"))
                .as("taken over once").isEqualTo(1);
        assertThat(token.balanceOf(failing.escrow()).send()).as("the escrow is empty").isZero();
        String refunds = "business_key like 'round-refund:" + failing.id() + ":%'";
        long chunks = (failing.investors().size() + 1) / 2;
        assertThat(count("select count(*) from chain_transaction where " + refunds)).as("no chunk queued twice").isEqualTo(chunks);
        assertThat(count("select count(*) from chain_transaction where " + refunds + " and status = 'CONFIRMED'")).isEqualTo(chunks);
        for (var investor : failing.investors()) {
            assertThat(token.balanceOf(investor.getAddress()).send()).as(investor.getAddress()).isEqualTo(HOLDING);
            String address = investor.getAddress().toLowerCase();
            assertThat(count("select count(*) from chain_event where lower(contract) = '" + failing.escrow().toLowerCase()
                    + "' and event_name = 'Refunded' and not removed and lower(args::jsonb ->> 'arg0') = '" + address + "'"))
                    .as("one Refunded event for " + address).isEqualTo(1);
        }
        System.out.println("[it] round " + failing.id() + " REFUNDED once to " + failing.investors().size()
                + " investors in " + chunks + " chunks; execution " + orphan + " taken over by " + takeover);
    }

    private static FundingRound.Deposit deposit(Credentials investor, String round, byte[] domain, long deadline) {
        var dl = BigInteger.valueOf(deadline);
        byte[] struct = Hash.sha3(concat(INVESTMENT_TYPEHASH, word(Numeric.toBigInt(investor.getAddress())),
                word(Numeric.toBigInt(round)), word(DEPOSIT), TERMS_HASH, word(BigInteger.ZERO), word(dl)));
        var signature = Sign.signMessage(Hash.sha3(concat(new byte[] {0x19, 0x01}, domain, struct)),
                investor.getEcKeyPair(), false);
        return new FundingRound.Deposit(investor.getAddress(), DEPOSIT, TERMS_HASH, BigInteger.ZERO, dl,
                BigInteger.valueOf(Byte.toUnsignedInt(signature.getV()[0])), signature.getR(), signature.getS());
    }

    private static byte[] word(BigInteger value) {
        return Numeric.toBytesPadded(value, 32);
    }

    private static byte[] concat(byte[]... parts) {
        var out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static long countMints(String condition) throws SQLException {
        return count("select count(*) from chain_transaction where business_key like 'mint:%' and " + condition);
    }

    private static String jobStatus(long execution) {
        try {
            return strings("select batchstatus || ' ' || coalesce(exitstatus, '') from jbatchexecutioninstancedata"
                    + " where jobexecid = " + execution).get(0);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long executions(String job) throws SQLException {
        return count("select count(*) from jbatchexecutioninstancedata e join jbatchjobinstancedata j"
                + " on j.jobinstanceid = e.jobinstanceid where j.name = '" + job + "'");
    }

    private static String leaseHolderPid(String name) throws SQLException {
        var holders = strings("select holder from worker_lease where name = '" + name + "' and expires_at > now()");
        return holders.isEmpty() ? null : holders.get(0).substring(0, holders.get(0).indexOf('@'));
    }

    private static List<String> strings(String sql) throws SQLException {
        var values = new ArrayList<String>();
        try (var db = platform.connect(); var rs = db.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private static long count(String sql) throws SQLException {
        return Long.parseLong(strings(sql).get(0));
    }

    private static void anvil(String method, Object... params) throws java.io.IOException {
        var response = new org.web3j.protocol.core.Request<>(method, List.of(params), new HttpService(platform.chainRpcUrl()),
                org.web3j.protocol.core.methods.response.VoidResponse.class).send();
        assertThat(Optional.ofNullable(response.getError()).map(org.web3j.protocol.core.Response.Error::getMessage))
                .as(method).isEmpty();
    }

    /** A fresh admin token (access tokens live 10 minutes; log in while business time is still real time). */
    private static String adminToken() {
        return login(ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    private static String login(String email, String password) {
        var response = call(platform.baseUri(), "POST", "/api/auth/login", null, body("email", email, "password", password));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response).asJsonObject().getString("access_token");
    }

    private static String body(String... keysAndValues) {
        var builder = jakarta.json.Json.createObjectBuilder();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            builder.add(keysAndValues[i], keysAndValues[i + 1]);
        }
        return builder.build().toString();
    }

    private static jakarta.json.JsonValue json(HttpResponse<String> response) {
        try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(response.body()))) {
            return reader.readValue();
        }
    }

    /** A call from a client address of its own (through nginx, which appends the real one). */
    private static HttpResponse<String> call(URI base, String method, String path, String bearer, String json) {
        var builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("X-Forwarded-For", "198.51.100." + (CLIENTS.getAndIncrement() % 250 + 1))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            builder.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        try {
            return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void awaitTrue(String what, java.util.function.BooleanSupplier condition, Duration timeout)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out waiting until " + what);
    }

    private static void rss() {
        for (var member : platform.members()) {
            if (member.alive()) {
                try {
                    var status = Files.readAllLines(Path.of("/proc/" + member.pid() + "/status"));
                    status.stream().filter(l -> l.startsWith("VmRSS:")).findFirst().ifPresent(l -> System.out.println(
                            "cluster.rss.instance: " + Long.parseLong(l.replaceAll("\\D", "")) / 1024 + " MB ("
                                    + member.name() + ", -Xmx640m)"));
                } catch (java.io.IOException e) {
                    // the process ended meanwhile
                }
            }
        }
    }

    // ---- helpers

    private static Thread startMiner() {
        // one block every half second, so the last mints reach their confirmation depth
        var thread = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    new org.web3j.protocol.core.Request<>("evm_mine", List.of(), new HttpService(platform.chainRpcUrl()),
                            org.web3j.protocol.core.methods.response.VoidResponse.class).send();
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // the node is busy: try again
                }
            }
        });
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static Platform.Member member(String pid) {
        return platform.members().stream().filter(m -> Long.toString(m.pid()).equals(pid)).findFirst()
                .orElseThrow(() -> new AssertionError("no member has pid " + pid));
    }

    private static Set<String> livePids() {
        var pids = new HashSet<String>();
        platform.members().stream().filter(Platform.Member::alive).forEach(m -> pids.add(Long.toString(m.pid())));
        return pids;
    }

    /** Worker → the pid of the member holding its unexpired lease (from the holder id "pid@host/boot"). */
    private static Map<String, String> leases() throws SQLException {
        var leases = new HashMap<String, String>();
        try (var db = platform.connect(); var rs = db.createStatement().executeQuery(
                "select name, holder from worker_lease where expires_at > now()")) {
            while (rs.next()) {
                leases.put(rs.getString(1), rs.getString(2).substring(0, rs.getString(2).indexOf('@')));
            }
        }
        return leases;
    }

    private static Map<String, String> awaitLeases(java.util.function.Predicate<Map<String, String>> condition,
                                                   Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        Map<String, String> last = Map.of();
        while (Instant.now().isBefore(deadline)) {
            last = leases();
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("leases never as expected: " + last);
    }

    private static long awaitCount(String where, java.util.function.LongPredicate condition, Duration timeout)
            throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        long last = -1;
        while (Instant.now().isBefore(deadline)) {
            try (var db = platform.connect(); var rs = db.createStatement().executeQuery(
                    "select count(*) from chain_transaction where " + where)) {
                rs.next();
                last = rs.getLong(1);
            }
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(250);
        }
        var states = new StringBuilder();
        try (var db = platform.connect(); var rs = db.createStatement().executeQuery(
                "select status, count(*), min(failure) from chain_transaction group by status")) {
            while (rs.next()) {
                states.append(rs.getString(1)).append('=').append(rs.getLong(2)).append(' ')
                        .append(Optional.ofNullable(rs.getString(3)).orElse("")).append("; ");
            }
        }
        throw new AssertionError("chain_transaction rows where " + where + ": " + last + " at the deadline; all: " + states);
    }

    private static boolean logContains(Platform.Member member, String text) {
        try {
            return Files.readString(member.log()).contains(text);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static HttpResponse<String> get(URI uri, Map<String, String> headers) throws Exception {
        var builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
        headers.forEach(builder::header);
        return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }
}
