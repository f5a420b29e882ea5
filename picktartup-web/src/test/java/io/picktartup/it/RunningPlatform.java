package io.picktartup.it;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.picktartup.launcher.Platform;
import io.picktartup.launcher.PlatformOptions;
import io.picktartup.launcher.Ports;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Boots the real platform once per test run (not per class): a fresh embedded PostgreSQL, a GreenMail SMTP server in
 * this JVM (so tests read the mails the application sends), and the WAR on Payara Micro, through the same launcher
 * as the run command. Stopped when the run ends. After every test class, the ledger's invariants are checked
 * ({@link LedgerInvariants}): a class that leaves the chain and the database disagreeing fails.
 */
public final class RunningPlatform implements BeforeAllCallback, AfterAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RunningPlatform.class);
    /** The access-token signing key of this run (tests forge tokens with it: expired, wrong audience…). */
    public static final String SIGNING_KEY_PEM = io.picktartup.launcher.DevSigningKey.generatePem();
    public static final String ADMIN_EMAIL = "admin@picktartup.test";
    /** The first admin's initial password, from the environment: it must be changed at the first login. */
    public static final String ADMIN_INITIAL_PASSWORD = "first admin's initial passphrase";
    /** The password the harness changes it to right after the boot (what the tests log in with). */
    public static final String ADMIN_PASSWORD = "first admin's own passphrase, chosen at first login";
    /**
     * The news fixture site's port and a port nothing listens on: the only inner targets the crawl may reach in the
     * tests (picktartup.news.allowed-private-targets; empty in production, where only public addresses are reached).
     */
    public static final int NEWS_SITE_PORT = holdNewsPort();
    public static final int NEWS_CLOSED_PORT = Ports.free();
    /** The scrape token of /metrics in this run (Http adds it to GETs of /metrics, PrometheusIT's Prometheus sends it). */
    public static final String METRICS_TOKEN = "it-scrape-token-" + java.util.UUID.randomUUID();
    private static volatile Holder holder;
    private static volatile RuntimeException bootFailure;

    private record Holder(Platform platform, GreenMail mail, TcpProxy chainProxy)
            implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            Blocks.stop();
            platform.close();
            chainProxy.close();
            mail.stop();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Holder.class, key -> boot(), Holder.class);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (holder != null) {
            LedgerInvariants.verify(context.getRequiredTestClass().getSimpleName());
        }
    }

    private static Holder boot() {
        if (bootFailure != null) {
            throw new IllegalStateException("the platform failed to boot earlier in this run", bootFailure);
        }
        int smtpPort = Ports.free();
        var mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        // the application reaches the chain through a proxy the tests can switch off ("node down")
        int anvilPort = Ports.free();
        var chainProxy = TcpProxy.start(anvilPort);
        var options = new PlatformOptions(
                Path.of(property("picktartup.work")), Path.of(property("picktartup.war")),
                Path.of(property("picktartup.runtime")), Ports.free(), false, Optional.empty(), Ports.free(),
                Optional.of(new PlatformOptions.ExternalMail("127.0.0.1", smtpPort)), 0, 0,
                Optional.of(new PlatformOptions.DevChainOptions(Path.of(property("picktartup.anvil")), anvilPort,
                        Optional.of("http://127.0.0.1:" + chainProxy.port()))),
                Map.ofEntries(Map.entry("MAIL_FROM", "no-reply@picktartup.test"),
                        Map.entry("PICKTARTUP_CHAIN_STUCK_AFTER_SECONDS", "3"),
                        // final two blocks deep (production: the finalized block or 15): a reorganisation of the head
                        // block takes back what is not final yet (ReorgIT); the block follower adds the second block
                        Map.entry("PICKTARTUP_CHAIN_CONFIRMATIONS", "2"),
                        Map.entry("PICKTARTUP_CHAIN_USE_FINALIZED_TAG", "false"),
                        // business time may be moved forward (with anvil's) so that deadlines pass inside a test
                        Map.entry("PICKTARTUP_CLOCK_ADJUSTABLE", "true"),
                        // the schedules' tick: a rescheduled job starts within seconds of its time (OperationsAdminIT)
                        Map.entry("PICKTARTUP_BATCH_SCHEDULE_TICK_SECONDS", "2"),
                        // fault switches armed while the application runs (Faults)
                        Map.entry("PICKTARTUP_FAULT_FILE", Faults.file().toString()),
                        Map.entry("PICKTARTUP_CHAIN_INDEXER_INTERVAL_MS", "300"),
                        // readiness reads the keys' roles on every probe (ChainKeysIT grants an extra one and sees it)
                        Map.entry("PICKTARTUP_CHAIN_ROLES_CHECK_SECONDS", "0"),
                        // a failed mail is retried after a second, not after 5 s, 30 s, 2 min…
                        Map.entry("PICKTARTUP_MAIL_RETRY_DELAYS", "PT1S"),
                        // a sandbox "minute" of webhook retries lasts 50 ms
                        Map.entry("PICKTARTUP_PAYMENT_SANDBOX_MINUTE_MS", "50"),
                        // the machine is shared with other builds: Payara may take more than the default 240 s
                        Map.entry("PICKTARTUP_READY_TIMEOUT_SECONDS", "600"),
                        // a payout the bank cannot be asked about: 3 attempts, 1 s then 2 s apart (PayoutIT)
                        Map.entry("PICKTARTUP_PAYOUT_MAX_ATTEMPTS", "3"),
                        Map.entry("PICKTARTUP_PAYOUT_RETRY_BASE_SECONDS", "1"),
                        // daily limits small enough to reach in a test, large enough for the other tests' movements
                        Map.entry("PICKTARTUP_COIN_CASH_OUT_DAILY_MAX_KRW", "200000"),
                        Map.entry("PICKTARTUP_WALLET_TRANSFER_DAILY_MAX_PKN", "200"),
                        Map.entry("PICKTARTUP_AUTH_SIGNING_KEY", SIGNING_KEY_PEM),
                        Map.entry("PICKTARTUP_METRICS_TOKEN", METRICS_TOKEN),
                        Map.entry("PICKTARTUP_ADMIN_EMAIL", ADMIN_EMAIL),
                        Map.entry("PICKTARTUP_ADMIN_PASSWORD", ADMIN_INITIAL_PASSWORD),
                        // the throttling tests speak as clients behind a reverse proxy on this machine
                        Map.entry("PICKTARTUP_HTTP_TRUSTED_PROXIES", "127.0.0.1"),
                        // refunds in chunks of 2 investors, so a settlement takes several chunks in the tests
                        Map.entry("PICKTARTUP_SETTLEMENT_REFUND_CHUNK", "2"),
                        // the SSI job splits into partitions from 3 startups on, so the tests run its partitioned path
                        Map.entry("PICKTARTUP_SSI_PARTITION_THRESHOLD", "3"),
                        // the news crawl against the fixture site (NewsIT): short timeouts, a short interval
                        Map.entry("PICKTARTUP_NEWS_TIMEOUT_MS", "1000"),
                        Map.entry("PICKTARTUP_NEWS_CONNECT_TIMEOUT_MS", "500"),
                        Map.entry("PICKTARTUP_NEWS_HOST_INTERVAL_MS", "200"),
                        Map.entry("PICKTARTUP_NEWS_ALLOWED_PRIVATE_TARGETS",
                                "127.0.0.1:" + NEWS_SITE_PORT + ",127.0.0.1:" + NEWS_CLOSED_PORT)),
                // C1 only (-XX:TieredStopAtLevel=1): the test command is CPU-bound on two cores from start to end,
                // and a boot costs 33 s of CPU with it against 57 s with C2 on top; the benchmarks run the production
                // options
                List.of("-Xmx1536m", "-XX:+UseSerialGC", "-Xss512k", "-XX:TieredStopAtLevel=1"));
        try {
            var platform = Platform.start(options);
            System.out.println("[it] platform ready in " + platform.bootTime().toMillis() + " ms at " + platform.baseUri());
            Blocks.follow(platform.chainRpcUrl());
            holder = new Holder(platform, mail, chainProxy);
            try {
                changeInitialAdminPassword(platform.baseUri());
            } catch (RuntimeException e) {
                platform.close();
                throw e;
            }
            return holder;
        } catch (RuntimeException e) {
            chainProxy.close();
            mail.stop();
            bootFailure = e;
            throw e;
        }
    }

    /**
     * The first admin's first login, as an operator would do it: the initial password works only for changing it
     * (anything else answers 403 account.password-change-required), then the admin's own password works.
     */
    private static void changeInitialAdminPassword(URI base) {
        var http = java.net.http.HttpClient.newHttpClient();
        try {
            var login = http.send(java.net.http.HttpRequest.newBuilder(base.resolve("/api/auth/login"))
                    .header("Content-Type", "application/json").header("X-Forwarded-For", "192.0.2.250")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(jakarta.json.Json.createObjectBuilder()
                            .add("email", ADMIN_EMAIL).add("password", ADMIN_INITIAL_PASSWORD).build().toString()))
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            if (login.statusCode() != 200) {
                throw new IllegalStateException("the first admin's initial login answered " + login.statusCode()
                        + ": " + login.body());
            }
            String token = jakarta.json.Json.createReader(new java.io.StringReader(login.body())).readObject()
                    .getString("access_token");
            var refused = http.send(java.net.http.HttpRequest.newBuilder(base.resolve("/api/admin/accounts"))
                    .header("Authorization", "Bearer " + token).GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            if (refused.statusCode() != 403 || !refused.body().contains("account.password-change-required")) {
                throw new IllegalStateException("an initial password must be changed first, but the admin API "
                        + "answered " + refused.statusCode() + ": " + refused.body());
            }
            var change = http.send(java.net.http.HttpRequest.newBuilder(base.resolve("/api/accounts/me/password"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(jakarta.json.Json.createObjectBuilder()
                            .add("currentPassword", ADMIN_INITIAL_PASSWORD).add("newPassword", ADMIN_PASSWORD)
                            .build().toString())).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            if (change.statusCode() != 204) {
                throw new IllegalStateException("changing the initial admin password answered " + change.statusCode()
                        + ": " + change.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static URI uri(String path) {
        return holder.platform().baseUri().resolve(path);
    }

    public static Connection database() throws SQLException {
        return holder.platform().connect();
    }

    public static GreenMail mail() {
        return holder.mail();
    }

    /**
     * Takes the SMTP server down: its port refuses connections until {@link #startSmtp()}, which tests call in a
     * {@code finally}. The mails received so far are dropped (GreenMail keeps them per run of its server).
     */
    public static synchronized void stopSmtp() {
        holder.mail().stop();
    }

    /** Brings the SMTP server back on the same port (does nothing when it runs). */
    public static synchronized void startSmtp() {
        if (holder.mail().getSmtp() == null) { // stopped: GreenMail drops its servers on stop
            holder.mail().start();
        }
    }

    public static Platform platform() {
        return holder.platform();
    }

    /** The switch between the application and the chain node. */
    public static TcpProxy chainProxy() {
        return holder.chainProxy();
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("System property " + name + " is not set: run the ITs through Maven");
        }
        return value;
    }

    /**
     * The news fixture site's port stays bound from the start of the run (a placeholder listener while no fixture site
     * serves on it), and is one of the reserved ports below the ephemeral range, so no outgoing connection takes it
     * as its local port while no one listens on it.
     */
    private static ServerSocket newsPortHold;

    private static synchronized int holdNewsPort() {
        try {
            newsPortHold = new ServerSocket(Ports.free(), 1, InetAddress.getLoopbackAddress());
            return newsPortHold.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Frees the news port for the fixture site about to serve on it. */
    static synchronized void releaseNewsPort() {
        if (newsPortHold != null) {
            try {
                newsPortHold.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            newsPortHold = null;
        }
    }

    /** Holds the news port again once its fixture site stopped (best effort). */
    static synchronized void holdNewsPortAgain() {
        try {
            var socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), NEWS_SITE_PORT), 1);
            newsPortHold = socket;
        } catch (IOException e) {
            newsPortHold = null; // taken meanwhile: the next fixture site will say so
        }
    }
}
