package io.picktartup.news.boundary;

import io.picktartup.news.entity.NewsSource;
import io.picktartup.news.entity.NewsSourceTakenException;
import io.picktartup.platform.control.AuditTrail;
import io.picktartup.platform.control.Clock;
import io.picktartup.platform.entity.Caller;
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

    public List<NewsSource> list() {
        return em.createQuery("select s from NewsSource s order by s.createdAt, s.name", NewsSource.class)
                .getResultList();
    }

    /** Adds a source; refuses bad fields (each named) and a URL already configured. */
    public NewsSource add(String url, String kind, String name, Boolean enabled) {
        var source = NewsSource.configure(url, kind, name, enabled, actor(), clock.now());
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
