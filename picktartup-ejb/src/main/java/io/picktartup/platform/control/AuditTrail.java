package io.picktartup.platform.control;

import io.picktartup.platform.entity.AuditEvent;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Appends to the audit trail inside the caller's transaction. */
@Dependent
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
}
