package io.picktartup.news.control;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The real adapter against a real HTTP server on this machine. */
class PoliteWebTest {

    private static final long INTERVAL_MS = 150;
    private static final long TIMEOUT_MS = 700;
    private static final long MAX_BYTES = 64 * 1024;

    private record Hit(String path, long nanos, String userAgent) {
    }

    private HttpServer server;
    /** A port on loopback the crawl must never reach. */
    private volatile int innerPort;
    private final List<Hit> hits = new CopyOnWriteArrayList<>();
    private PoliteWeb web;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
        web = new PoliteWeb(settings(server.getAddress().getPort()));
    }

    /** The test site on loopback is allowed explicitly, as the test platform does; nothing else inner. */
    private static NewsSettings settings(int... ports) {
        var allowed = new java.util.ArrayList<String>();
        for (int port : ports) {
            allowed.add("127.0.0.1:" + port);
            allowed.add("[0:0:0:0:0:0:0:1]:" + port);
        }
        return new NewsSettings(500, TIMEOUT_MS, MAX_BYTES, INTERVAL_MS, 10, 3, allowed);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        hits.add(new Hit(path, System.nanoTime(), exchange.getRequestHeaders().getFirst("User-Agent")));
        try (exchange) {
            switch (path) {
                case "/robots.txt" -> send(exchange, 200, "text/plain", "User-agent: *\nDisallow: /private/\n");
                case "/huge" -> {
                    exchange.getResponseHeaders().set("Content-Type", "text/html");
                    exchange.sendResponseHeaders(200, 0); // chunked: no length declared, the cap must count
                    try (OutputStream out = exchange.getResponseBody()) {
                        byte[] block = new byte[16 * 1024];
                        for (int i = 0; i < 200; i++) {
                            out.write(block);
                        }
                    } catch (IOException clientGaveUp) {
                        // expected: the crawler hangs up past its cap
                    }
                }
                case "/declared-huge" -> {
                    exchange.getResponseHeaders().set("Content-Type", "text/html");
                    exchange.sendResponseHeaders(200, 10 * MAX_BYTES);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(new byte[1024]);
                    } catch (IOException clientGaveUp) {
                        // expected
                    }
                }
                case "/slow" -> {
                    sleep(TIMEOUT_MS * 3);
                    send(exchange, 200, "text/html", "<title>late</title>");
                }
                case "/error" -> send(exchange, 500, "text/html", "boom");
                case "/image" -> send(exchange, 200, "image/png", "PNG");
                case "/moved" -> {
                    exchange.getResponseHeaders().set("Location", "/page");
                    exchange.sendResponseHeaders(301, -1);
                }
                case "/to-inner" -> { // another port on loopback: the app's own admin API, say
                    exchange.getResponseHeaders().set("Location", "http://127.0.0.1:" + innerPort + "/api/admin");
                    exchange.sendResponseHeaders(302, -1);
                }
                case "/to-metadata" -> {
                    exchange.getResponseHeaders().set("Location", "http://169.254.169.254/latest/meta-data/");
                    exchange.sendResponseHeaders(302, -1);
                }
                case "/to-other-host" -> {
                    exchange.getResponseHeaders().set("Location", "http://news.example:"
                            + server.getAddress().getPort() + "/page");
                    exchange.sendResponseHeaders(302, -1);
                }
                case "/loop" -> {
                    exchange.getResponseHeaders().set("Location", "/loop");
                    exchange.sendResponseHeaders(302, -1);
                }
                default -> send(exchange, 200, "text/html; charset=utf-8", "<title>" + path + "</title>");
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void robotsTxtIsReadOncePerRunAndADisallowedPageIsNeverRequested() {
        var page = web.fetch(1, uri("/news/a"), Web.Expect.HTML);
        assertThat(new String(page.body(), StandardCharsets.UTF_8)).contains("/news/a");
        web.fetch(1, uri("/news/b"), Web.Expect.HTML);
        assertThatThrownBy(() -> web.fetch(1, uri("/private/secret"), Web.Expect.HTML))
                .isInstanceOfSatisfying(Web.Refused.class, r -> assertThat(r.reason()).isEqualTo(Web.Reason.ROBOTS));
        assertThat(hits).extracting(Hit::path).containsExactly("/robots.txt", "/news/a", "/news/b");
        assertThat(hits).allSatisfy(hit -> assertThat(hit.userAgent()).isEqualTo(NewsSettings.USER_AGENT));
        web.fetch(2, uri("/news/a"), Web.Expect.HTML);
        assertThat(hits).extracting(Hit::path).endsWith("/robots.txt", "/news/a");
    }

    @Test
    void requestsToOneHostAreSpacedByTheInterval() {
        for (int i = 0; i < 5; i++) {
            web.fetch(1, uri("/news/" + i), Web.Expect.HTML);
        }
        assertThat(hits).hasSize(6);
        for (int i = 1; i < hits.size(); i++) {
            long gapMs = TimeUnit.NANOSECONDS.toMillis(hits.get(i).nanos() - hits.get(i - 1).nanos());
            assertThat(gapMs).as("gap before " + hits.get(i).path()).isGreaterThanOrEqualTo(INTERVAL_MS);
        }
    }

    @Test
    void hugeSlowBrokenAndWrongPagesAreRefusedWithTheirReason() {
        assertRefused("/huge", Web.Reason.TOO_LARGE);
        assertRefused("/declared-huge", Web.Reason.TOO_LARGE);
        long start = System.nanoTime();
        assertRefused("/slow", Web.Reason.TOO_SLOW);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(TIMEOUT_MS * 2 + INTERVAL_MS);
        assertRefused("/error", Web.Reason.HTTP_ERROR);
        assertRefused("/image", Web.Reason.UNEXPECTED_TYPE);
        assertRefused("/loop", Web.Reason.TOO_MANY_REDIRECTS);
        assertThat(web.fetch(1, uri("/moved"), Web.Expect.HTML).uri()).isEqualTo(uri("/page"));
    }

    @Test
    void anUnreachableSiteFails() throws IOException {
        int closed;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        var web = new PoliteWeb(settings(server.getAddress().getPort(), closed));
        assertThatThrownBy(() -> web.fetch(1, URI.create("http://127.0.0.1:" + closed + "/feed"), Web.Expect.FEED))
                .isInstanceOfSatisfying(Web.Refused.class, r -> assertThat(r.reason()).isEqualTo(Web.Reason.UNREACHABLE));
    }

    private void assertRefused(String path, Web.Reason reason) {
        assertThatThrownBy(() -> web.fetch(1, uri(path), Web.Expect.HTML))
                .as(path).isInstanceOfSatisfying(Web.Refused.class, r -> assertThat(r.reason()).isEqualTo(reason));
    }

    @Test
    void redirectsToLoopbackOnAnotherPortAndToTheMetadataAddressAreRefusedWithoutConnecting() throws IOException {
        try (var inner = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            innerPort = inner.getLocalPort();
            inner.setSoTimeout(1);
            assertRefused("/to-inner", Web.Reason.FORBIDDEN_ADDRESS);
            // another host: refused as such; and where the source follows other hosts, for its address
            assertRefused("/to-metadata", Web.Reason.REDIRECT_ELSEWHERE);
            long start = System.nanoTime();
            assertThatThrownBy(() -> web.fetch(1, uri("/to-metadata"), Web.Expect.HTML, true))
                    .isInstanceOfSatisfying(Web.Refused.class,
                            r -> assertThat(r.reason()).isEqualTo(Web.Reason.FORBIDDEN_ADDRESS));
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
                    .as("refused before any connection attempt, not after a timeout").isLessThan(500 + INTERVAL_MS);
            assertThatThrownBy(inner::accept).as("nobody connected to the inner port")
                    .isInstanceOf(java.net.SocketTimeoutException.class);
        }
        // and the same addresses named directly
        assertThatThrownBy(() -> web.fetch(1, URI.create("http://169.254.169.254/latest/meta-data/"), Web.Expect.HTML))
                .isInstanceOfSatisfying(Web.Refused.class,
                        r -> assertThat(r.reason()).isEqualTo(Web.Reason.FORBIDDEN_ADDRESS));
        assertThatThrownBy(() -> web.fetch(1, URI.create("http://[::ffff:127.0.0.1]:" + innerPort + "/"),
                Web.Expect.HTML)).isInstanceOfSatisfying(Web.Refused.class,
                r -> assertThat(r.reason()).isEqualTo(Web.Reason.FORBIDDEN_ADDRESS));
    }

    @Test
    void aNameThatResolvesToAnInnerAddressIsRefusedAndTheConnectionGoesToTheCheckedAddress() {
        var resolutions = new java.util.concurrent.atomic.AtomicInteger();
        // news.example: the test site for the first lookup, then "rebound" to an inner address
        Destinations.Resolver rebinding = host -> {
            if (!host.equals("news.example")) {
                return InetAddress.getAllByName(host);
            }
            return resolutions.getAndIncrement() < 1 ? new InetAddress[] {InetAddress.getLoopbackAddress()}
                    : new InetAddress[] {InetAddress.getByName("10.0.0.7")};
        };
        var web = new PoliteWeb(settings(server.getAddress().getPort()), rebinding);
        URI page = URI.create("http://news.example:" + server.getAddress().getPort() + "/news/a");
        // a made-up name reaches the test site: the connection used the address the check resolved, not the system's
        // resolver (which does not know news.example)
        assertThatThrownBy(() -> web.fetch(1, page, Web.Expect.HTML))
                .isInstanceOfSatisfying(Web.Refused.class, r -> assertThat(r.reason()).isEqualTo(
                        Web.Reason.FORBIDDEN_ADDRESS));
        // the first lookup (robots.txt's check) saw loopback, the next ones the rebound inner address: refused, and
        // the site never saw the page request
        assertThat(hits).extracting(Hit::path).doesNotContain("/news/a");
    }

    @Test
    void aCheckedMadeUpNameIsConnectedToAtTheAddressTheCheckSaw() {
        Destinations.Resolver fixed = host -> host.equals("news.example")
                ? new InetAddress[] {InetAddress.getLoopbackAddress()} : InetAddress.getAllByName(host);
        var web = new PoliteWeb(settings(server.getAddress().getPort()), fixed);
        var page = web.fetch(1, URI.create("http://news.example:" + server.getAddress().getPort() + "/news/a"),
                Web.Expect.HTML);
        assertThat(new String(page.body(), StandardCharsets.UTF_8)).contains("/news/a");
    }

    @Test
    void aRedirectToAnotherHostIsFollowedOnlyWhenTheSourceAllowsIt() {
        Destinations.Resolver names = host -> host.equals("news.example")
                ? new InetAddress[] {InetAddress.getLoopbackAddress()} : InetAddress.getAllByName(host);
        var web = new PoliteWeb(settings(server.getAddress().getPort()), names);
        assertThatThrownBy(() -> web.fetch(1, uri("/to-other-host"), Web.Expect.HTML))
                .isInstanceOfSatisfying(Web.Refused.class,
                        r -> assertThat(r.reason()).isEqualTo(Web.Reason.REDIRECT_ELSEWHERE));
        var page = web.fetch(1, uri("/to-other-host"), Web.Expect.HTML, true);
        assertThat(page.uri().getHost()).isEqualTo("news.example");
    }
}
