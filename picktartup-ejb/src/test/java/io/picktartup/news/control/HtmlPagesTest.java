package io.picktartup.news.control;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlPagesTest {

    private static final URI LISTING = URI.create("http://127.0.0.1:9/news/index.html");

    @Test
    void listingGivesDistinctSameHostLinksInPageOrderBounded() {
        var html = """
                <html><body><a href="index.html">home</a><a href="a1.html">1</a><a href="a1.html#top">1 again</a>
                <a href="https://elsewhere.example/x">other host</a><a href="mailto:x@y">mail</a>
                <a href="/private/secret.html">2</a><a href="a3.html?utm_source=home">3</a><a href="a4.html">4</a>
                </body></html>""".getBytes(StandardCharsets.UTF_8);
        assertThat(HtmlPages.articleLinks(LISTING, html, Optional.empty(), 3)).extracting(URI::toString).containsExactly(
                "http://127.0.0.1:9/news/a1.html", "http://127.0.0.1:9/private/secret.html", "http://127.0.0.1:9/news/a3.html");
    }

    @Test
    void articleTakesOpenGraphFirstThenTitleTimeAndFirstParagraph() {
        var og = HtmlPages.article(URI.create("http://127.0.0.1:9/news/a1.html?utm_medium=x"), """
                <html><head><meta charset="utf-8"><title>site title</title>
                <meta property="og:title" content="픽업로지스, 새벽배송 확대">
                <meta property="article:published_time" content="2026-11-22T08:00:00+09:00">
                <meta property="og:description" content="픽업로지스가 새벽배송 지역을 넓힌다."></head>
                <body><h1>h1</h1><p>본문 첫 문단은 충분히 길어야 요약으로 쓰입니다.</p></body></html>"""
                .getBytes(StandardCharsets.UTF_8), Optional.empty()).orElseThrow();
        assertThat(og.url()).isEqualTo("http://127.0.0.1:9/news/a1.html");
        assertThat(og.title()).isEqualTo("픽업로지스, 새벽배송 확대");
        assertThat(og.publishedAt()).isEqualTo(Instant.parse("2026-11-21T23:00:00Z"));
        assertThat(og.summary()).isEqualTo("픽업로지스가 새벽배송 지역을 넓힌다.");

        var plain = HtmlPages.article(URI.create("http://127.0.0.1:9/news/a2.html"), """
                <html><head><title>Nuri Health opens Busan office</title></head><body>
                <time datetime="2026-11-23">Nov 23</time><p>short</p>
                <p>Nuri Health, the remote care startup, opened an office in Busan this week.</p></body></html>"""
                .getBytes(StandardCharsets.UTF_8), Optional.empty()).orElseThrow();
        assertThat(plain.title()).isEqualTo("Nuri Health opens Busan office");
        assertThat(plain.publishedAt()).isEqualTo(Instant.parse("2026-11-22T15:00:00Z"));
        assertThat(plain.summary()).startsWith("Nuri Health, the remote care startup");

        assertThat(HtmlPages.article(URI.create("http://127.0.0.1:9/x"), "<p>no title</p>".getBytes(StandardCharsets.UTF_8),
                Optional.empty())).isEmpty();
    }
}
