package io.picktartup.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Prometheus (Debian's package {@code prometheus}) scraping the application with its scrape token, with the
 * recording and alert rules shipped in server-config ({@code prometheus/} on the class path). Its configuration and
 * data live in a folder of the run ({@code .run/prometheus} for the run command, a test's own folder for a test);
 * it listens on 127.0.0.1 only, and is stopped with the rest.
 */
public final class Prometheus implements AutoCloseable {

    /** Where Debian installs it; {@code PROMETHEUS_BINARY} names another. */
    public static final Path DEFAULT_BINARY = Path.of("/usr/bin/prometheus");
    /** The rule files, as they are on the class path under {@code prometheus/}. */
    public static final List<String> RULE_FILES = List.of("recording.rules.yml", "alerts.rules.yml");

    private final ChildProcess process;
    private final int port;

    private Prometheus(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** The binary to run, when one is installed. */
    public static Optional<Path> binary(Map<String, String> environment) {
        Path binary = Path.of(environment.getOrDefault("PROMETHEUS_BINARY", DEFAULT_BINARY.toString()));
        return Files.isExecutable(binary) ? Optional.of(binary) : Optional.empty();
    }

    /**
     * Writes the configuration into {@code dir} (scraping {@code target}, e.g. 127.0.0.1:8080, every
     * {@code interval}, rules evaluated as often) and starts Prometheus on {@code port}; returns when it is ready.
     */
    public static Prometheus start(Path binary, Path dir, int port, String target, String scrapeToken,
                                   Duration interval) throws IOException {
        Ports.requireFree(port, "Prometheus (PROMETHEUS_PORT)");
        Files.createDirectories(dir.resolve("data"));
        Path tokenFile = dir.resolve("scrape-token");
        Files.deleteIfExists(tokenFile);
        Files.createFile(tokenFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tokenFile, scrapeToken, StandardCharsets.US_ASCII);
        for (String rules : RULE_FILES) {
            copy("prometheus/" + rules, dir.resolve(rules));
        }
        String config = resource("prometheus/prometheus.yml")
                .replace("${INTERVAL}", interval.toSeconds() + "s")
                .replace("${TARGET}", target)
                .replace("${TOKEN_FILE}", tokenFile.toString());
        Files.writeString(dir.resolve("prometheus.yml"), config, StandardCharsets.UTF_8);
        var child = ChildProcess.start("prometheus", List.of(binary.toString(),
                "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--storage.tsdb.retention.time=7d",
                "--web.listen-address=127.0.0.1:" + port,
                "--web.enable-lifecycle"), Map.of(), dir.resolve("prometheus.log"));
        var prometheus = new Prometheus(child, port);
        try {
            prometheus.awaitReady(Duration.ofSeconds(60));
        } catch (RuntimeException e) {
            prometheus.close();
            throw e;
        }
        return prometheus;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    private void awaitReady(Duration timeout) {
        var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Prometheus exited; its log:\n" + process.tail(30));
            }
            try {
                var response = client.send(HttpRequest.newBuilder(uri().resolve("/-/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Prometheus");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Prometheus");
            }
        }
        throw new IllegalStateException("Prometheus was not ready within " + timeout.toSeconds() + " s:\n"
                + process.tail(30));
    }

    /** The token in {@code file}, generated first (owner-only file) when it does not exist. */
    public static String loadOrCreateToken(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] random = new byte[24];
                new SecureRandom().nextBytes(random);
                Path tmp = Files.createTempFile(file.getParent(), "token", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(tmp, HexFormat.of().formatHex(random), StandardCharsets.US_ASCII);
                Files.move(tmp, file);
            }
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(String resource, Path target) throws IOException {
        try (InputStream in = Prometheus.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String resource(String resource) throws IOException {
        try (InputStream in = Prometheus.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        process.close();
    }

    @Override
    public String toString() {
        return "Prometheus on port " + port;
    }
}
