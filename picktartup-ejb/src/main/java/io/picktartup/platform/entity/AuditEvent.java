package io.picktartup.platform.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;

/**
 * One immutable line of the audit trail. Never updated or deleted by the application (the table has no UPDATE
 * path in the code); written in the same transaction as the change it records.
 */
@Entity
@Table(name = "audit_event")
public class AuditEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private Instant occurredAt;

    /** Who: an account id, {@code system}, or {@code anonymous}. */
    @Column(nullable = false, updatable = false, length = 100)
    private String actor;

    /** What happened, a dotted verb such as {@code waitlist.joined}. */
    @Column(nullable = false, updatable = false, length = 100)
    private String action;

    @Column(name = "subject_type", nullable = false, updatable = false, length = 50)
    private String subjectType;

    @Column(name = "subject_id", nullable = false, updatable = false, length = 100)
    private String subjectId;

    @Column(name = "old_value", updatable = false, length = 4000)
    private String oldValue;

    @Column(name = "new_value", updatable = false, length = 4000)
    private String newValue;

    protected AuditEvent() {
    }

    public AuditEvent(Instant occurredAt, String actor, String action, String subjectType, String subjectId,
                      String oldValue, String newValue) {
        this.occurredAt = Objects.requireNonNull(occurredAt);
        this.actor = Objects.requireNonNull(actor);
        this.action = Objects.requireNonNull(action);
        this.subjectType = Objects.requireNonNull(subjectType);
        this.subjectId = Objects.requireNonNull(subjectId);
        this.oldValue = oldValue;
        this.newValue = newValue;
    }

    public Long id() {
        return id;
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    public String actor() {
        return actor;
    }

    public String action() {
        return action;
    }

    public String subjectType() {
        return subjectType;
    }

    public String subjectId() {
        return subjectId;
    }

    public String oldValue() {
        return oldValue;
    }

    public String newValue() {
        return newValue;
    }
}
