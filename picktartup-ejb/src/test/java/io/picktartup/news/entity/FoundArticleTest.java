package io.picktartup.news.entity;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FoundArticleTest {

    @Test
    void summaryIsShortPlainAndCollapsed() {
        String longText = "word ".repeat(300);
        var article = new FoundArticle("https://x.test/a", "  A\n title  ", null, longText, longText);
        assertThat(article.title()).isEqualTo("A title");
        assertThat(article.summary().length()).isLessThanOrEqualTo(FoundArticle.SUMMARY_MAX);
        assertThat(article.summary()).endsWith("…").doesNotContain("  ");
    }
}
