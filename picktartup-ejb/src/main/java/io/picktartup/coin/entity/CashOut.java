package io.picktartup.coin.entity;

import io.picktartup.chain.entity.IntentKey;
import io.picktartup.chain.entity.IntentKind;
import io.picktartup.wallet.entity.TokenAmount;
import io.picktartup.wallet.entity.Won;

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
 * Cashing PKN out: BURNING (the holder's signed burn is on its way through the chain outbox) → BURNED (final on
 * chain: the won are owed) → PAID (the payout went out). FAILED: the burn was refused, nothing was burned, nothing
 * is paid. RETURNING → RETURNED: the payout failed for good after the burn, and the PKN are minted back to the
 * holder. The won amount is fixed at the request, rounded down.
 */
@Entity
@Table(name = "cash_out")
public class CashOut {

    /** Where a cash-out stands. */
    public enum Status { BURNING, BURNED, PAID, FAILED, RETURNING, RETURNED }

    @Id
    private UUID id;

    @Column(name = "account_id", nullable = false, updatable = false)
    private UUID accountId;

    @Column(name = "wallet_address", nullable = false, updatable = false, length = 42)
    private String walletAddress;

    @Column(nullable = false, updatable = false)
    private BigInteger amount;

    @Column(name = "won_per_token", nullable = false, updatable = false)
    private long wonPerToken;

    @Column(name = "krw_amount", nullable = false, updatable = false)
    private long krwAmount;

    @Column(name = "bank_code", nullable = false, updatable = false, length = 10)
    private String bankCode;

    @Column(name = "account_masked", nullable = false, updatable = false, length = 40)
    private String accountMasked;

    @Column(name = "holder_name", nullable = false, updatable = false, length = 100)
    private String holderName;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private Status status;

    @Column(length = 500)
    private String failure;

    @Column(name = "burn_tx_hash", length = 66)
    private String burnTxHash;

    @Column(name = "payout_reference", length = 100)
    private String payoutReference;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "burned_at")
    private Instant burnedAt;

    @Column(name = "paid_at")
    private Instant paidAt;

    @Column(name = "returned_at")
    private Instant returnedAt;

    @Column(name = "request_key", updatable = false, length = 100)
    private String requestKey;

    @Version
    private long version;

    protected CashOut() {
    }

    public CashOut(UUID accountId, String walletAddress, TokenAmount amount, long wonPerToken, BankAccount bank,
                   Instant now) {
        if (amount.isZero()) {
            throw new io.picktartup.platform.entity.InvalidInputException("amount", io.picktartup.platform.entity.FieldRule.POSITIVE);
        }
        long won = amount.inWon(wonPerToken).value();
        if (won < 1) {
            throw new io.picktartup.platform.entity.InvalidInputException("amount", io.picktartup.platform.entity.FieldRule.WORTH_A_WON);
        }
        this.id = UUID.randomUUID();
        this.accountId = Objects.requireNonNull(accountId);
        this.walletAddress = walletAddress;
        this.amount = amount.baseUnits();
        this.wonPerToken = wonPerToken;
        this.krwAmount = won;
        this.bankCode = bank.bankCode();
        this.accountMasked = bank.masked();
        this.holderName = bank.holderName();
        this.status = Status.BURNING;
        this.createdAt = now;
    }

    /** The chain outbox key of the burn. */
    /** The cash-out's key: its hold on the wallet and its burn intent. */
    public IntentKey burnKey() {
        return IntentKey.of(IntentKind.CASH_OUT, id);
    }

    public void burned(String hash, Instant now) {
        if (status == Status.BURNING) {
            status = Status.BURNED;
            burnTxHash = hash;
            burnedAt = now;
        }
    }

    public void burnFailed(String reason, Instant now) {
        if (status == Status.BURNING) {
            status = Status.FAILED;
            failure = reason == null ? null : reason.length() > 500 ? reason.substring(0, 500) : reason;
        }
    }

    public void paid(String reference, Instant now) {
        if (status != Status.BURNED) {
            throw new IllegalStateException("cash-out " + id + " is " + status + ", not BURNED");
        }
        status = Status.PAID;
        payoutReference = reference;
        paidAt = now;
    }

    /** The payout failed for good: the burned PKN are on their way back (a mint under {@link #returnKey()}). */
    public void returning(String reason, Instant now) {
        if (status == Status.BURNED) {
            status = Status.RETURNING;
            failure = reason == null ? null : reason.length() > 500 ? reason.substring(0, 500) : reason;
        }
    }

    /** The PKN are back in the holder's wallet. */
    public void returned(Instant now) {
        if (status == Status.RETURNING) {
            status = Status.RETURNED;
            returnedAt = now;
        }
    }

    /** The chain intent that mints the PKN back after a failed payout: once per cash-out. */
    public IntentKey returnKey() {
        return IntentKey.of(IntentKind.PAYOUT_RETURN, id);
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

    public String walletAddress() {
        return walletAddress;
    }

    public TokenAmount amount() {
        return new TokenAmount(amount);
    }

    public Won krwAmount() {
        return Won.of(krwAmount);
    }

    public String bankCode() {
        return bankCode;
    }

    public String accountMasked() {
        return accountMasked;
    }

    public String holderName() {
        return holderName;
    }

    public Status status() {
        return status;
    }

    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    public Optional<String> burnTxHash() {
        return Optional.ofNullable(burnTxHash);
    }

    public Optional<String> payoutReference() {
        return Optional.ofNullable(payoutReference);
    }

    public Instant createdAt() {
        return createdAt;
    }
}
