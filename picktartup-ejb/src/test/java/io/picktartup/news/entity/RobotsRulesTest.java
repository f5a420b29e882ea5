package io.picktartup.news.entity;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RobotsRulesTest {

    @Test
    void theStarGroupAppliesWhenNoGroupNamesUs() {
        var rules = RobotsRules.parse("""
                # fixture
                User-agent: *
                Disallow: /private/
                Allow: /private/press-kit
                Disallow: /*.pdf$

                User-agent: OtherBot
                Disallow: /
                """, "PicktartupBot");
        assertThat(rules.allows("/news/a1.html")).isTrue();
        assertThat(rules.allows("/private/secret.html")).isFalse();
        assertThat(rules.allows("/private/press-kit/2026")).isTrue();
        assertThat(rules.allows("/files/report.pdf")).isFalse();
        assertThat(rules.allows("/files/report.pdf?download=1")).isTrue();
        assertThat(rules.allows("/")).isTrue();
    }

    @Test
    void ourOwnGroupWinsOverTheStarGroupAndMatchesCaseInsensitively() {
        var rules = RobotsRules.parse("""
                User-agent: *
                Disallow: /

                User-agent: picktartupbot
                User-agent: Googlebot
                Disallow: /drafts
                """, "PicktartupBot");
        assertThat(rules.allows("/news")).isTrue();
        assertThat(rules.allows("/drafts/1")).isFalse();
    }

    @Test
    void longestMatchWinsAndAllowWinsATie() {
        var rules = RobotsRules.parse("""
                User-agent: *
                Disallow: /a
                Allow: /a/b
                Disallow: /a/b/c
                Allow: /same
                Disallow: /same
                """, "PicktartupBot");
        assertThat(rules.allows("/a/x")).isFalse();
        assertThat(rules.allows("/a/b/x")).isTrue();
        assertThat(rules.allows("/a/b/c/d")).isFalse();
        assertThat(rules.allows("/same/page")).isTrue();
    }

    @Test
    void emptyDisallowAndNoRobotsAllowEverything() {
        assertThat(RobotsRules.parse("User-agent: *\nDisallow:\n", "PicktartupBot").allows("/anything")).isTrue();
        assertThat(RobotsRules.parse("", "PicktartupBot").allows("/anything")).isTrue();
        assertThat(RobotsRules.ALLOW_ALL.allows("/x")).isTrue();
        assertThat(RobotsRules.parse("User-agent: *\r\nDisallow: /\r\n", "PicktartupBot").allows("/x")).isFalse();
    }
}
