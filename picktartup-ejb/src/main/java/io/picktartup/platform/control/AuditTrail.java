package io.picktartup.platform.control;

import io.picktartup.platform.entity.AuditEvent;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Appends to the audit trail inside the caller's transaction. A stateless EJB rather than a CDI control, because
 * the batch and web modules of the EAR use it too: there, a CDI bean's persistence context would be looked up in
 * the calling module, which has no persistence unit ("Unable to retrieve EntityManagerFactory for unitName null").
 */
@Stateless
public class AuditTrail {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    public AuditEvent record(String actor, String action, String subjectType, String subjectId,
                             String oldValue, String newValue) {
        var event = new AuditEvent(clock.now(), actor, action, subjectType, subjectId, oldValue, newValue);
        em.persist(event);
        return event;
    }

    /** One entry of {@link #recordAll}. */
    public record Entry(String actor, String action, String subjectType, String subjectId, String oldValue,
                        String newValue) {
    }

    /** Appends many entries at one time (e.g. a chain pass's completed orders): one call, however many. */
    public void recordAll(java.util.List<Entry> entries) {
        var now = clock.now();
        for (var entry : entries) {
            em.persist(new AuditEvent(now, entry.actor(), entry.action(), entry.subjectType(), entry.subjectId(),
                    entry.oldValue(), entry.newValue()));
        }
    }
}
