package io.picktartup.platform.boundary;

import io.picktartup.platform.entity.AuditEvent;
import io.picktartup.platform.entity.FieldRule;
import io.picktartup.platform.entity.InvalidInputException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** For admins: the audit trail read back, newest first, filtered by actor, subject (type and id) and time, paged. */
@Stateless
@RolesAllowed("ADMIN")
public class AuditLog {

    /** What to look for; an absent part matches everything. {@code to} is exclusive. */
    public record Filter(Optional<String> actor, Optional<String> subjectType, Optional<String> subjectId,
                         Optional<Instant> from, Optional<Instant> to) {
    }

    @PersistenceContext
    EntityManager em;

    /** One page of {@code size} events (at most 200), newest first; 400 {@code to} when the range ends before it begins. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<AuditEvent> search(Filter filter, int page, int size) {
        if (filter.from().isPresent() && filter.to().isPresent() && !filter.to().get().isAfter(filter.from().get())) {
            throw new InvalidInputException("to", FieldRule.AFTER_START);
        }
        if (page < 0) {
            throw new InvalidInputException("page", FieldRule.ZERO_OR_MORE);
        }
        // only the asked conditions: PostgreSQL cannot type an unbound "? is null"
        var where = new StringBuilder("select e from AuditEvent e where 1 = 1");
        filter.actor().ifPresent(a -> where.append(" and e.actor = :actor"));
        filter.subjectType().ifPresent(t -> where.append(" and e.subjectType = :type"));
        filter.subjectId().ifPresent(i -> where.append(" and e.subjectId = :subject"));
        filter.from().ifPresent(f -> where.append(" and e.occurredAt >= :from"));
        filter.to().ifPresent(t -> where.append(" and e.occurredAt < :to"));
        var query = em.createQuery(where.append(" order by e.occurredAt desc, e.id desc").toString(), AuditEvent.class);
        filter.actor().ifPresent(a -> query.setParameter("actor", a));
        filter.subjectType().ifPresent(t -> query.setParameter("type", t));
        filter.subjectId().ifPresent(i -> query.setParameter("subject", i));
        filter.from().ifPresent(f -> query.setParameter("from", f));
        filter.to().ifPresent(t -> query.setParameter("to", t));
        int max = Math.max(1, Math.min(size, 200));
        return query.setFirstResult(page * max).setMaxResults(max).getResultList();
    }
}
