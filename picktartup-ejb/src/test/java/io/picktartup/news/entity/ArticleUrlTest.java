package io.picktartup.news.entity;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

class ArticleUrlTest {

    @Test
    void trackingParametersFragmentCaseDefaultPortAndTrailingSlashDoNotMakeAnotherArticle() {
        String canonical = "https://news.example.com/articles/pickup-series-a";
        assertThat(ArticleUrl.normalise("HTTPS://News.Example.COM:443/articles/pickup-series-a/?utm_source=rss&utm_medium=feed#comments"))
                .hasValue(canonical);
        assertThat(ArticleUrl.normalise("https://news.example.com/articles/pickup-series-a?fbclid=IwAR0abc&gclid=x"))
                .hasValue(canonical);
        assertThat(ArticleUrl.normalise("https://news.example.com/articles/./x/../pickup-series-a")).hasValue(canonical);
    }

    @Test
    void meaningfulParametersStayAndAreSorted() {
        assertThat(ArticleUrl.normalise("http://example.com/view?page=2&id=7&utm_campaign=x"))
                .hasValue("http://example.com/view?id=7&page=2");
        assertThat(ArticleUrl.normalise("http://example.com:8080")).hasValue("http://example.com:8080/");
        assertThat(ArticleUrl.normalise("http://[::1]:8080/a/")).hasValue("http://[::1]:8080/a");
    }

    @Test
    void relativeLinksResolveAgainstTheirPage() {
        assertThat(ArticleUrl.normalise(URI.create("http://127.0.0.1:8123/news/index.html"), "a1.html"))
                .hasValue("http://127.0.0.1:8123/news/a1.html");
        assertThat(ArticleUrl.normalise(URI.create("http://127.0.0.1:8123/news/index.html"), "/private/x.html"))
                .hasValue("http://127.0.0.1:8123/private/x.html");
    }

    @Test
    void onlyWebAddressesAreArticles() {
        assertThat(ArticleUrl.normalise("mailto:press@example.com")).isEmpty();
        assertThat(ArticleUrl.normalise("javascript:alert(1)")).isEmpty();
        assertThat(ArticleUrl.normalise("ftp://example.com/file")).isEmpty();
        assertThat(ArticleUrl.normalise("/relative/without/base")).isEmpty();
        assertThat(ArticleUrl.normalise("http://user:secret@example.com/")).isEmpty();
        assertThat(ArticleUrl.isWebAddress("https://example.com/feed.xml")).isTrue();
        assertThat(ArticleUrl.isWebAddress("file:///etc/passwd")).isFalse();
        assertThat(ArticleUrl.isWebAddress("example.com/feed")).isFalse();
    }
}
