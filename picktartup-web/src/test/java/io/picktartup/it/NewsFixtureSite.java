package io.picktartup.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A news site on this machine for the crawler under test: serves the fixtures under {@code news/} on the test class
 * path ({@code {{base}}} in them becomes this site's address), plus pages that misbehave — a 5 MB page streamed
 * without a length, a page slower than any timeout, a 500 — and logs every request with its arrival time.
 */
final class NewsFixtureSite implements AutoCloseable {

    /** One request as it arrived. */
    record Hit(String path, long nanos, String userAgent) {
    }

    static final int HUGE_BYTES = 5 * 1024 * 1024;
    static final long SLOW_MS = 4_000;

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Hit> hits = new CopyOnWriteArrayList<>();

    NewsFixtureSite() {
        RunningPlatform.releaseNewsPort();
        try {
            // the one port the platform under test lets its crawler reach on loopback
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    RunningPlatform.NEWS_SITE_PORT), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    String url(String path) {
        return base() + path;
    }

    List<Hit> hits() {
        return List.copyOf(hits);
    }

    void clearHits() {
        hits.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        hits.add(new Hit(path, System.nanoTime(), exchange.getRequestHeaders().getFirst("User-Agent")));
        try (exchange) {
            switch (path) {
                case "/news/huge.html" -> {
                    exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                    exchange.sendResponseHeaders(200, 0);
                    try (OutputStream out = exchange.getResponseBody()) {
                        byte[] block = "<p>padding padding padding padding</p>\n".repeat(1024).getBytes(StandardCharsets.UTF_8);
                        for (int sent = 0; sent < HUGE_BYTES; sent += block.length) {
                            out.write(block);
                        }
                    } catch (IOException crawlerHungUp) {
                        // expected: the crawler stops reading at its size cap
                    }
                }
                case "/news/slow.html" -> {
                    try {
                        Thread.sleep(SLOW_MS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    send(exchange, 200, "text/html; charset=utf-8", "<title>Too late</title>");
                }
                case "/news/broken.html", "/feeds/down.xml" -> send(exchange, 500, "text/html", "<h1>Internal error</h1>");
                // redirects a hostile site could send: to another port on loopback, to the cloud metadata address,
                // to another host name (same address)
                case "/redirect/inner" -> redirect(exchange, "http://127.0.0.1:" + innerPort + "/api/admin/jobs");
                case "/redirect/metadata" -> redirect(exchange, "http://169.254.169.254/latest/meta-data/");
                case "/redirect/elsewhere" -> redirect(exchange, "http://localhost:" + RunningPlatform.NEWS_SITE_PORT
                        + "/news/reached-elsewhere.html");
                default -> {
                    try (InputStream fixture = getClass().getResourceAsStream("/news" + path)) {
                        if (fixture == null || path.contains("..")) {
                            send(exchange, 404, "text/plain", "not found");
                            return;
                        }
                        String body = new String(fixture.readAllBytes(), StandardCharsets.UTF_8)
                                .replace("{{base}}", base().toString());
                        send(exchange, 200, type(path), body);
                    }
                }
            }
        } catch (IOException e) {
            // a client that hung up: nothing to do
        }
    }

    /** Where /redirect/inner points: a port on loopback the crawler must never reach. */
    volatile int innerPort;

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(302, -1);
    }

    private static String type(String path) {
        if (path.endsWith(".rss")) {
            return "application/rss+xml; charset=utf-8";
        }
        if (path.endsWith(".atom")) {
            return "application/atom+xml; charset=utf-8";
        }
        if (path.endsWith(".xml")) {
            return "application/xml";
        }
        if (path.endsWith(".txt")) {
            return "text/plain; charset=utf-8";
        }
        return "text/html; charset=utf-8";
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        RunningPlatform.holdNewsPortAgain();
    }
}
