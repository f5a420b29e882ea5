package io.picktartup.news.control;

import io.picktartup.news.entity.ArticleUrl;
import io.picktartup.news.entity.FoundArticle;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * HTML sources with jsoup: a listing page gives the article links (same host, in page order, bounded), an article page
 * gives its title (og:title, else &lt;title&gt;, else the first h1), its date (article:published_time, else the first
 * &lt;time datetime&gt;; a date without a time is midnight in Seoul) and a summary (og:description, else the meta
 * description, else the first paragraph with some text).
 */
public final class HtmlPages {

    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

    private HtmlPages() {
    }

    /** Up to {@code max} distinct article links on the listing, on its host, other than the listing itself. */
    public static List<URI> articleLinks(URI listing, byte[] body, Optional<Charset> charset, int max) {
        Document page = parse(listing, body, charset);
        String self = ArticleUrl.normalise(listing).orElse("");
        String host = listing.getHost().toLowerCase(Locale.ROOT);
        var links = new LinkedHashSet<String>();
        for (Element a : page.select("a[href]")) {
            var url = ArticleUrl.normalise(listing, a.attr("href"));
            if (url.isEmpty() || url.get().equals(self)) {
                continue;
            }
            URI uri = URI.create(url.get());
            if (!host.equals(uri.getHost())) {
                continue;
            }
            links.add(url.get());
            if (links.size() >= max) {
                break;
            }
        }
        return links.stream().map(URI::create).toList();
    }

    /** The article on the page, or empty when it has no title (not an article). */
    public static Optional<FoundArticle> article(URI uri, byte[] body, Optional<Charset> charset) {
        Document page = parse(uri, body, charset);
        String title = firstNonBlank(meta(page, "property", "og:title"), page.title(), text(page.selectFirst("h1")));
        if (title.isBlank()) {
            return Optional.empty();
        }
        Instant published = date(firstNonBlank(meta(page, "property", "article:published_time"),
                page.selectFirst("time[datetime]") == null ? "" : page.selectFirst("time[datetime]").attr("datetime")));
        String firstParagraph = "";
        for (Element p : page.select("p")) {
            if (p.text().strip().length() >= 20) {
                firstParagraph = p.text();
                break;
            }
        }
        String summary = firstNonBlank(meta(page, "property", "og:description"), meta(page, "name", "description"),
                firstParagraph);
        String canonical = ArticleUrl.normalise(uri).orElseThrow();
        String bodyText = page.body() == null ? "" : page.body().text();
        return Optional.of(new FoundArticle(canonical, title, published, summary, bodyText));
    }

    private static Document parse(URI uri, byte[] body, Optional<Charset> charset) {
        try {
            // with no declared charset jsoup reads the BOM or <meta charset>, else UTF-8
            return Jsoup.parse(new ByteArrayInputStream(body), charset.map(Charset::name).orElse(null), uri.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String meta(Document page, String attribute, String value) {
        Element meta = page.selectFirst("meta[" + attribute + "=" + value + "]");
        return meta == null ? "" : meta.attr("content");
    }

    private static String text(Element element) {
        return element == null ? "" : element.text();
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return "";
    }

    static Instant date(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(value.strip().substring(0, Math.min(10, value.strip().length())))
                        .atStartOfDay(SEOUL).toInstant();
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }
}
