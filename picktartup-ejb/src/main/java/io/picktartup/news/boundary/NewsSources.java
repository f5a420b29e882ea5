package io.picktartup.news.boundary;

import io.picktartup.platform.entity.FieldRule;
import io.picktartup.news.control.Destinations;
import io.picktartup.news.control.NewsSettings;
import io.picktartup.news.entity.NewsSource;
import io.picktartup.news.entity.NewsSourceTakenException;
import io.picktartup.platform.control.AuditTrail;
import io.picktartup.platform.control.Clock;
import io.picktartup.platform.entity.Caller;
import io.picktartup.platform.entity.InvalidInputException;
import io.picktartup.platform.entity.NotFoundException;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.List;
import java.util.UUID;

/** The sources the news crawl reads, configured by admins; every change is audited. */
@Stateless
@RolesAllowed("ADMIN")
public class NewsSources {

    @PersistenceContext
    EntityManager em;

    @Resource
    SessionContext context;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    @Inject
    NewsSettings settings;

    public List<NewsSource> list() {
        return em.createQuery("select s from NewsSource s order by s.createdAt, s.name", NewsSource.class)
                .getResultList();
    }

    /** Adds a source; refuses bad fields (each named) and a URL already configured. */
    public NewsSource add(String url, String kind, String name, Boolean enabled) {
        return add(url, kind, name, enabled, false);
    }

    /**
     * Adds a source; refuses bad fields (each named), a URL already configured, and a URL whose host is not a public
     * address (loopback, private, link-local, metadata: checked again at every fetch and redirect).
     */
    public NewsSource add(String url, String kind, String name, Boolean enabled, boolean redirectsToOtherHosts) {
        var source = NewsSource.configure(url, kind, name, enabled, redirectsToOtherHosts, actor(), clock.now());
        try {
            new Destinations(settings.allowedPrivateTargets()).require(java.net.URI.create(source.url()));
        } catch (Destinations.Forbidden e) {
            throw new InvalidInputException("url", FieldRule.PUBLIC_ADDRESS, e.getMessage());
        } catch (java.net.UnknownHostException | IllegalArgumentException e) {
            // a name that does not resolve today may tomorrow: the crawl counts it as unreachable then
        }
        boolean taken = !em.createQuery("select s.id from NewsSource s where s.url = :url")
                .setParameter("url", source.url()).getResultList().isEmpty();
        if (taken) {
            throw new NewsSourceTakenException(source.url());
        }
        em.persist(source);
        audit.record(actor(), "news.source-added", "news_source", source.id().toString(), null, source.describe());
        return source;
    }

    /** Removes a source; the articles found through it stay (they carry the source's name). */
    public void remove(UUID id) {
        var source = em.find(NewsSource.class, id);
        if (source == null) {
            throw new NotFoundException("News source", id);
        }
        em.remove(source);
        audit.record(actor(), "news.source-removed", "news_source", id.toString(), source.describe(), null);
    }

    private String actor() {
        return Caller.actor(context.getCallerPrincipal());
    }
}
