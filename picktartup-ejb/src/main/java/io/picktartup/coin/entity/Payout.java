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
 * The instruction to pay a cash-out's won to a bank account: WAITING for the burn, PAYABLE once it is final,
 * PAID (or CANCELLED when the burn failed). The only place the full account number is kept, and only until then.
 */
@Entity
@Table(name = "payout")
public class Payout {

    /** Where a payout stands. */
    public enum Status { WAITING, PAYABLE, PAID, CANCELLED }

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

    @Version
    private long version;

    protected Payout() {
    }

    public Payout(CashOut cashOut, BankAccount bank, Instant now) {
        this.cashOutId = cashOut.id();
        this.bankCode = bank.bankCode();
        this.accountNumber = bank.number();
        this.holderName = bank.holderName();
        this.krwAmount = cashOut.krwAmount().value();
        this.status = Status.WAITING;
        this.createdAt = now;
    }

    public void payable() {
        if (status == Status.WAITING) {
            status = Status.PAYABLE;
        }
    }

    public void paid(String reference, Instant now) {
        if (status != Status.PAYABLE) {
            throw new IllegalStateException("payout " + cashOutId + " is " + status + ", not PAYABLE");
        }
        status = Status.PAID;
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

    public Status status() {
        return status;
    }

    public Optional<String> providerReference() {
        return Optional.ofNullable(providerReference);
    }
}
