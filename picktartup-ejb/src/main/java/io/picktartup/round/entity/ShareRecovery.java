package io.picktartup.round.entity;

import io.picktartup.chain.entity.IntentKey;
import io.picktartup.chain.entity.IntentKind;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A lost wallet's holding of one round's share token moving to the account's new wallet, with two approvals by two
 * people and two keys. Lifecycle: ASKED (the investor got a new wallet) → REQUESTING (admin A queued
 * {@code requestRecovery}, signed by the first agent key) → REQUESTED (final on chain) → APPROVING (admin B, never
 * the requester, queued {@code approveRecovery}, signed by the second agent key) → RECOVERED. A failed intent goes
 * back one step with its reason; ASKED and REQUESTED may be CANCELLED. Each queued step has its own intent key
 * ({@code <kind>:<id>:<step>}), so a step repeated after a failure is a new chain call, a repeated click the same.
 */
@Entity
@Table(name = "share_recovery")
public class ShareRecovery {

    public enum Status { ASKED, REQUESTING, REQUESTED, APPROVING, RECOVERED, CANCELLED }

    @Id
    private UUID id;

    @Column(name = "round_id", nullable = false, updatable = false)
    private UUID roundId;

    @Column(name = "account_id", nullable = false, updatable = false)
    private UUID accountId;

    @Column(name = "token_address", nullable = false, updatable = false, length = 42)
    private String tokenAddress;

    @Column(name = "lost_address", nullable = false, updatable = false, length = 42)
    private String lostAddress;

    @Column(name = "new_address", nullable = false, updatable = false, length = 42)
    private String newAddress;

    @Column(nullable = false)
    private long shares;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private Status status;

    @Column(nullable = false)
    private int step;

    @Column(name = "requested_by", length = 100)
    private String requestedBy;

    @Column(name = "requested_at")
    private Instant requestedAt;

    @Column(name = "approved_by", length = 100)
    private String approvedBy;

    @Column(name = "approved_at")
    private Instant approvedAt;

    @Column(name = "cancelled_by", length = 100)
    private String cancelledBy;

    @Column(length = 500)
    private String failure;

    @Column(name = "tx_hash", length = 66)
    private String txHash;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected ShareRecovery() {
    }

    public ShareRecovery(UUID roundId, UUID accountId, String tokenAddress, String lostAddress, String newAddress,
                         long shares, Instant now) {
        this.id = UUID.randomUUID();
        this.roundId = Objects.requireNonNull(roundId);
        this.accountId = Objects.requireNonNull(accountId);
        this.tokenAddress = Objects.requireNonNull(tokenAddress);
        this.lostAddress = Objects.requireNonNull(lostAddress);
        this.newAddress = Objects.requireNonNull(newAddress);
        this.shares = shares;
        this.status = Status.ASKED;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** The first approval, by {@code admin}: returns the intent that asks the first agent key to sign it. */
    public IntentKey request(String admin, Instant now) {
        expect(Status.ASKED, "requested");
        this.status = Status.REQUESTING;
        this.requestedBy = Objects.requireNonNull(admin);
        this.requestedAt = now;
        this.failure = null;
        this.updatedAt = now;
        return IntentKey.of(IntentKind.RECOVERY_REQUEST, id, ++step);
    }

    /**
     * The second approval: only once the request is final on chain, and never by its requester (four eyes; the chain
     * checks the two keys differ, the platform that the two people do).
     */
    public IntentKey approve(String admin, Instant now) {
        expect(Status.REQUESTED, "approved");
        if (admin.equals(requestedBy)) {
            throw new ShareRecoveryRefusedException("shares.recovery-same-admin", 409,
                    "The admin who requested this recovery cannot approve it: another admin must.",
                    Map.of("field", "approvedBy", "requestedBy", requestedBy));
        }
        this.status = Status.APPROVING;
        this.approvedBy = admin;
        this.approvedAt = now;
        this.failure = null;
        this.updatedAt = now;
        return IntentKey.of(IntentKind.RECOVERY_APPROVE, id, ++step);
    }

    /**
     * Withdraws the recovery; returns the intent that withdraws the on-chain request when there is one (REQUESTED),
     * none when it was only asked.
     */
    public Optional<IntentKey> cancel(String admin, Instant now) {
        if (status != Status.ASKED && status != Status.REQUESTED) {
            throw new ShareRecoveryRefusedException("shares.recovery-state", 409,
                    "This recovery is " + status + " and cannot be cancelled now.",
                    Map.of("field", "id", "status", status.name()));
        }
        boolean onChain = status == Status.REQUESTED;
        this.status = Status.CANCELLED;
        this.cancelledBy = admin;
        this.updatedAt = now;
        return onChain ? Optional.of(IntentKey.of(IntentKind.RECOVERY_CANCEL, id, ++step)) : Optional.empty();
    }

    /** A queued step reached its end on chain: forward when confirmed, one step back with the reason when not. */
    public void settled(IntentKind kind, boolean confirmed, String txHash, String failure, Instant now) {
        if (kind == IntentKind.RECOVERY_REQUEST && status == Status.REQUESTING) {
            this.status = confirmed ? Status.REQUESTED : Status.ASKED;
        } else if (kind == IntentKind.RECOVERY_APPROVE && status == Status.APPROVING) {
            this.status = confirmed ? Status.RECOVERED : Status.REQUESTED;
        } else {
            return;
        }
        if (!confirmed && kind == IntentKind.RECOVERY_REQUEST) {
            this.requestedBy = null;
            this.requestedAt = null;
        }
        if (!confirmed && kind == IntentKind.RECOVERY_APPROVE) {
            this.approvedBy = null;
            this.approvedAt = null;
        }
        this.txHash = txHash;
        this.failure = confirmed || failure == null ? null : failure.substring(0, Math.min(500, failure.length()));
        this.updatedAt = now;
    }

    /** The holding the lost wallet had when the recovery was asked (the chain moves its whole balance). */
    public void holding(long shares) {
        this.shares = shares;
    }

    public boolean open() {
        return status != Status.RECOVERED && status != Status.CANCELLED;
    }

    private void expect(Status expected, String action) {
        if (status != expected) {
            throw new ShareRecoveryRefusedException("shares.recovery-state", 409,
                    "This recovery is " + status + " and cannot be " + action + " now.",
                    Map.of("field", "id", "status", status.name()));
        }
    }

    public UUID id() {
        return id;
    }

    public UUID roundId() {
        return roundId;
    }

    public UUID accountId() {
        return accountId;
    }

    public String tokenAddress() {
        return tokenAddress;
    }

    public String lostAddress() {
        return lostAddress;
    }

    public String newAddress() {
        return newAddress;
    }

    public long shares() {
        return shares;
    }

    public Status status() {
        return status;
    }

    public Optional<String> requestedBy() {
        return Optional.ofNullable(requestedBy);
    }

    public Optional<String> approvedBy() {
        return Optional.ofNullable(approvedBy);
    }

    public Optional<String> cancelledBy() {
        return Optional.ofNullable(cancelledBy);
    }

    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    public Optional<String> txHash() {
        return Optional.ofNullable(txHash);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
