package io.picktartup.it;

import io.picktartup.launcher.DevChain;
import io.picktartup.launcher.Platform;
import io.picktartup.launcher.Ports;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The EAR on a real Payara Server 6: a fresh domain (own ports) set up by server-config's
 * {@code picktartup-domain.sh} with the same post-boot.asadmin as Payara Micro, a throwaway PostgreSQL, and HTTP
 * calls against the deployed application and the admin console. Domain and database are stopped at the end, also
 * when the set-up fails, and the test checks that no process of theirs is left.
 */
class PayaraServerEarIT {

    private static final String DOMAIN = "picktartup-it";
    /** Offsets of create-domain --portbase: debugger, IIOP(S), admin, Hazelcast, OSGi shell, JMS, HTTP(S), JMX. */
    private static final int[] PORT_OFFSETS = {9, 37, 38, 39, 48, 49, 59, 66, 76, 80, 81, 86};
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static final Path WORK = Path.of(System.getProperty("picktartup.work", "target/it-server"));
    private static final String ADMIN_EMAIL = "admin@picktartup.test";
    private static final String ADMIN_PASSWORD = "first admin's initial passphrase";
    private static final Path DOMAIN_DIR = WORK.resolve("domains");

    private static EmbeddedPostgres postgres;
    private static DevChain chain;
    /** The news test's feed on loopback: the one inner address the EAR's crawler may reach here. */
    private static final int FEED_PORT = Ports.free();
    private static int portBase;
    private static Thread killOnExit;

    @BeforeAll
    static void deployEarOnPayaraServer() throws Exception {
        Platform.class.getName(); // server-config is on the class path: post-boot.asadmin comes from there
        deleteTree(WORK);
        Files.createDirectories(WORK);
        postgres = EmbeddedPostgres.builder()
                .setPort(Ports.free())
                .setDataDirectory(WORK.resolve("postgres"))
                .setCleanDataDirectory(true)
                .setOverrideWorkingDirectory(WORK.resolve("postgres-bin").toFile())
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
        try (var connection = postgres.getPostgresDatabase().getConnection();
             var statement = connection.createStatement()) {
            statement.execute("create database picktartup encoding 'UTF8'");
        }

        // the readiness check includes the chain: anvil with the platform's contracts, as the launcher starts it
        int chainPort = Ports.free();
        chain = DevChain.start(Path.of(property("picktartup.anvil")), chainPort, WORK, false);

        Path postBoot = WORK.resolve("post-boot.asadmin");
        try (InputStream in = Platform.class.getResourceAsStream("post-boot.asadmin")) {
            assertThat(in).as("post-boot.asadmin in the server-config jar").isNotNull();
            Files.copy(in, postBoot, StandardCopyOption.REPLACE_EXISTING);
        }
        portBase = freePortBase();
        killOnExit = new Thread(PayaraServerEarIT::killDomainProcesses, "kill-payara-server");
        Runtime.getRuntime().addShutdownHook(killOnExit);

        var environment = Map.of(
                "PICKTARTUP_EAR", property("picktartup.ear"),
                "POSTGRESQL_JAR", property("picktartup.postgresqlJar"),
                "POST_BOOT", postBoot.toString(),
                "DB_HOST", "127.0.0.1",
                "DB_PORT", Integer.toString(postgres.getPort()),
                "DB_NAME", "picktartup",
                "DB_USER", "postgres",
                "DB_PASSWORD", "postgres",
                "MAIL_HOST", "127.0.0.1",
                "MAIL_PORT", Integer.toString(Ports.free()));
        var more = new java.util.HashMap<>(chain.environment(chain.rpcUrl()));
        more.put("MAIL_FROM", "no-reply@picktartup.local");
        // an admin, so the news test can configure a source and start the crawl
        more.put("PICKTARTUP_ADMIN_EMAIL", ADMIN_EMAIL);
        more.put("PICKTARTUP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        // the crawler reaches public addresses only; the news test's feed on loopback is allowed explicitly
        more.put("PICKTARTUP_NEWS_ALLOWED_PRIVATE_TARGETS", "127.0.0.1:" + FEED_PORT);
        int exit = domainScript("setup", WORK.resolve("domain-setup.log"), environment, more, 900);
        if (exit != 0) {
            fail("picktartup-domain.sh setup exited with " + exit + "; its last lines:\n"
                    + tail(WORK.resolve("domain-setup.log"), 30) + "\nserver.log:\n" + tail(serverLog(), 40));
        }
    }

    @AfterAll
    static void stopEverything() throws Exception {
        try {
            if (portBase != 0) {
                domainScript("stop", WORK.resolve("domain-stop.log"), Map.of(), Map.of(), 120);
            }
            killDomainProcesses();
            assertThat(domainProcesses()).as("Payara Server processes left after stop-domain").isEmpty();
        } finally {
            if (killOnExit != null) {
                Runtime.getRuntime().removeShutdownHook(killOnExit);
            }
            if (chain != null) {
                chain.close();
            }
            if (postgres != null) {
                postgres.close();
                assertThat(ProcessHandle.allProcesses()
                        .filter(p -> p.info().commandLine().orElse("").contains(WORK.resolve("postgres").toString()))
                        .toList()).as("PostgreSQL processes left").isEmpty();
            }
        }
    }

    @Test
    void readinessReportsTheDatabaseUp() {
        var response = get(app("/health/ready"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body().replace(" ", ""))
                .contains("\"status\":\"UP\"")
                .containsPattern("\\{\"name\":\"database\",\"status\":\"UP\"");
    }

    @Test
    void apiAnswersWithPlatformFacts() {
        var response = get(app("/api/platform"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body().replace(" ", "")).contains("\"tokenSymbol\":\"PKN\"");
    }

    @Test
    void landingPageIsServedAtTheRoot() {
        var response = get(app("/"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        assertThat(response.body()).contains("<html").contains("</html>");
    }

    @Test
    void catalogueAndPrimeFacesChartsAreServed() {
        var catalogue = get(app("/startups/index.xhtml?q=%ED%95%80%ED%85%8C"));
        assertThat(catalogue.statusCode()).isEqualTo(200);
        assertThat(catalogue.body()).contains("id=\"q\"").contains("value=\"핀테\"");
        // the chart script of the startup pages comes from PrimeFaces inside the web module
        var chartScript = get(app("/jakarta.faces.resource/chart/chart.js.xhtml?ln=primefaces"));
        assertThat(chartScript.statusCode()).isEqualTo(200);
        assertThat(chartScript.body()).contains("Chart");
    }

    @Test
    void unknownApiPathIsAProblem404() {
        var response = get(app("/api/x"));
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body().replace(" ", "")).contains("\"status\":404");
    }

    @Test
    void heartbeatJobCompletesWithItsRepositoryInPostgres() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        String status = "NOT STARTED";
        while (Instant.now().isBefore(deadline)) {
            try (Connection connection = database();
                 var rs = connection.createStatement().executeQuery("""
                         select e.batchstatus from jbatchexecutioninstancedata e
                         join jbatchjobinstancedata j on j.jobinstanceid = e.jobinstanceid
                         where j.name = 'heartbeat' order by e.jobexecid desc limit 1""")) {
                if (rs.next()) {
                    status = rs.getString(1);
                    if (List.of("COMPLETED", "FAILED", "ABANDONED", "STOPPED").contains(status)) {
                        break;
                    }
                }
            } catch (SQLException notYetCreated) {
                // the repository tables appear with the first job
            }
            Thread.sleep(500);
        }
        assertThat(status).as("heartbeat job status; server.log:\n%s", tail(serverLog(), 30)).isEqualTo("COMPLETED");
        try (Connection connection = database();
             var rs = connection.createStatement().executeQuery(
                     "select count(*) from audit_event where action = 'batch.heartbeat'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("audit events written by the heartbeat job").isEqualTo(1);
        }
    }

    /**
     * The path an admin takes on Payara Server (docs/payara-console.md): asadmin, like the console's batch pages, lists
     * the app's jobs and their executions from the PostgreSQL job repository; the JDBC pool's statistics are monitored;
     * the health checks report to the log notifier.
     */
    @Test
    void asadminShowsTheJobsThePoolsStatisticsAndTheHealthChecks() throws Exception {
        String executions = "";
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline) && !executions.contains("COMPLETED")) {
            executions = asadmin("list-batch-job-executions");
            Thread.sleep(1000);
        }
        assertThat(executions).as("asadmin list-batch-job-executions").contains("heartbeat").contains("COMPLETED");
        assertThat(asadmin("list-batch-jobs")).as("asadmin list-batch-jobs").contains("heartbeat");

        assertThat(asadmin("get-monitoring-level")).containsPattern("jdbc-connection-pool\\s+HIGH");
        // the app has used its pool by now (the heartbeat wrote its audit event through it)
        assertThat(asadmin("get", "-m", "server.resources.PicktartupPool.*"))
                .contains("numconnused").contains("numconnacquired").contains("waitqueuelength");

        String health = asadmin("get-healthcheck-configuration");
        assertThat(health).containsPattern("enabled\\?: true").containsPattern("log-notifier\\s+true")
                .containsPattern("CPUC\\s+true").containsPattern("HEAP\\s+true").containsPattern("CONP\\s+true")
                .containsPattern("STUCK\\s+true");
    }

    @Test
    void adminConsoleAnswers() throws InterruptedException {
        // the console is loaded on first access: 202 with a "loading" page first, then 200
        URI console = URI.create("http://127.0.0.1:" + (portBase + 48) + "/");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        int status = get(console).statusCode();
        while (status == 202 && Instant.now().isBefore(deadline)) {
            Thread.sleep(1000);
            status = get(console).statusCode();
        }
        assertThat(status).as("admin console status").satisfiesAnyOf(
                s -> assertThat(s).isEqualTo(200), s -> assertThat(s).isBetween(301, 308));
    }

    @Test
    void eachModuleDeployedOnceWithoutErrors() throws IOException {
        String log = Files.readString(serverLog());
        assertThat(log).doesNotContain("ejbs in the application with interface")
                .doesNotContain("Exception while loading the app")
                .doesNotContain("Exception during lifecycle processing");
    }

    /**
     * The news crawl's libraries (ROME, jdom2, jsoup) come from the EAR's lib/, not from the web module: a crawl of a
     * feed served from this JVM proves they load and parse in the EAR's class loaders.
     */
    @Test
    void newsCrawlReadsAFeedInTheEar() throws Exception {
        var site = com.sun.net.httpserver.HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                FEED_PORT), 0);
        site.createContext("/", exchange -> {
            byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>t</title>"
                    + "<link>http://x/</link><description>d</description>"
                    + "<item><title>첫 기사</title><link>http://127.0.0.1/a1</link><description><![CDATA[<p>본문</p>]]></description></item>"
                    + "<item><title>Second</title><link>http://127.0.0.1/a2</link></item></channel></rss>")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            boolean feed = exchange.getRequestURI().getPath().equals("/feed.rss");
            exchange.getResponseHeaders().set("Content-Type", "application/rss+xml; charset=utf-8");
            exchange.sendResponseHeaders(feed ? 200 : 404, feed ? body.length : -1);
            if (feed) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        site.start();
        try {
            var login = send("POST", "/api/auth/login", null,
                    "{\"email\":\"" + ADMIN_EMAIL + "\",\"password\":\"" + ADMIN_PASSWORD + "\"}");
            assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
            String token = field(login.body(), "access_token");
            // an initial admin password from the environment must be changed first, on the EAR deployment too
            var refused = send("GET", "/api/admin/news/sources", token, null);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
            assertThat(field(refused.body(), "code")).isEqualTo("account.password-change-required");
            var changed = send("PUT", "/api/accounts/me/password", token, "{\"currentPassword\":\"" + ADMIN_PASSWORD
                    + "\",\"newPassword\":\"the EAR check admin's own passphrase\"}");
            assertThat(changed.statusCode()).as(changed.body()).isEqualTo(204);
            var source = send("POST", "/api/admin/news/sources", token, "{\"url\":\"http://127.0.0.1:"
                    + site.getAddress().getPort() + "/feed.rss\",\"kind\":\"RSS\",\"name\":\"EAR check\"}");
            assertThat(source.statusCode()).as(source.body()).isEqualTo(201);
            var started = send("POST", "/api/admin/jobs/news-crawl", token, null);
            assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
            String id = field(started.body(), "id");
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            String execution = "";
            while (Instant.now().isBefore(deadline)) {
                execution = send("GET", "/api/admin/jobs/executions/" + id, token, null).body();
                // the execution's own status (the first one named); its steps' statuses come later and end earlier
                if (execution.contains("batchStatus")
                        && List.of("COMPLETED", "FAILED", "STOPPED", "ABANDONED").contains(field(execution, "batchStatus"))) {
                    break;
                }
                Thread.sleep(250);
            }
            assertThat(field(execution, "batchStatus")).as(execution).isEqualTo("COMPLETED");
            assertThat(field(execution, "exitStatus")).startsWith("sources 1: fetched 2, ");
        } finally {
            site.stop(0);
        }
    }

    // --- helpers ---

    private static HttpResponse<String> send(String method, String path, String token, String json) throws Exception {
        var builder = HttpRequest.newBuilder(app(path)).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            builder.header("Content-Type", "application/json");
        }
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A top-level string or number field of a JSON object (this module has no JSON library). */
    private static String field(String json, String name) {
        var m = java.util.regex.Pattern.compile("\"" + name + "\"\\s*:\\s*(\"([^\"]*)\"|(\\d+))").matcher(json);
        assertThat(m.find()).as(name + " in " + json).isTrue();
        return m.group(2) != null ? m.group(2) : m.group(3);
    }

    private static URI app(String path) {
        return URI.create("http://127.0.0.1:" + (portBase + 80) + path);
    }

    private static HttpResponse<String> get(URI uri) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + uri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Connection database() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/picktartup",
                "postgres", "postgres");
    }

    /** An asadmin command against the domain's admin port; its output, failing the test when it fails. */
    private static String asadmin(String... command) throws Exception {
        var line = new java.util.ArrayList<String>(List.of(Path.of(property("picktartup.payaraHome"), "bin", "asadmin")
                .toString(), "--host", "127.0.0.1", "--port", Integer.toString(portBase + 48)));
        line.addAll(List.of(command));
        var builder = new ProcessBuilder(line).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().put("AS_JAVA", System.getProperty("java.home"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("TERM", "dumb");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("asadmin " + String.join(" ", command)).isTrue();
        assertThat(process.exitValue()).as("asadmin " + String.join(" ", command) + ":\n" + output).isZero();
        return output;
    }

    /** Runs server-config's domain script; its output (and the server's, started from it) goes to {@code log}. */
    private static int domainScript(String command, Path log, Map<String, String> environment,
                                    Map<String, String> more, int timeoutSeconds) throws Exception {
        var builder = new ProcessBuilder("bash", property("picktartup.domainScript"), command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        var env = builder.environment();
        env.putAll(environment);
        env.putAll(more);
        env.put("PAYARA_HOME", property("picktartup.payaraHome"));
        env.put("DOMAIN_DIR", DOMAIN_DIR.toString());
        env.put("DOMAIN_NAME", DOMAIN);
        env.put("PORTBASE", Integer.toString(portBase));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("AS_JAVA", System.getProperty("java.home"));
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    /** The domain's JVMs (server and any asadmin left), recognised by the domain folder in their command line. */
    private static List<ProcessHandle> domainProcesses() {
        String marker = DOMAIN_DIR.toAbsolutePath().toString();
        var found = new ArrayList<ProcessHandle>();
        ProcessHandle.allProcesses()
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(p -> p.info().commandLine().orElse("").contains(marker))
                .forEach(found::add);
        pidFileProcess().filter(ProcessHandle::isAlive).filter(p -> !found.contains(p)).ifPresent(found::add);
        return found;
    }

    private static Optional<ProcessHandle> pidFileProcess() {
        Path pidFile = DOMAIN_DIR.resolve(DOMAIN).resolve("config/pid");
        try {
            return ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void killDomainProcesses() {
        for (ProcessHandle process : domainProcesses()) {
            process.destroy();
            try {
                process.onExit().get(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
                process.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(t -> null).join();
            }
        }
    }

    private static Path serverLog() {
        return DOMAIN_DIR.resolve(DOMAIN).resolve("logs/server.log");
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        assertThat(value).as("system property " + name + " (set by failsafe)").isNotBlank();
        return value;
    }

    /** A port base whose create-domain ports are all free (Payara's defaults 4848/8080 may be taken). */
    private static int freePortBase() {
        for (int attempt = 0; attempt < 50; attempt++) {
            // below the kernel's ephemeral range (32768 on): no port another process takes at random can land in it
            // between the domain's creation and its restart; and below the range the other test parts reserve their
            // servers' ports from (Ports.free: 10,000 on), which they hold unbound for a while before binding them
            int base = ThreadLocalRandom.current().nextInt(50, 99) * 100;
            boolean free = true;
            for (int offset : PORT_OFFSETS) {
                try (var socket = new ServerSocket()) {
                    socket.bind(new InetSocketAddress(base + offset));
                } catch (IOException taken) {
                    free = false;
                    break;
                }
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("no free port base found");
    }

    private static String tail(Path file, int lines) {
        try {
            var all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no " + file + ": " + e.getMessage() + ")";
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
