package io.picktartup.account.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One login session: every refresh token issued from one login, rotated again and again, belongs to it, and every
 * access token carries its id ({@code sid}). It ends at {@code expiresAt} whatever the rotations, or when revoked
 * (logout, or the reuse of a rotated refresh token, which means a token was stolen); a revoked family is final.
 */
@Entity
@EntityListeners(AccessChanges.class)
@Table(name = "session_family")
public class SessionFamily {

    @Id
    private UUID id;

    @Column(name = "account_id", nullable = false, updatable = false)
    private UUID accountId;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false, updatable = false)
    private Instant expiresAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Column(name = "revoked_reason", length = 50)
    private String revokedReason;

    protected SessionFamily() {
    }

    public SessionFamily(UUID id, UUID accountId, Instant now, Instant expiresAt) {
        this.id = Objects.requireNonNull(id);
        this.accountId = Objects.requireNonNull(accountId);
        this.createdAt = now;
        this.expiresAt = expiresAt;
    }

    public boolean isActive(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }

    /** Ends the session; returns false when it had already ended by revocation (the first reason is kept). */
    public boolean revoke(String reason, Instant now) {
        if (revokedAt != null) {
            return false;
        }
        revokedAt = now;
        revokedReason = reason;
        return true;
    }

    public UUID id() {
        return id;
    }

    public UUID accountId() {
        return accountId;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public String revokedReason() {
        return revokedReason;
    }
}
