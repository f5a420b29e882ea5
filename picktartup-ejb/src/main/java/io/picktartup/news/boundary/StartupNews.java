package io.picktartup.news.boundary;

import io.picktartup.platform.entity.FieldRule;
import io.picktartup.news.entity.NewsArticle;
import io.picktartup.platform.entity.InvalidInputException;
import io.picktartup.platform.entity.NotFoundException;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A startup's news, newest first (an undated article counts from when it was fetched); readable by anyone. */
@Stateless
@PermitAll
public class StartupNews {

    public static final int MAX_PAGE_SIZE = 100;

    /** One page of a startup's news and how many articles there are in all. */
    public record Page(List<NewsArticle> articles, int page, int size, long total) {
    }

    @PersistenceContext
    EntityManager em;

    public Page page(UUID startupId, int page, int size) {
        var problems = new ArrayList<InvalidInputException.Violation>();
        if (page < 0) {
            problems.add(InvalidInputException.Violation.of("page", FieldRule.ZERO_OR_MORE));
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            problems.add(InvalidInputException.Violation.of("size", FieldRule.BETWEEN, 1, MAX_PAGE_SIZE));
        }
        InvalidInputException.refuseIfAny(problems);
        if (em.createNativeQuery("select 1 from startup where id = ?1").setParameter(1, startupId)
                .getResultList().isEmpty()) {
            throw new NotFoundException("Startup", startupId);
        }
        long total = em.createQuery("select count(a) from NewsArticle a where a.startupId = :startup", Long.class)
                .setParameter("startup", startupId).getSingleResult();
        var articles = em.createQuery("select a from NewsArticle a where a.startupId = :startup "
                        + "order by coalesce(a.publishedAt, a.fetchedAt) desc, a.id", NewsArticle.class)
                .setParameter("startup", startupId)
                .setFirstResult((int) Math.min((long) page * size, Integer.MAX_VALUE))
                .setMaxResults(size)
                .getResultList();
        return new Page(articles, page, size, total);
    }
}
