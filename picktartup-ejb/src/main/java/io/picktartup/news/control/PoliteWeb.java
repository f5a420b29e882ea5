package io.picktartup.news.control;

import io.picktartup.news.entity.RobotsRules;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;

/**
 * The real {@link Web}: {@link HttpClient} over HTTP/1.1, our User-Agent, no automatic redirects (each hop is checked
 * against robots.txt and spaced like any request), a connect timeout and a deadline for the whole exchange, and the
 * body read as a stream that is cut off past the size cap (a declared Content-Length over the cap is refused before
 * a byte is read). Requests to one host are serialised, at least the host interval apart, counted from the end of
 * one to the start of the next. robots.txt: 2xx is parsed, 4xx allows everything, 5xx or an unreachable site makes
 * the whole site fail for the run (RFC 9309 says assume complete disallow; we count it as failed, not as robots).
 */
@ApplicationScoped
public class PoliteWeb implements Web {

    private static final Logger LOG = Logger.getLogger(PoliteWeb.class.getName());
    private static final long ROBOTS_MAX_BYTES = 512 * 1024;
    private static final int RUNS_REMEMBERED = 4;

    @Inject
    NewsSettings settings;

    private HttpClient client;
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

    @PostConstruct
    void start() {
        client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @PreDestroy
    void stop() {
        client = null; // its threads end once idle; Java 17's client has no close()
    }

    @Override
    public Page fetch(long run, URI uri, Expect expect) {
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
                current = resolve(current, response.location().get());
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
            return new Robots(null, e.reason() == Reason.UNREACHABLE ? Reason.UNREACHABLE : Reason.HTTP_ERROR,
                    e.getMessage());
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
        var request = HttpRequest.newBuilder(uri)
                .timeout(settings.timeout())
                .header("User-Agent", NewsSettings.USER_AGENT)
                .header("Accept", accept(expect))
                .GET()
                .build();
        var body = new AtomicReference<CappedBody>();
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request, info -> {
            boolean wanted = info.statusCode() >= 200 && info.statusCode() < 300;
            long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
            var subscriber = new CappedBody(wanted ? maxBytes : 0, declared);
            body.set(subscriber);
            return subscriber;
        });
        try {
            var response = future.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
            return new Exchange(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Location"), response.body());
        } catch (TimeoutException e) {
            abort(future, body.get());
            throw new Refused(Reason.TOO_SLOW, uri, "no complete answer within " + settings.timeout().toMillis() + " ms");
        } catch (ExecutionException e) {
            abort(future, body.get());
            Throwable cause = e.getCause();
            if (cause instanceof TooLarge) {
                throw new Refused(Reason.TOO_LARGE, uri, cause.getMessage());
            }
            if (cause instanceof java.net.http.HttpConnectTimeoutException) {
                throw new Refused(Reason.UNREACHABLE, uri, cause.getMessage());
            }
            if (cause instanceof HttpTimeoutException) {
                throw new Refused(Reason.TOO_SLOW, uri, cause.getMessage());
            }
            if (cause instanceof IOException || cause instanceof SecurityException) {
                throw new Refused(Reason.UNREACHABLE, uri, cause.toString());
            }
            LOG.warning(() -> "Unexpected failure fetching " + uri + ": " + cause);
            throw new Refused(Reason.UNREACHABLE, uri, String.valueOf(cause));
        } catch (InterruptedException e) {
            abort(future, body.get());
            throw e;
        }
    }

    private static void abort(CompletableFuture<?> future, CappedBody body) {
        if (body != null) {
            body.abort();
        }
        future.cancel(true);
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

    /** A response bigger than the cap. */
    static final class TooLarge extends IOException {
        TooLarge(String message) {
            super(message);
        }
    }

    /**
     * Collects the body up to {@code max} bytes and cancels the exchange beyond (the connection is closed, nothing
     * more is read). {@code max} 0: the body is not wanted (an error or a redirect) and is not read at all.
     */
    static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final long max;
        private final long declared;
        private volatile Flow.Subscription subscription;
        private long size;

        CappedBody(long max, long declared) {
            this.max = max;
            this.declared = declared;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (max == 0) {
                s.cancel();
                result.complete(new byte[0]);
            } else if (declared > max) {
                s.cancel();
                result.completeExceptionally(new TooLarge("declares " + declared + " bytes, more than " + max));
            } else {
                s.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer item : items) {
                size += item.remaining();
                if (size > max) {
                    subscription.cancel();
                    result.completeExceptionally(new TooLarge("more than " + max + " bytes"));
                    return;
                }
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                out.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(out.toByteArray());
        }

        void abort() {
            var s = subscription;
            if (s != null) {
                s.cancel();
            }
            result.completeExceptionally(new IOException("aborted"));
        }
    }
}
