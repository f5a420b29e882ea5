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

    /**
     * Appends many entries at one time (e.g. a chain pass's completed orders, a batch of reservations): one call and
     * one JDBC batch of inserts, however many, in their order. Not through {@code em.persist}: the table's identity
     * column makes Hibernate send each persisted row alone and read its key back (one round trip per entry: 500 for
     * a rush of 500 reservations decided in a few transactions). The rows are written at once, in the caller's
     * transaction, like the entries of {@link #record}; no entry's id is needed by the callers.
     */
    public void recordAll(java.util.List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        var now = clock.now();
        var events = new java.util.ArrayList<AuditEvent>(entries.size());
        for (var entry : entries) {
            // the entity's own checks (every required field present) before anything is written
            events.add(new AuditEvent(now, entry.actor(), entry.action(), entry.subjectType(), entry.subjectId(),
                    entry.oldValue(), entry.newValue()));
        }
        em.unwrap(org.hibernate.Session.class).doWork(connection -> {
            try (var insert = connection.prepareStatement("""
                    insert into audit_event (occurred_at, actor, action, subject_type, subject_id, old_value, new_value)
                    values (?, ?, ?, ?, ?, ?, ?)""")) {
                var at = java.time.OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC);
                for (var event : events) {
                    insert.setObject(1, at);
                    insert.setString(2, event.actor());
                    insert.setString(3, event.action());
                    insert.setString(4, event.subjectType());
                    insert.setString(5, event.subjectId());
                    insert.setString(6, event.oldValue());
                    insert.setString(7, event.newValue());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }
}
