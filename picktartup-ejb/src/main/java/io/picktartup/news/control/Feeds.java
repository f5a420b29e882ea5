package io.picktartup.news.control;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import io.picktartup.news.entity.ArticleUrl;
import io.picktartup.news.entity.FoundArticle;
import org.jsoup.Jsoup;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * RSS and Atom feeds (every version ROME knows) into candidate articles. Safe against XML attacks: ROME's
 * {@code WireFeedInput} refuses a DOCTYPE (disallow-doctype-decl, since doctypes are not allowed by default), turns
 * off external general and parameter entities and external DTD loading, resolves entities to nothing and does not
 * expand them (checked in {@code FeedsTest} with an XXE feed). The encoding comes from the XML prolog or BOM.
 */
public final class Feeds {

    /** A feed that is not one (not XML, not RSS/Atom). */
    public static class Malformed extends Exception {
        public Malformed(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }

    private Feeds() {
    }

    /** The feed's entries with a usable link and title; entries without one are left out. */
    public static List<FoundArticle> read(URI feedUri, byte[] body) throws Malformed {
        return read(feedUri, body, null);
    }

    /** The same, with the HTTP Content-Type (its charset counts when the XML prolog declares none). */
    public static List<FoundArticle> read(URI feedUri, byte[] body, String contentType) throws Malformed {
        List<SyndEntry> entries;
        try {
            var input = new SyndFeedInput();
            input.setAllowDoctypes(false);
            var xml = contentType == null || contentType.isBlank()
                    ? new XmlReader(new ByteArrayInputStream(body))
                    : new XmlReader(new ByteArrayInputStream(body), contentType, true);
            entries = input.build(xml).getEntries();
        } catch (FeedException | IOException | IllegalArgumentException e) {
            throw new Malformed("not a feed: " + e.getMessage(), e);
        }
        var articles = new ArrayList<FoundArticle>();
        for (SyndEntry entry : entries) {
            String link = entry.getLink();
            if ((link == null || link.isBlank()) && entry.getUri() != null && entry.getUri().startsWith("http")) {
                link = entry.getUri();
            }
            var url = ArticleUrl.normalise(feedUri, link);
            String title = plain(entry.getTitle());
            if (url.isEmpty() || title.isBlank()) {
                continue;
            }
            String description = entry.getDescription() == null ? "" : plain(entry.getDescription().getValue());
            var contents = new StringBuilder();
            for (SyndContent content : entry.getContents()) {
                contents.append(plain(content.getValue())).append('\n');
            }
            String summary = description.isBlank() ? contents.toString() : description;
            Date date = entry.getPublishedDate() != null ? entry.getPublishedDate() : entry.getUpdatedDate();
            articles.add(new FoundArticle(url.get(), title, date == null ? null : date.toInstant(), summary,
                    description + "\n" + contents));
        }
        return articles;
    }

    /** Feed texts are often HTML: the text a reader sees. */
    static String plain(String htmlOrText) {
        if (htmlOrText == null) {
            return "";
        }
        return Jsoup.parse(htmlOrText).text();
    }
}
