package io.picktartup.news.control;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeedsTest {

    private static final URI FEED = URI.create("http://127.0.0.1:9/feeds/startups.rss");

    @Test
    void rssItemsBecomeArticlesWithPlainSummariesAndCanonicalLinks() throws Exception {
        var articles = Feeds.read(FEED, """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>T</title><link>http://127.0.0.1:9/</link><description>d</description>
                <item><title>픽업로지스, 시리즈A 50억 유치</title>
                  <link>/articles/pickup-series-a?utm_source=rss</link>
                  <description><![CDATA[<p>물류 스타트업 <b>픽업로지스</b>가 투자를 유치했다.</p>]]></description>
                  <pubDate>Fri, 20 Nov 2026 09:00:00 +0900</pubDate></item>
                <item><title></title><link>http://127.0.0.1:9/untitled</link></item>
                <item><title>No link</title></item>
                </channel></rss>""".getBytes(StandardCharsets.UTF_8));
        assertThat(articles).hasSize(1);
        var a = articles.get(0);
        assertThat(a.url()).isEqualTo("http://127.0.0.1:9/articles/pickup-series-a");
        assertThat(a.summary()).isEqualTo("물류 스타트업 픽업로지스가 투자를 유치했다.");
        assertThat(a.publishedAt()).isEqualTo(Instant.parse("2026-11-20T00:00:00Z"));
    }

    @Test
    void atomEntriesAreReadToo() throws Exception {
        var articles = Feeds.read(FEED, """
                <?xml version="1.0" encoding="utf-8"?>
                <feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><id>urn:x</id><updated>2026-11-21T00:00:00Z</updated>
                <entry><title>NuriCare app passes 100,000 users</title><id>urn:1</id>
                  <link href="http://127.0.0.1:9/articles/nuri-users"/>
                  <updated>2026-11-21T03:00:00Z</updated><summary>Nuri Health's app grows.</summary></entry>
                </feed>""".getBytes(StandardCharsets.UTF_8));
        assertThat(articles).singleElement().satisfies(a -> {
            assertThat(a.title()).isEqualTo("NuriCare app passes 100,000 users");
            assertThat(a.publishedAt()).isEqualTo(Instant.parse("2026-11-21T03:00:00Z"));
        });
    }

    @Test
    void externalEntitiesAreNeverResolved() throws Exception {
        Path secret = Files.createTempFile("secret", ".txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE rss [<!ENTITY xxe SYSTEM "%s">]>
                <rss version="2.0"><channel><title>&xxe;</title><link>http://x/</link><description>d</description>
                <item><title>leak &xxe;</title><link>http://127.0.0.1:9/a</link></item></channel></rss>"""
                .formatted(secret.toUri());
        try {
            var articles = Feeds.read(FEED, xxe.getBytes(StandardCharsets.UTF_8));
            // if a parser ever accepts the doctype, the entity must still stay unexpanded
            assertThat(articles.toString()).doesNotContain("TOP-SECRET-CONTENT");
        } catch (Feeds.Malformed refused) {
            assertThat(refused.getMessage()).doesNotContain("TOP-SECRET-CONTENT");
        }
        assertThatThrownBy(() -> Feeds.read(FEED, xxe.getBytes(StandardCharsets.UTF_8)))
                .as("ROME refuses doctypes by default").isInstanceOf(Feeds.Malformed.class);
    }

    @Test
    void theHttpCharsetCountsWhenTheFeedDeclaresNone() throws Exception {
        byte[] eucKr = """
                <?xml version="1.0"?>
                <rss version="2.0"><channel><title>T</title><link>http://x/</link><description>d</description>
                <item><title>누리헬스, 원격진료 협약 체결</title><link>http://127.0.0.1:9/kr</link></item></channel></rss>"""
                .getBytes(java.nio.charset.Charset.forName("EUC-KR"));
        assertThat(Feeds.read(FEED, eucKr, "application/rss+xml; charset=EUC-KR"))
                .singleElement().satisfies(a -> assertThat(a.title()).isEqualTo("누리헬스, 원격진료 협약 체결"));
    }

    @Test
    void garbageIsMalformed() {
        assertThatThrownBy(() -> Feeds.read(FEED, "<rss><channel><item><title>unclosed".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(Feeds.Malformed.class);
        assertThatThrownBy(() -> Feeds.read(FEED, "<html><body>not a feed</body></html>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(Feeds.Malformed.class);
    }
}
