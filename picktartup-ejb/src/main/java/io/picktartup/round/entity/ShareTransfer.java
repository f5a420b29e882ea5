package io.picktartup.round.entity;

import io.picktartup.chain.entity.IntentKey;
import io.picktartup.chain.entity.IntentKind;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A holder's transfer of shares, signed with their wallet key and carried by the relayer ({@code transferBySig}):
 * PENDING until its intent is final, then CONFIRMED or FAILED (with the chain's reason). The signature's nonce is
 * the token's, so the same signed transfer can never move shares twice.
 */
@Entity
@Table(name = "share_transfer")
public class ShareTransfer {

    public enum Status { PENDING, CONFIRMED, FAILED }

    @Id
    private UUID id;

    @Column(name = "round_id", nullable = false, updatable = false)
    private UUID roundId;

    @Column(name = "account_id", nullable = false, updatable = false)
    private UUID accountId;

    @Column(name = "from_address", nullable = false, updatable = false, length = 42)
    private String fromAddress;

    @Column(name = "to_address", nullable = false, updatable = false, length = 42)
    private String toAddress;

    @Column(nullable = false, updatable = false)
    private long shares;

    @Column(nullable = false, updatable = false)
    private long nonce;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private Status status;

    @Column(length = 500)
    private String failure;

    @Column(name = "tx_hash", length = 66)
    private String txHash;

    @Column(name = "request_key", length = 100, updatable = false)
    private String requestKey;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "settled_at")
    private Instant settledAt;

    protected ShareTransfer() {
    }

    public ShareTransfer(UUID roundId, UUID accountId, String from, String to, long shares, long nonce, Instant now) {
        this.id = UUID.randomUUID();
        this.roundId = roundId;
        this.accountId = accountId;
        this.fromAddress = from;
        this.toAddress = to;
        this.shares = shares;
        this.nonce = nonce;
        this.status = Status.PENDING;
        this.createdAt = now;
    }

    /** The token nonce its signature carries (set once, before the row is stored). */
    public ShareTransfer signed(long nonce) {
        this.nonce = nonce;
        return this;
    }

    /** Tags this transfer with the client's idempotency key (blank means none). */
    public void requestedAs(String key) {
        if (key != null && !key.isBlank()) {
            this.requestKey = key;
        }
    }

    public IntentKey intent() {
        return IntentKey.of(IntentKind.SHARE_TRANSFER, id);
    }

    public void settled(boolean confirmed, String txHash, String failure, Instant now) {
        if (status != Status.PENDING) {
            return;
        }
        this.status = confirmed ? Status.CONFIRMED : Status.FAILED;
        this.txHash = txHash;
        this.failure = failure == null ? null : failure.substring(0, Math.min(500, failure.length()));
        this.settledAt = now;
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

    public String fromAddress() {
        return fromAddress;
    }

    public String toAddress() {
        return toAddress;
    }

    public long shares() {
        return shares;
    }

    public Status status() {
        return status;
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
}
