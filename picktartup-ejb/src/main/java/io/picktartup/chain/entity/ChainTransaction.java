package io.picktartup.chain.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One chain transaction the platform must get on chain exactly once, identified by its business key (e.g.
 * {@code mint:<paymentId>}). Created in the same database transaction as the business change that needs it.
 * Invariants: the nonce, once assigned, never changes (a re-priced attempt reuses it); a transaction only moves
 * forward through {@link ChainTransactionStatus}, except MINED → SIGNED when its block is reorganised away (its
 * stored bytes are broadcast again); CONFIRMED is final and never goes back.
 */
@Entity
@Table(name = "chain_transaction")
public class ChainTransaction {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "business_key", nullable = false, updatable = false, unique = true, length = 200)
    private String businessKey;

    @Column(nullable = false, updatable = false, length = 50)
    private String kind;

    /** The signing account: set when queued, moved to the current key of its role until the nonce is taken. */
    @Column(name = "from_address", nullable = false, length = 42)
    private String fromAddress;

    @Column(name = "to_address", nullable = false, updatable = false, length = 42)
    private String toAddress;

    @Column(name = "call_data", nullable = false, updatable = false)
    private String callData;

    @Column(name = "gas_limit", nullable = false, updatable = false)
    private BigInteger gasLimit;

    @Column(name = "after_key", updatable = false, length = 200)
    private String afterKey;

    /** The {@code depositBatch} transaction that carries this deposit intent (status BATCHED), if one does. */
    @Column(name = "carrier_id")
    private Long carrierId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private ChainTransactionStatus status;

    private BigInteger nonce;

    @Column(name = "gas_price")
    private BigInteger gasPrice;

    @Column(name = "tx_hash", length = 66)
    private String txHash;

    @Column(name = "block_number")
    private Long blockNumber;

    @Column(name = "gas_used")
    private java.math.BigInteger gasUsed;

    @Column(length = 2000)
    private String failure;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "signed_at")
    private Instant signedAt;

    @Column(name = "sent_at")
    private Instant sentAt;

    @Column(name = "mined_at")
    private Instant minedAt;

    @Column(name = "confirmed_at")
    private Instant confirmedAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected ChainTransaction() {
    }

    public ChainTransaction(String businessKey, String kind, String fromAddress, String toAddress, String callData,
                            BigInteger gasLimit, Instant now) {
        this.businessKey = requireText(businessKey, "businessKey", 200);
        this.kind = requireText(kind, "kind", 50);
        this.fromAddress = address(fromAddress);
        this.toAddress = address(toAddress);
        if (callData == null || !callData.matches("0x([0-9a-fA-F]{2})*")) {
            throw new IllegalArgumentException("callData must be 0x-prefixed hex bytes");
        }
        this.callData = callData;
        if (gasLimit == null || gasLimit.signum() <= 0) {
            throw new IllegalArgumentException("gasLimit must be positive");
        }
        this.gasLimit = gasLimit;
        this.status = ChainTransactionStatus.QUEUED;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** The key this intent needs: the one of its kind (a mint the minter, a round the round creator…). */
    public ChainRole signer() {
        return IntentKind.ofCode(kind).signer();
    }

    /**
     * Moves a queued intent to the account that now holds its role (written under an older key, e.g. before a key
     * rotation). Once signed, the nonce belongs to the signing account for good: no move.
     */
    public void assignSigner(String signerAddress, Instant now) {
        expect(ChainTransactionStatus.QUEUED);
        this.fromAddress = address(signerAddress);
        this.updatedAt = now;
    }

    /**
     * A queued deposit goes out inside {@code carrier}, a {@code depositBatch} transaction of its own: from here it
     * follows the carrier (nonce, attempts, receipts belong to the carrier) until {@link #deliveredBy} or
     * {@link #failed}. An intent is carried by one batch at most, ever: it cannot be deposited twice by us.
     */
    public void batchedIn(ChainTransaction carrier, Instant now) {
        expect(ChainTransactionStatus.QUEUED);
        if (!IntentKind.DEPOSIT.code().equals(kind) || !IntentKind.DEPOSIT_BATCH.code().equals(carrier.kind)) {
            throw new IllegalArgumentException("only a deposit goes into a deposit batch, not " + kind);
        }
        if (carrier.id == null || !carrier.toAddress.equals(toAddress)) {
            throw new IllegalArgumentException("a deposit batch carries deposits into its own escrow only");
        }
        this.carrierId = carrier.id;
        this.fromAddress = carrier.fromAddress;
        this.status = ChainTransactionStatus.BATCHED;
        this.updatedAt = now;
    }

    /**
     * A batched deposit's {@code Deposited} event is in {@code hash} (its carrier, or the transaction that carried the
     * same signature first), in a final block: done, once.
     */
    public void deliveredBy(String hash, long block, Instant now) {
        expect(ChainTransactionStatus.BATCHED);
        this.txHash = java.util.Objects.requireNonNull(hash);
        this.blockNumber = block;
        this.status = ChainTransactionStatus.CONFIRMED;
        this.minedAt = now;
        this.confirmedAt = now;
        this.updatedAt = now;
    }

    /** Records the first signature: from now on the nonce is this transaction's for good. */
    public void signed(BigInteger assignedNonce, BigInteger price, String hash, Instant now) {
        expect(ChainTransactionStatus.QUEUED);
        this.nonce = Objects.requireNonNull(assignedNonce);
        attempt(price, hash, now);
        this.signedAt = now;
    }

    /** A new attempt with the same nonce and a higher gas price, for a transaction that has not been mined. */
    public void repriced(BigInteger price, String hash, Instant now) {
        expect(ChainTransactionStatus.SENT);
        if (price.compareTo(gasPrice) <= 0) {
            throw new IllegalArgumentException("a replacement must pay more than " + gasPrice);
        }
        attempt(price, hash, now);
    }

    private void attempt(BigInteger price, String hash, Instant now) {
        this.gasPrice = price;
        this.txHash = hash;
        this.attempts++;
        this.status = ChainTransactionStatus.SIGNED;
        this.updatedAt = now;
    }

    public void sent(Instant now) {
        expect(ChainTransactionStatus.SIGNED);
        this.status = ChainTransactionStatus.SENT;
        this.sentAt = now;
        this.updatedAt = now;
    }

    /** Mined in {@code block} by the attempt {@code hash} (not necessarily the latest one). */
    public void mined(String hash, long block, java.math.BigInteger gasUsed, Instant now) {
        if (status != ChainTransactionStatus.SENT && status != ChainTransactionStatus.SIGNED) {
            throw new IllegalStateException("transaction " + id + " is " + status + ", not in flight");
        }
        this.txHash = hash;
        this.gasUsed = gasUsed;
        this.blockNumber = block;
        this.status = ChainTransactionStatus.MINED;
        this.minedAt = now;
        this.updatedAt = now;
    }

    /**
     * Its effect is on chain through another sender's transaction {@code carrierHash} (in {@code block}): someone
     * carried the same user signature first, and the relayer's own copy reverted ({@code ownGasUsed} paid for it).
     * From here it is followed like a mined transaction of its own: final at the confirmation depth.
     */
    public void carriedBy(String carrierHash, long block, java.math.BigInteger ownGasUsed, Instant now) {
        mined(carrierHash, block, ownGasUsed, now);
    }

    /**
     * Its block was reorganised away: back to SIGNED, so the broadcast step sends the same stored bytes again (same
     * nonce, same hash: whichever copy is mined counts once), followed by the relayer's own latest attempt
     * {@code ownHash} (the mined hash may have been another sender's, see {@link #carriedBy}).
     */
    public void unmined(String ownHash, Instant now) {
        expect(ChainTransactionStatus.MINED);
        if (ownHash != null) {
            this.txHash = ownHash;
        }
        this.status = ChainTransactionStatus.SIGNED;
        this.blockNumber = null;
        this.minedAt = null;
        this.updatedAt = now;
    }

    /**
     * Its receipt now names another block (a reorganisation took its block away and the chain included it again,
     * before the dispatcher saw it gone): its finality counts from the new block.
     */
    public void movedTo(long block, Instant now) {
        expect(ChainTransactionStatus.MINED);
        this.blockNumber = block;
        this.updatedAt = now;
    }

    public void confirmed(Instant now) {
        expect(ChainTransactionStatus.MINED);
        this.status = ChainTransactionStatus.CONFIRMED;
        this.confirmedAt = now;
        this.updatedAt = now;
    }

    /** Refused before signing, or reverted on chain: final, with the reason. */
    public void failed(String reason, Instant now) {
        if (!status.isOpen()) {
            throw new IllegalStateException("transaction " + id + " is already " + status);
        }
        this.status = ChainTransactionStatus.FAILED;
        this.failure = reason == null ? "unknown" : reason.length() > 2000 ? reason.substring(0, 2000) : reason;
        this.updatedAt = now;
    }

    public boolean stuck(Instant now, Duration after) {
        return status == ChainTransactionStatus.SENT && updatedAt.plus(after).isBefore(now);
    }

    /** Time from the intent to its confirmation, once confirmed. */
    public Optional<Duration> latency() {
        return confirmedAt == null ? Optional.empty() : Optional.of(Duration.between(createdAt, confirmedAt));
    }

    private void expect(ChainTransactionStatus expected) {
        if (status != expected) {
            throw new IllegalStateException("transaction " + id + " is " + status + ", expected " + expected);
        }
    }

    private static String requireText(String value, String name, int max) {
        if (value == null || value.isBlank() || value.length() > max) {
            throw new IllegalArgumentException(name + " must be 1 to " + max + " characters");
        }
        return value;
    }

    private static String address(String value) {
        if (value == null || !value.matches("0x[0-9a-fA-F]{40}")) {
            throw new IllegalArgumentException("not an address: " + value);
        }
        return value.toLowerCase(java.util.Locale.ROOT);
    }

    public Long id() {
        return id;
    }

    public String businessKey() {
        return businessKey;
    }

    public String kind() {
        return kind;
    }

    public String fromAddress() {
        return fromAddress;
    }

    public String toAddress() {
        return toAddress;
    }

    public String callData() {
        return callData;
    }

    public BigInteger gasLimit() {
        return gasLimit;
    }

    public ChainTransactionStatus status() {
        return status;
    }

    /** The deposit batch carrying this intent, while BATCHED and after. */
    public Optional<Long> carrierId() {
        return Optional.ofNullable(carrierId);
    }

    /** Whether this is a {@code depositBatch} transaction carrying other intents. */
    public boolean isCarrier() {
        return IntentKind.DEPOSIT_BATCH.code().equals(kind);
    }

    public Optional<BigInteger> gasUsed() {
        return Optional.ofNullable(gasUsed);
    }

    /** The business key of the intent that must be confirmed before this one is signed. */
    public Optional<String> afterKey() {
        return Optional.ofNullable(afterKey);
    }

    public Optional<BigInteger> nonce() {
        return Optional.ofNullable(nonce);
    }

    public Optional<BigInteger> gasPrice() {
        return Optional.ofNullable(gasPrice);
    }

    public Optional<String> txHash() {
        return Optional.ofNullable(txHash);
    }

    public Optional<Long> blockNumber() {
        return Optional.ofNullable(blockNumber);
    }

    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    public int attempts() {
        return attempts;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Optional<Instant> minedAt() {
        return Optional.ofNullable(minedAt);
    }

    public Optional<Instant> confirmedAt() {
        return Optional.ofNullable(confirmedAt);
    }
}
