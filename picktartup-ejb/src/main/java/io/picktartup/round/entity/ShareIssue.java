package io.picktartup.round.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The share token of one released round, as the platform creates and issues it. Lifecycle: CREATING (the factory's
 * {@code createShareToken} queued) → ISSUING (the token's address and lock-up end read from the chain; issue chunks
 * queued) → ISSUED (the token's issue cursor reached the escrow's investor count). Invariant once ISSUED: the
 * token's total supply is the round's confirmed shares (the token computes each holder's shares from the escrow).
 * The lock-up end is the chain's (creation block + 180 days), never recomputed here.
 */
@Entity
@Table(name = "share_issue")
public class ShareIssue {

    public enum Status { CREATING, ISSUING, ISSUED }

    @Id
    @Column(name = "round_id")
    private UUID roundId;

    @Column(name = "token_address", length = 42)
    private String tokenAddress;

    @Column(name = "lockup_end")
    private Instant lockupEnd;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private Status status;

    @Column(name = "issue_chunks", nullable = false)
    private int issueChunks;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "issued_at")
    private Instant issuedAt;

    protected ShareIssue() {
    }

    public ShareIssue(UUID roundId, Instant now) {
        this.roundId = Objects.requireNonNull(roundId);
        this.status = Status.CREATING;
        this.createdAt = now;
    }

    /** CREATING → ISSUING: the token exists at {@code address}, locked up until {@code lockupEnd}. */
    public void created(String address, Instant lockupEnd) {
        if (status != Status.CREATING) {
            return;
        }
        this.tokenAddress = address;
        this.lockupEnd = lockupEnd;
        this.status = Status.ISSUING;
    }

    /** The number of the next issue chunk (its intent key's suffix). */
    public int nextChunk() {
        return issueChunks++;
    }

    public int issueChunks() {
        return issueChunks;
    }

    public void issued(Instant now) {
        if (status == Status.ISSUING) {
            status = Status.ISSUED;
            issuedAt = now;
        }
    }

    /** Whether shares of this round may move at {@code now} (the chain enforces the same end). */
    public boolean lockedUpAt(Instant now) {
        return lockupEnd == null || now.isBefore(lockupEnd);
    }

    public UUID roundId() {
        return roundId;
    }

    public Optional<String> tokenAddress() {
        return Optional.ofNullable(tokenAddress);
    }

    public Optional<Instant> lockupEnd() {
        return Optional.ofNullable(lockupEnd);
    }

    public Status status() {
        return status;
    }

    public Optional<Instant> issuedAt() {
        return Optional.ofNullable(issuedAt);
    }
}
