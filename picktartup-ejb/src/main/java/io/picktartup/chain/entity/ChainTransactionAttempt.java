package io.picktartup.chain.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigInteger;
import java.time.Instant;

/**
 * One signed version of a chain transaction, stored before it is broadcast: after a crash the very same bytes go
 * out again, so a restart can never create a second effect.
 */
@Entity
@Table(name = "chain_transaction_attempt")
public class ChainTransactionAttempt {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "chain_transaction_id", nullable = false, updatable = false)
    private Long chainTransactionId;

    @Column(name = "tx_hash", nullable = false, updatable = false, unique = true, length = 66)
    private String txHash;

    @Column(name = "raw_transaction", nullable = false, updatable = false)
    private String rawTransaction;

    @Column(name = "gas_price", nullable = false, updatable = false)
    private BigInteger gasPrice;

    @Column(name = "signed_at", nullable = false, updatable = false)
    private Instant signedAt;

    protected ChainTransactionAttempt() {
    }

    public ChainTransactionAttempt(Long chainTransactionId, String txHash, String rawTransaction, BigInteger gasPrice,
                                   Instant signedAt) {
        this.chainTransactionId = chainTransactionId;
        this.txHash = txHash;
        this.rawTransaction = rawTransaction;
        this.gasPrice = gasPrice;
        this.signedAt = signedAt;
    }

    public Long chainTransactionId() {
        return chainTransactionId;
    }

    public String txHash() {
        return txHash;
    }

    public String rawTransaction() {
        return rawTransaction;
    }

    public BigInteger gasPrice() {
        return gasPrice;
    }

    public java.time.Instant signedAt() {
        return signedAt;
    }
}
