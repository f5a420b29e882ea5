package io.picktartup.news.boundary;

import io.picktartup.news.entity.NewsArticle;
import io.picktartup.platform.entity.NotFoundException;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

/** The news section of a startup's page: its newest articles as the nightly crawl found them, with their source. */
@Named
@RequestScoped
public class NewsSection {

    static final int SHOWN = 10;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneId.of("Asia/Seoul"));

    @EJB
    StartupNews news;

    private UUID startupId;
    private StartupNews.Page page;

    /** The startup's newest articles, read once per request. */
    public StartupNews.Page of(UUID startup) {
        if (page == null || !startup.equals(startupId)) {
            startupId = startup;
            try {
                page = news.page(startup, 0, SHOWN);
            } catch (NotFoundException e) {
                page = new StartupNews.Page(List.of(), 0, SHOWN, 0);
            } catch (EJBException e) {
                if (!(e.getCause() instanceof NotFoundException)) {
                    throw e;
                }
                page = new StartupNews.Page(List.of(), 0, SHOWN, 0);
            }
        }
        return page;
    }

    /** The article's link if it is a web address; a crawled page could carry a {@code javascript:} one. */
    public String link(NewsArticle article) {
        String url = article.url() == null ? "" : article.url().strip();
        String lower = url.toLowerCase(java.util.Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://") ? url : "#";
    }

    /** The day it was published, or fetched when the source gave no date. */
    public String day(NewsArticle article) {
        Instant when = article.publishedAt() != null ? article.publishedAt() : article.fetchedAt();
        return when == null ? "" : DAY.format(when);
    }
}
