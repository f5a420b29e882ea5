package io.picktartup.it;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.picktartup.account.control.PasswordHasher;
import io.picktartup.chain.contract.PicktartupToken;
import io.picktartup.launcher.DevChain;
import io.picktartup.launcher.DevSigningKey;
import io.picktartup.launcher.Platform;
import io.picktartup.launcher.PlatformOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
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
 * unique, gapless nonces, each mint once on chain; a signed-in browser keeps its session when the instance serving it
 * is killed (the session lives in the Data Grid). Figures are printed as {@code cluster.*} lines.
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

    private static GreenMail mail;
    private static Platform platform;
    private static Web3j web3j;
    private static PicktartupToken token;

    @BeforeAll
    static void boot() throws Exception {
        int smtpPort = freePort();
        mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        Path work = Path.of(System.getProperty("picktartup.work")).resolveSibling("it-cluster");
        var options = new PlatformOptions(work, Path.of(System.getProperty("picktartup.war")),
                Path.of(System.getProperty("picktartup.runtime")), freePort(), false, Optional.empty(), freePort(),
                Optional.of(new PlatformOptions.ExternalMail("127.0.0.1", smtpPort)), 0, 0,
                Optional.of(new PlatformOptions.DevChainOptions(Path.of(System.getProperty("picktartup.anvil")),
                        freePort(), Optional.empty())),
                Map.ofEntries(Map.entry(Platform.INSTANCES, Integer.toString(INSTANCES)),
                        Map.entry("MAIL_FROM", "no-reply@picktartup.test"),
                        Map.entry("PICKTARTUP_CHAIN_CONFIRMATIONS", "1"),
                        Map.entry("PICKTARTUP_CHAIN_USE_FINALIZED_TAG", "false"),
                        Map.entry("PICKTARTUP_READY_TIMEOUT_SECONDS", "900"),
                        Map.entry("PICKTARTUP_AUTH_SIGNING_KEY", DevSigningKey.generatePem()),
                        Map.entry("PICKTARTUP_METRICS_TOKEN", "cluster-scrape-" + java.util.UUID.randomUUID()),
                        Map.entry("PICKTARTUP_ADMIN_EMAIL", ADMIN_EMAIL),
                        Map.entry("PICKTARTUP_ADMIN_PASSWORD_HASH", new PasswordHasher(1).hash(ADMIN_PASSWORD))),
                // three instances on two cores: smaller heaps than one instance gets (no signups here)
                List.of("-Xmx640m", "-XX:+UseSerialGC", "-Xss512k", "-XX:MaxMetaspaceSize=256m"));
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
    @Order(2)
    void killingTheDispatchersMemberWhileItSendsMovesItsWorkAndLosesNoNonce() throws Exception {
        String minter = Platform.devAccount(DevChain.MINTER).getAddress().toLowerCase();
        BigInteger supplyBefore = token.totalSupply().send();
        int mints = 300;
        var amount = BigInteger.TEN.pow(18);
        var random = new SecureRandom();
        var keys = new ArrayList<String>();
        var recipients = new ArrayList<String>();
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
        awaitCount("business_key like 'mint:%' and status <> 'QUEUED'", n -> n >= 5, Duration.ofSeconds(60));
        var before = leases();
        String holder = before.get("chain-dispatcher");
        var victim = member(holder);
        var moved = new HashMap<String, Long>();
        before.forEach((worker, pid) -> {
            if (pid.equals(holder)) {
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
            awaitCount("business_key like 'mint:%' and status = 'CONFIRMED'", n -> n == mints,
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
    @Order(3)
    void aSignedInBrowserKeepsItsSessionWhenItsInstanceDies() throws Exception {
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
            platform.killMember(victim);
            System.out.println("[it] killed " + serving + ", which served the browser's session");
            browser.navigate().refresh();
            Chromium.await(browser, 60, b -> !b.findElements(By.id("nav-logout")).isEmpty()
                    || !b.findElements(By.id("login:email")).isEmpty());
            assertThat(browser.findElements(By.id("login:email"))).as("not sent back to the login").isEmpty();
            assertThat(browser.findElements(By.id("nav-logout"))).as("still signed in").isNotEmpty();
            assertThat(browser.getCurrentUrl()).isEqualTo(page);
            var after = get(platform.baseUri().resolve("/api/rounds"), Map.of("Cookie", "JSESSIONID=" + cookie.getValue()));
            assertThat(after.headers().firstValue("X-Picktartup-Instance")).isPresent().isNotEqualTo(Optional.of(serving));
        } finally {
            browser.quit();
        }
        rss();
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

    private static int freePort() {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
