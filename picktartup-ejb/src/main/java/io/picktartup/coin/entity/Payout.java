package io.picktartup.coin.entity;

import io.picktartup.wallet.entity.Won;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The instruction to pay a cash-out's won to a bank account: WAITING for the burn, PAYABLE once it is final, PAID
 * (or CANCELLED when the burn failed). A payable payout is tried at the provider under its one request id (the
 * provider's idempotency key, so a retry after a lost answer pays once); an attempt that learns nothing is tried
 * again after a wait that doubles; after the last attempt, or when the bank refuses for good, it is RETURNING (its
 * PKN are minted back to the holder) and then RETURNED. The only place the full account number is kept, and only
 * until it is paid or returned.
 */
@Entity
@Table(name = "payout")
public class Payout {

    /** Where a payout stands. */
    public enum Status { WAITING, PAYABLE, PAID, CANCELLED, RETURNING, RETURNED }

    @Id
    @Column(name = "cash_out_id")
    private UUID cashOutId;

    @Column(name = "bank_code", nullable = false, updatable = false, length = 10)
    private String bankCode;

    @Column(name = "account_number", length = 40)
    private String accountNumber;

    @Column(name = "holder_name", nullable = false, updatable = false, length = 100)
    private String holderName;

    @Column(name = "krw_amount", nullable = false, updatable = false)
    private long krwAmount;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private Status status;

    @Column(name = "provider_reference", length = 100)
    private String providerReference;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "paid_at")
    private Instant paidAt;

    @Column(name = "request_id", nullable = false, updatable = false, unique = true, length = 20)
    private String requestId;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    @Column(name = "last_error", length = 500)
    private String lastError;

    @Column(name = "verified_holder", updatable = false, length = 100)
    private String verifiedHolder;

    @Column(name = "returned_at")
    private Instant returnedAt;

    @Version
    private long version;

    protected Payout() {
    }

    /**
     * @param requestId      the id the provider sees for every attempt of this payout (its idempotency key)
     * @param verifiedHolder the holder's name as the bank confirmed it when the cash-out was requested
     */
    public Payout(CashOut cashOut, BankAccount bank, String requestId, String verifiedHolder, Instant now) {
        this.requestId = java.util.Objects.requireNonNull(requestId);
        this.verifiedHolder = verifiedHolder;
        this.cashOutId = cashOut.id();
        this.bankCode = bank.bankCode();
        this.accountNumber = bank.number();
        this.holderName = bank.holderName();
        this.krwAmount = cashOut.krwAmount().value();
        this.status = Status.WAITING;
        this.createdAt = now;
    }

    public void payable(Instant now) {
        if (status == Status.WAITING) {
            status = Status.PAYABLE;
            nextAttemptAt = now;
        }
    }

    /** Whether an attempt is due now. */
    public boolean isDue(Instant now) {
        return status == Status.PAYABLE && (nextAttemptAt == null || !nextAttemptAt.isAfter(now));
    }

    /**
     * An attempt learned nothing (the provider could not be reached or failed): tried again after
     * {@code base × 2^(attempts−1)}, or given up (RETURNING) after {@code maxAttempts}. Returns whether it is given up.
     */
    public boolean attemptFailed(String error, Instant now, int maxAttempts, java.time.Duration base) {
        requirePayable();
        attempts++;
        lastError = clip(error);
        if (attempts >= maxAttempts) {
            returning(now);
            return true;
        }
        nextAttemptAt = now.plus(base.multipliedBy(1L << Math.min(20, attempts - 1)));
        return false;
    }

    /** The bank refused this request id for good (account closed, name check failed): the PKN go back. */
    public void refused(String error, Instant now) {
        requirePayable();
        attempts++;
        lastError = clip(error);
        returning(now);
    }

    private void returning(Instant now) {
        status = Status.RETURNING;
        nextAttemptAt = null;
    }

    /** The PKN are back in the holder's wallet. */
    public void returned(Instant now) {
        if (status == Status.RETURNING) {
            status = Status.RETURNED;
            returnedAt = now;
            accountNumber = null;
        }
    }

    private void requirePayable() {
        if (status != Status.PAYABLE) {
            throw new IllegalStateException("payout " + cashOutId + " is " + status + ", not PAYABLE");
        }
    }

    private static String clip(String text) {
        return text == null || text.length() <= 500 ? text : text.substring(0, 500);
    }

    public void paid(String reference, Instant now) {
        if (status != Status.PAYABLE) {
            throw new IllegalStateException("payout " + cashOutId + " is " + status + ", not PAYABLE");
        }
        status = Status.PAID;
        attempts++;
        nextAttemptAt = null;
        providerReference = reference;
        paidAt = now;
        accountNumber = null; // no longer needed: only the masked number stays (on the cash-out)
    }

    public void cancelled() {
        if (status == Status.WAITING || status == Status.PAYABLE) {
            status = Status.CANCELLED;
            accountNumber = null;
        }
    }

    public UUID cashOutId() {
        return cashOutId;
    }

    public BankAccount bankAccount() {
        return new BankAccount(bankCode, accountNumber, holderName);
    }

    public Won krwAmount() {
        return Won.of(krwAmount);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String bankCode() {
        return bankCode;
    }

    public String requestId() {
        return requestId;
    }

    public int attempts() {
        return attempts;
    }

    public Optional<Instant> nextAttemptAt() {
        return Optional.ofNullable(nextAttemptAt);
    }

    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    public Status status() {
        return status;
    }

    public Optional<String> providerReference() {
        return Optional.ofNullable(providerReference);
    }
}
