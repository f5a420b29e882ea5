package io.picktartup.news.control;

import io.picktartup.news.entity.RobotsRules;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The real {@link Web}: OkHttp over HTTP/1.1, our User-Agent, no proxy, no automatic redirects (each hop is checked
 * against robots.txt, its host's addresses and the source's rule on other hosts, and spaced like any request), every
 * connection made to addresses {@link Destinations} checked (public ones only: no loopback, private, link-local or
 * metadata address, however the name resolves or a redirect points), a connect timeout and a deadline for the whole exchange, and the
 * body read as a stream that is cut off past the size cap (a declared Content-Length over the cap is refused before
 * a byte is read). Requests to one host are serialised, at least the host interval apart, counted from the end of
 * one to the start of the next. robots.txt: 2xx is parsed, 4xx allows everything, 5xx or an unreachable site makes
 * the whole site fail for the run (RFC 9309 says assume complete disallow; we count it as failed, not as robots).
 */
@ApplicationScoped
public class PoliteWeb implements Web {

    private static final long ROBOTS_MAX_BYTES = 512 * 1024;
    private static final int RUNS_REMEMBERED = 4;

    @Inject
    NewsSettings settings;

    private OkHttpClient client;
    private Destinations destinations;
    /** Per host: a lock held for the duration of a request, and when the next request may start. */
    private final Map<String, HostSlot> hosts = new ConcurrentHashMap<>();
    /** Per run, per site (scheme://authority): its robots verdict. */
    private final Map<Long, Map<String, Robots>> robots = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Map<String, Robots>> eldest) {
            return size() > RUNS_REMEMBERED;
        }
    });

    private static final class HostSlot {
        final ReentrantLock lock = new ReentrantLock();
        long nextAt = Long.MIN_VALUE;
    }

    /** robots.txt as learned: its rules, or why the site cannot be crawled this run. */
    private record Robots(RobotsRules rules, Reason refusal, String detail) {
    }

    public PoliteWeb() {
    }

    /** Outside the container (tests). */
    public PoliteWeb(NewsSettings settings) {
        this.settings = settings;
        start();
    }

    /** Outside the container, with names resolved by {@code resolver} (tests: made-up names, rebinding). */
    public PoliteWeb(NewsSettings settings, Destinations.Resolver resolver) {
        this(settings);
        destinations = new Destinations(settings.allowedPrivateTargets(), resolver);
    }

    @PostConstruct
    void start() {
        destinations = new Destinations(settings.allowedPrivateTargets());
        client = new OkHttpClient.Builder()
                .protocols(List.of(Protocol.HTTP_1_1))
                .proxy(Proxy.NO_PROXY) // a proxy would resolve the names itself, past the destination check
                .connectTimeout(settings.connectTimeout())
                .callTimeout(settings.timeout())
                .readTimeout(settings.timeout())
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .build();
    }

    @PreDestroy
    void stop() {
        if (client != null) {
            client.connectionPool().evictAll();
            client.dispatcher().executorService().shutdown();
        }
        client = null;
    }

    @Override
    public Page fetch(long run, URI uri, Expect expect, boolean redirectsToOtherHosts) {
        URI current = uri;
        for (int hop = 0; hop <= settings.maxRedirects(); hop++) {
            requireWeb(current);
            var site = robots(run, current);
            if (site.refusal() != null) {
                throw new Refused(site.refusal(), current, "robots.txt: " + site.detail());
            }
            if (!site.rules().allows(pathAndQuery(current))) {
                throw new Refused(Reason.ROBOTS, current, null);
            }
            var response = exchange(current, settings.maxBytes(), expect);
            int status = response.status();
            if (isRedirect(status) && response.location().isPresent()) {
                URI next = resolve(current, response.location().get());
                if (!redirectsToOtherHosts && !sameHost(current, next)) {
                    throw new Refused(Reason.REDIRECT_ELSEWHERE, current, "redirects to " + next.getHost()
                            + ", another host, which this source does not allow");
                }
                current = next;
                continue;
            }
            if (status < 200 || status >= 300) {
                throw new Refused(Reason.HTTP_ERROR, current, "HTTP " + status);
            }
            if (!acceptable(response.contentType(), expect)) {
                throw new Refused(Reason.UNEXPECTED_TYPE, current, response.contentType());
            }
            return new Page(current, response.contentType(), charset(response.contentType()), response.body());
        }
        throw new Refused(Reason.TOO_MANY_REDIRECTS, uri, "more than " + settings.maxRedirects());
    }

    @Override
    public void endRun(long run) {
        robots.remove(run);
    }

    private Robots robots(long run, URI uri) {
        String site = uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority().toLowerCase(Locale.ROOT);
        var sites = robots.computeIfAbsent(run, r -> new ConcurrentHashMap<>());
        var known = sites.get(site);
        if (known != null) {
            return known;
        }
        var slot = slot(uri);
        slot.lock.lock(); // one robots.txt request per site, even when two threads ask at once
        try {
            known = sites.get(site);
            if (known == null) {
                known = readRobots(URI.create(site + "/robots.txt"));
                sites.put(site, known);
            }
            return known;
        } finally {
            slot.lock.unlock();
        }
    }

    private Robots readRobots(URI robotsTxt) {
        URI current = robotsTxt;
        try {
            for (int hop = 0; hop <= settings.maxRedirects(); hop++) {
                var response = exchange(current, ROBOTS_MAX_BYTES, null);
                int status = response.status();
                if (isRedirect(status) && response.location().isPresent()) {
                    current = resolve(current, response.location().get());
                    requireWeb(current);
                    continue;
                }
                if (status >= 200 && status < 300) {
                    return new Robots(RobotsRules.parse(new String(response.body(), StandardCharsets.UTF_8),
                            NewsSettings.PRODUCT_TOKEN), null, null);
                }
                if (status >= 400 && status < 500) {
                    return new Robots(RobotsRules.ALLOW_ALL, null, null);
                }
                return new Robots(null, Reason.HTTP_ERROR, "HTTP " + status);
            }
            return new Robots(RobotsRules.ALLOW_ALL, null, null); // a redirect loop: RFC 9309 says treat as 404
        } catch (Refused e) {
            // too big: RFC 9309 lets a crawler parse the first 500 KiB; we simply treat the site as unavailable
            return new Robots(null, e.reason() == Reason.UNREACHABLE || e.reason() == Reason.FORBIDDEN_ADDRESS
                    ? e.reason() : Reason.HTTP_ERROR, e.getMessage());
        }
    }

    /** One request, spaced from the previous one to the same host, its body capped. */
    private Exchange exchange(URI uri, long maxBytes, Expect expect) {
        var slot = slot(uri);
        slot.lock.lock();
        try {
            long wait = slot.nextAt - System.nanoTime();
            if (slot.nextAt != Long.MIN_VALUE && wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            try {
                return send(uri, maxBytes, expect);
            } finally {
                slot.nextAt = System.nanoTime() + settings.hostInterval().toNanos();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused(Reason.UNREACHABLE, uri, "interrupted");
        } finally {
            slot.lock.unlock();
        }
    }

    private record Exchange(int status, String contentType, Optional<String> location, byte[] body) {
    }

    private Exchange send(URI uri, long maxBytes, Expect expect) throws InterruptedException {
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        try {
            // an address literal is never looked up by OkHttp: checked here; a name is checked as it is resolved
            destinations.require(uri);
        } catch (Destinations.Forbidden e) {
            throw new Refused(Reason.FORBIDDEN_ADDRESS, uri, e.getMessage());
        } catch (UnknownHostException e) {
            throw new Refused(Reason.UNREACHABLE, uri, e.toString());
        }
        // this request's client resolves the host through the destination check and connects to exactly the
        // addresses that passed it, so a name cannot be rebound between check and connection (the connection pool
        // and the threads are the base client's)
        var checked = client.newBuilder().dns(host -> destinations.resolve(host, port)).build();
        var request = new Request.Builder()
                .url(uri.toString())
                .header("User-Agent", NewsSettings.USER_AGENT)
                .header("Accept", accept(expect))
                .get()
                .build();
        try (Response response = checked.newCall(request).execute()) {
            int status = response.code();
            boolean wanted = status >= 200 && status < 300;
            byte[] body = wanted ? capped(response.body(), maxBytes, uri) : new byte[0];
            return new Exchange(status, Optional.ofNullable(response.header("Content-Type")).orElse(""),
                    Optional.ofNullable(response.header("Location")), body);
        } catch (InterruptedIOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("interrupted");
            }
            // a connect timeout is an unreachable site; the call's deadline or a read timeout a slow one
            if (e instanceof SocketTimeoutException && String.valueOf(e.getMessage()).contains("connect")) {
                throw new Refused(Reason.UNREACHABLE, uri, e.getMessage());
            }
            throw new Refused(Reason.TOO_SLOW, uri, "no complete answer within " + settings.timeout().toMillis() + " ms");
        } catch (IOException e) {
            if (forbidden(e)) {
                throw new Refused(Reason.FORBIDDEN_ADDRESS, uri, e.getMessage());
            }
            throw new Refused(Reason.UNREACHABLE, uri, e.toString());
        } catch (IllegalArgumentException e) {
            throw new Refused(Reason.MALFORMED, uri, e.getMessage());
        }
    }

    /** OkHttp may report a refused route inside another failure: look through the causes and suppressed ones. */
    private static boolean forbidden(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Destinations.Forbidden) {
                return true;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (suppressed instanceof Destinations.Forbidden) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The body up to {@code max} bytes; refused beyond (a declared Content-Length over the cap before a byte is
     * read). Closing the response then drops the connection: nothing more is read.
     */
    private static byte[] capped(ResponseBody body, long max, URI uri) throws IOException {
        if (body == null) {
            return new byte[0];
        }
        long declared = body.contentLength();
        if (declared > max) {
            throw new Refused(Reason.TOO_LARGE, uri, "declares " + declared + " bytes, more than " + max);
        }
        var out = new ByteArrayOutputStream();
        var source = body.source();
        var buffer = new okio.Buffer();
        long size = 0;
        while (true) {
            long read = source.read(buffer, 8192);
            if (read == -1) {
                return out.toByteArray();
            }
            size += read;
            if (size > max) {
                throw new Refused(Reason.TOO_LARGE, uri, "more than " + max + " bytes");
            }
            out.write(buffer.readByteArray());
        }
    }

    private HostSlot slot(URI uri) {
        return hosts.computeIfAbsent(uri.getHost().toLowerCase(Locale.ROOT), h -> new HostSlot());
    }

    private static void requireWeb(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new Refused(Reason.UNREACHABLE, uri, "not an http(s) URL");
        }
    }

    private static URI resolve(URI base, String location) {
        try {
            return base.resolve(location.strip());
        } catch (IllegalArgumentException e) {
            throw new Refused(Reason.MALFORMED, base, "bad redirect " + location);
        }
    }

    /** The same host, whatever the scheme or port (http to https on one host is not another host). */
    private static boolean sameHost(URI a, URI b) {
        return a.getHost() != null && b.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost());
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static String pathAndQuery(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    private static String accept(Expect expect) {
        if (expect == null) {
            return "text/plain, */*;q=0.1";
        }
        return switch (expect) {
            case FEED -> "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9";
            case HTML -> "text/html, application/xhtml+xml;q=0.9";
        };
    }

    /** The declared type must fit what is expected; a page that declares none is given the benefit of the doubt. */
    static boolean acceptable(String contentType, Expect expect) {
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (type.isEmpty()) {
            return true;
        }
        return switch (expect) {
            case FEED -> type.endsWith("/xml") || type.endsWith("+xml");
            case HTML -> type.equals("text/html") || type.equals("application/xhtml+xml");
        };
    }

    private static Optional<Charset> charset(String contentType) {
        for (String parameter : contentType.split(";")) {
            String[] kv = parameter.strip().split("=", 2);
            if (kv.length == 2 && kv[0].strip().equalsIgnoreCase("charset")) {
                try {
                    return Optional.of(Charset.forName(kv[1].strip().replace("\"", "")));
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
