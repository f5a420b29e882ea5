package io.picktartup.round.entity;

import io.picktartup.chain.entity.IntentKey;
import io.picktartup.chain.entity.IntentKind;
import io.picktartup.wallet.entity.TokenAmount;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.math.BigInteger;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * One investor's investment into a round. RESERVED (room under the hard cap is held until {@code reservedUntil};
 * the investor reads the contract document) → PENDING (the investor signed the document's hash; the deposit is on
 * its way) → CONFIRMED (final on chain) → CANCELLING → CANCELLED (the tokens are back). EXPIRED: never signed in
 * time; FAILED: the chain refused the deposit. Every state but the last three holds room in the round and counts
 * against the investor's limits. The signed document never changes once signed: its SHA-256 is on chain.
 */
@Entity
@Table(name = "investment")
public class Investment {

    /** Where an investment stands. */
    public enum Status {
        RESERVED, PENDING, CONFIRMED, CANCELLING, CANCELLED, EXPIRED, FAILED, REFUNDED;

        /** The states that hold room in the round and count against the investor's limits. */
        public static final Set<Status> HOLDING = EnumSet.of(RESERVED, PENDING, CONFIRMED, CANCELLING);
        /** The states of a position in the round's escrow (deposited, not taken back or refunded). */
        public static final Set<Status> POSITION = EnumSet.of(CONFIRMED, CANCELLING);
        /** The states that change on their own, once the chain has spoken (a page showing them keeps refreshing). */
        public static final Set<Status> ON_ITS_WAY = EnumSet.of(PENDING, CANCELLING);
        /** The states whose PKN are still in the investor's wallet, held for the deposit. */
        public static final Set<Status> IN_WALLET = EnumSet.of(RESERVED, PENDING);

        /** The investments that stayed in the round until it settled: shares (released) or a refund (failed). */
        public static final Set<Status> STAYED = EnumSet.of(CONFIRMED, REFUNDED);

        public boolean holdsRoom() {
            return HOLDING.contains(this);
        }
    }

    @Id
    private UUID id;

    @Column(name = "round_id", nullable = false, updatable = false)
    private UUID roundId;

    @Column(name = "startup_id", nullable = false, updatable = false)
    private UUID startupId;

    @Column(name = "account_id", nullable = false, updatable = false)
    private UUID accountId;

    @Column(name = "investor_address", nullable = false, updatable = false, length = 42)
    private String investorAddress;

    @Column(nullable = false, updatable = false)
    private BigInteger amount;

    @Column(name = "amount_krw", nullable = false, updatable = false)
    private long amountKrw;

    @Column(nullable = false, updatable = false)
    private long shares;

    @Column(name = "limit_year", nullable = false, updatable = false)
    private int limitYear;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private Status status;

    @Column(name = "reserved_until", nullable = false)
    private Instant reservedUntil;

    @Basic(fetch = FetchType.LAZY)
    @Column(columnDefinition = "bytea")
    private byte[] document;

    @Column(name = "terms_hash", length = 66)
    private String termsHash;

    @Column(name = "consent_nonce")
    private BigInteger consentNonce;

    @Column(name = "deposit_key", length = 120)
    private String depositKey;

    @Column(name = "deposit_tx_hash", length = 66)
    private String depositTxHash;

    @Column(name = "cancel_key", length = 120)
    private String cancelKey;

    @Column(name = "cancel_tx_hash", length = 66)
    private String cancelTxHash;

    @Column(length = 500)
    private String failure;

    @Column(name = "refund_tx_hash", length = 66)
    private String refundTxHash;

    @Column(name = "request_key", updatable = false, length = 100)
    private String requestKey;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "signed_at")
    private Instant signedAt;

    @Column(name = "confirmed_at")
    private Instant confirmedAt;

    @Column(name = "ended_at")
    private Instant endedAt;

    @Version
    private long version;

    protected Investment() {
    }

    public Investment(UUID id, FundingRound round, UUID accountId, String investorAddress, FundingRound.Quote quote,
                      int limitYear, Instant reservedUntil, Instant now) {
        this.id = Objects.requireNonNull(id);
        this.roundId = round.id();
        this.startupId = round.startupId();
        this.accountId = Objects.requireNonNull(accountId);
        this.investorAddress = Objects.requireNonNull(investorAddress);
        this.amount = quote.amount().baseUnits();
        this.amountKrw = quote.amountKrw();
        this.shares = quote.shares();
        this.limitYear = limitYear;
        this.status = Status.RESERVED;
        this.reservedUntil = reservedUntil;
        this.createdAt = now;
    }

    /** The client's idempotency key of the request that made this reservation. */
    public void requestedAs(String key) {
        this.requestKey = key == null || key.isBlank() ? null : key.strip();
    }

    /** The idempotency key the reservation was requested with, if any. */
    public java.util.Optional<String> requestKey() {
        return java.util.Optional.ofNullable(requestKey);
    }

    /** Keeps the generated contract document; once there it never changes (its hash is what the investor signs). */
    public void document(byte[] pdf, String sha256) {
        if (document != null) {
            throw new IllegalStateException("the contract document of " + id + " exists already");
        }
        this.document = pdf.clone();
        this.termsHash = sha256;
    }

    public boolean hasDocument() {
        return termsHash != null;
    }

    /** RESERVED → PENDING: the investor signed the document's hash and the permit; the deposit is queued. */
    public void signed(BigInteger nonce, Instant now) {
        requireReserved(now);
        if (termsHash == null) {
            throw new IllegalStateException("signing " + id + " before its document exists");
        }
        this.status = Status.PENDING;
        this.consentNonce = nonce;
        this.depositKey = depositIntent().value();
        this.signedAt = now;
    }

    /** Refuses a step that needs a live reservation. */
    public void requireReserved(Instant now) {
        if (status == Status.RESERVED && !now.isBefore(reservedUntil)) {
            throw new InvestmentStateException("investment.expired",
                    "The reservation expired before it was signed; start a new investment.");
        }
        if (status != Status.RESERVED) {
            throw new InvestmentStateException("investment.not-reserved",
                    "The investment is " + status + "; only a reserved investment can be signed.");
        }
    }

    public boolean expiredAt(Instant now) {
        return status == Status.RESERVED && !now.isBefore(reservedUntil);
    }

    public void expired(Instant now) {
        if (status == Status.RESERVED) {
            this.status = Status.EXPIRED;
            this.endedAt = now;
        }
    }

    /** PENDING → CONFIRMED; returns whether this call changed it (a repeated confirmation changes nothing). */
    public boolean confirmed(String txHash, Instant now) {
        if (status != Status.PENDING) {
            return false;
        }
        this.status = Status.CONFIRMED;
        this.depositTxHash = txHash;
        this.confirmedAt = now;
        return true;
    }

    /** PENDING → FAILED: the deposit was refused, nothing moved. Returns whether this call changed it. */
    public boolean failed(String reason, Instant now) {
        if (status != Status.PENDING) {
            return false;
        }
        this.status = Status.FAILED;
        this.failure = truncate(reason);
        this.endedAt = now;
        return true;
    }

    /** CONFIRMED → CANCELLING: the investor's signed cancel is on its way. */
    public void cancelling(IntentKey cancelKey) {
        if (status != Status.CONFIRMED) {
            throw new InvestmentStateException("investment.not-cancellable",
                    "Only a confirmed investment can be cancelled; this one is " + status + ".");
        }
        this.status = Status.CANCELLING;
        this.cancelKey = cancelKey.value();
        this.failure = null;
    }

    /** CANCELLING → CANCELLED: the tokens are back. Returns whether this call changed it. */
    public boolean cancelled(String txHash, Instant now) {
        if (status != Status.CANCELLING) {
            return false;
        }
        this.status = Status.CANCELLED;
        this.cancelTxHash = txHash;
        this.endedAt = now;
        return true;
    }

    /** CANCELLING → CONFIRMED: the chain refused the cancel (e.g. past the cut-off); the investment stands. */
    public boolean cancelRefused(String reason) {
        if (status != Status.CANCELLING) {
            return false;
        }
        this.status = Status.CONFIRMED;
        this.cancelKey = null;
        this.failure = truncate("cancel refused: " + reason);
        return true;
    }

    /** CONFIRMED → REFUNDED: the failed round's escrow gave the tokens back (pushed in a batch or claimed). */
    public boolean refunded(String txHash, Instant now) {
        if (status != Status.CONFIRMED) {
            return false;
        }
        this.status = Status.REFUNDED;
        this.refundTxHash = txHash;
        this.endedAt = now;
        return true;
    }

    public Optional<String> refundTxHash() {
        return Optional.ofNullable(refundTxHash);
    }

    private static String truncate(String reason) {
        String r = reason == null ? "unknown" : reason;
        return r.substring(0, Math.min(r.length(), 500));
    }

    /** The deposit's key: the investor's wallet hold from the reservation on, then its chain intent. */
    public IntentKey depositIntent() {
        return IntentKey.of(IntentKind.DEPOSIT, id);
    }

    public boolean belongsTo(UUID account) {
        return accountId.equals(account);
    }

    public UUID id() {
        return id;
    }

    public UUID roundId() {
        return roundId;
    }

    public UUID startupId() {
        return startupId;
    }

    public UUID accountId() {
        return accountId;
    }

    public String investorAddress() {
        return investorAddress;
    }

    public TokenAmount amount() {
        return new TokenAmount(amount);
    }

    public long amountKrw() {
        return amountKrw;
    }

    public long shares() {
        return shares;
    }

    public int limitYear() {
        return limitYear;
    }

    public Status status() {
        return status;
    }

    public Instant reservedUntil() {
        return reservedUntil;
    }

    public Optional<byte[]> document() {
        return Optional.ofNullable(document).map(byte[]::clone);
    }

    public Optional<String> termsHash() {
        return Optional.ofNullable(termsHash);
    }

    public Optional<BigInteger> consentNonce() {
        return Optional.ofNullable(consentNonce);
    }

    public Optional<String> depositKey() {
        return Optional.ofNullable(depositKey);
    }

    public Optional<String> depositTxHash() {
        return Optional.ofNullable(depositTxHash);
    }

    public Optional<String> cancelKey() {
        return Optional.ofNullable(cancelKey);
    }

    public Optional<String> cancelTxHash() {
        return Optional.ofNullable(cancelTxHash);
    }

    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Optional<Instant> signedAt() {
        return Optional.ofNullable(signedAt);
    }

    public Optional<Instant> confirmedAt() {
        return Optional.ofNullable(confirmedAt);
    }

    public Optional<Instant> endedAt() {
        return Optional.ofNullable(endedAt);
    }
}
