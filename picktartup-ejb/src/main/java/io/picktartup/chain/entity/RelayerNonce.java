package io.picktartup.chain.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigInteger;
import java.time.Instant;

/**
 * The next nonce of a signing account, shared by every instance of the platform. Read and advanced only under a
 * row lock ({@code SELECT … FOR UPDATE}) in the transaction that stores the signed bytes, so two instances can
 * never sign two transactions with one nonce, and a nonce is never skipped.
 */
@Entity
@Table(name = "relayer_nonce")
public class RelayerNonce {

    @Id
    @Column(length = 42)
    private String address;

    @Column(name = "next_nonce", nullable = false)
    private BigInteger nextNonce;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected RelayerNonce() {
    }

    public RelayerNonce(String address, BigInteger first, Instant now) {
        this.address = address.toLowerCase(java.util.Locale.ROOT);
        this.nextNonce = first;
        this.updatedAt = now;
    }

    /**
     * Takes the next nonce. {@code chainPending} is the account's pending nonce on chain: if someone else used the
     * account (an operator's manual transaction), the counter jumps forward rather than reuse a spent nonce.
     */
    public BigInteger take(BigInteger chainPending, Instant now) {
        if (chainPending != null && chainPending.compareTo(nextNonce) > 0) {
            nextNonce = chainPending;
        }
        BigInteger taken = nextNonce;
        nextNonce = nextNonce.add(BigInteger.ONE);
        updatedAt = now;
        return taken;
    }

    public BigInteger next() {
        return nextNonce;
    }
}
