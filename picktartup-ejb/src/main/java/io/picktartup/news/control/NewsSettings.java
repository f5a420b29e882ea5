package io.picktartup.news.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The news crawl's politeness and limits (MicroProfile Config; see README, News). */
@ApplicationScoped
public class NewsSettings {

    /** Sent with every request; names the crawler and where site owners read about it. */
    public static final String USER_AGENT = "PicktartupBot/1.0 (+https://picktartup.io/bot)";
    /** The product token robots.txt groups are matched against. */
    public static final String PRODUCT_TOKEN = "PicktartupBot";

    @Inject
    @ConfigProperty(name = "picktartup.news.connect-timeout-ms", defaultValue = "5000")
    long connectTimeoutMs;

    @Inject
    @ConfigProperty(name = "picktartup.news.timeout-ms", defaultValue = "15000")
    long timeoutMs;

    @Inject
    @ConfigProperty(name = "picktartup.news.max-bytes", defaultValue = "2097152")
    long maxBytes;

    @Inject
    @ConfigProperty(name = "picktartup.news.host-interval-ms", defaultValue = "1000")
    long hostIntervalMs;

    @Inject
    @ConfigProperty(name = "picktartup.news.max-articles-per-page", defaultValue = "20")
    int maxArticlesPerPage;

    @Inject
    @ConfigProperty(name = "picktartup.news.max-redirects", defaultValue = "5")
    int maxRedirects;

    /**
     * {@code address:port} pairs ({@code 127.0.0.1:8081}, {@code [::1]:8081}) the crawl may reach although they are
     * not public: none in production; a test platform lists its fixture sites.
     */
    @Inject
    @ConfigProperty(name = "picktartup.news.allowed-private-targets")
    Optional<String> allowedPrivateTargets; // comma-separated (Payara's producer takes no Optional<List>)

    public NewsSettings() {
    }

    /** Settings outside the container (tests). */
    public NewsSettings(long connectTimeoutMs, long timeoutMs, long maxBytes, long hostIntervalMs,
                        int maxArticlesPerPage, int maxRedirects, List<String> allowedPrivateTargets) {
        this(connectTimeoutMs, timeoutMs, maxBytes, hostIntervalMs, maxArticlesPerPage, maxRedirects);
        this.allowedPrivateTargets = Optional.of(String.join(",", allowedPrivateTargets));
    }

    /** Settings outside the container (tests), public addresses only. */
    public NewsSettings(long connectTimeoutMs, long timeoutMs, long maxBytes, long hostIntervalMs,
                        int maxArticlesPerPage, int maxRedirects) {
        this.allowedPrivateTargets = Optional.empty();
        this.connectTimeoutMs = connectTimeoutMs;
        this.timeoutMs = timeoutMs;
        this.maxBytes = maxBytes;
        this.hostIntervalMs = hostIntervalMs;
        this.maxArticlesPerPage = maxArticlesPerPage;
        this.maxRedirects = maxRedirects;
    }

    public Duration connectTimeout() {
        return Duration.ofMillis(connectTimeoutMs);
    }

    /** The whole exchange, headers and body: a page that trickles is as slow as one that never answers. */
    public Duration timeout() {
        return Duration.ofMillis(timeoutMs);
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** The least time between the end of one request to a host and the start of the next. */
    public Duration hostInterval() {
        return Duration.ofMillis(hostIntervalMs);
    }

    /** Article links followed from one HTML listing page. */
    public int maxArticlesPerPage() {
        return maxArticlesPerPage;
    }

    public int maxRedirects() {
        return maxRedirects;
    }

    public List<String> allowedPrivateTargets() {
        return allowedPrivateTargets == null ? List.of() : allowedPrivateTargets.map(targets -> List.of(targets.split(",")))
                .orElse(List.of()).stream().map(String::trim).filter(target -> !target.isEmpty()).toList();
    }
}
