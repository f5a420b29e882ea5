package io.picktartup.wallet.entity;

import io.picktartup.chain.entity.IntentKey;
import io.picktartup.chain.entity.IntentKind;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * PKN sent from a user's wallet. PENDING while its transfer (with the owner's permit) goes through the chain outbox, then
 * CONFIRMED (final on chain) or FAILED (with the reason). One PENDING transfer per wallet at a time: its permit
 * takes the wallet's next token nonce.
 */
@Entity
@Table(name = "wallet_transfer")
public class WalletTransfer {

    /** Where a transfer stands. */
    public enum Status { PENDING, CONFIRMED, FAILED }

    @Id
    private UUID id;

    @Column(name = "account_id", nullable = false, updatable = false)
    private UUID accountId;

    @Column(name = "from_address", nullable = false, updatable = false, length = 42)
    private String fromAddress;

    @Column(name = "to_address", nullable = false, updatable = false, length = 42)
    private String toAddress;

    @Column(nullable = false, updatable = false)
    private BigInteger amount;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private Status status;

    @Column(length = 500)
    private String failure;

    @Column(name = "tx_hash", length = 66)
    private String txHash;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "settled_at")
    private Instant settledAt;

    @Column(name = "request_key", updatable = false, length = 100)
    private String requestKey;

    @Version
    private long version;

    protected WalletTransfer() {
    }

    public WalletTransfer(UUID accountId, WalletAddress from, WalletAddress to, BigInteger amount, Instant now) {
        if (amount == null || amount.signum() <= 0) {
            throw new io.picktartup.platform.entity.InvalidInputException("amount", io.picktartup.platform.entity.FieldRule.POSITIVE);
        }
        if (from.equals(to)) {
            throw new io.picktartup.platform.entity.InvalidInputException("to", io.picktartup.platform.entity.FieldRule.OTHER_ADDRESS);
        }
        this.id = UUID.randomUUID();
        this.accountId = Objects.requireNonNull(accountId);
        this.fromAddress = from.value();
        this.toAddress = to.value();
        this.amount = amount;
        this.status = Status.PENDING;
        this.createdAt = now;
    }

    /** The transfer's key: its hold, its nonce claim and its transferWithPermit intent. */
    public IntentKey transferKey() {
        return IntentKey.of(IntentKind.TRANSFER, id);
    }

    public void confirmed(String hash, Instant now) {
        if (status == Status.PENDING) {
            status = Status.CONFIRMED;
            txHash = hash;
            settledAt = now;
        }
    }

    public void failed(String reason, Instant now) {
        if (status == Status.PENDING) {
            status = Status.FAILED;
            failure = reason == null ? null : reason.length() > 500 ? reason.substring(0, 500) : reason;
            settledAt = now;
        }
    }

    /** Tags this movement with the client's idempotency key (at most 100 characters; blank means none). */
    public void requestedAs(String key) {
        if (key != null && !key.isBlank()) {
            if (key.length() > 100) {
                throw new io.picktartup.platform.entity.InvalidInputException("Idempotency-Key", io.picktartup.platform.entity.FieldRule.MAX_LENGTH, 100);
            }
            this.requestKey = key;
        }
    }

    public UUID id() {
        return id;
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

    public BigInteger amount() {
        return amount;
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
