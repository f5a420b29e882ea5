package io.picktartup.news.entity;

import java.io.Serializable;
import java.time.Instant;

/**
 * An article as the crawl found it, before matching: its canonical URL, title, date (may be null), a short plain-text
 * summary, and the text searched for startup names (title, summary and, for a page, its body; capped).
 */
public record FoundArticle(String url, String title, Instant publishedAt, String summary, String text)
        implements Serializable {

    public static final int TITLE_MAX = 500;
    public static final int SUMMARY_MAX = 500;
    public static final int TEXT_MAX = 20_000;

    public FoundArticle {
        title = shorten(collapse(title), TITLE_MAX);
        summary = shorten(collapse(summary), SUMMARY_MAX);
        text = text == null ? "" : (text.length() > TEXT_MAX ? text.substring(0, TEXT_MAX) : text);
    }

    /** The text to search for names: the title first, so a name in the title is never cut off. */
    public String searchable() {
        return title + "\n" + summary + "\n" + text;
    }

    public Headline headline() {
        return Headline.of(title);
    }

    static String collapse(String s) {
        return s == null ? "" : s.replaceAll("[\\s\\u00a0]+", " ").strip();
    }

    /** At most {@code max} characters, cut at a word boundary when one is near, with an ellipsis. */
    static String shorten(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int cut = max - 1;
        if (Character.isLowSurrogate(s.charAt(cut))) {
            cut--;
        }
        int space = s.lastIndexOf(' ', cut);
        if (space > max * 3 / 4) {
            cut = space;
        }
        return s.substring(0, cut).strip() + "…";
    }
}
