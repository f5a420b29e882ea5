package io.picktartup.wallet.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An account's custodial wallet, created at signup. Holds only the Web3 Secret Storage keystore (the private key
 * encrypted with the wallet password, scrypt n=2^18, r=8, p=1) and the checksummed address; the wallet password
 * itself is never stored. Invariant: a new keystore for a wallet password change holds the same key; the address
 * changes only when the owner lost the key (or its password) and the platform gave the account a new wallet
 * ({@link #replaceLost}): what the lost address held stays there, save the shares, which agents recover on chain.
 */
@Entity
@EntityListeners(WalletChanges.class)
@Table(name = "wallet")
public class Wallet {

    @Id
    @Column(name = "account_id")
    private UUID accountId;

    @Column(nullable = false, unique = true, length = 42)
    private String address;

    @Column(nullable = false, columnDefinition = "text")
    private String keystore;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected Wallet() {
    }

    public Wallet(UUID accountId, WalletAddress address, String keystore, Instant now) {
        this.accountId = Objects.requireNonNull(accountId);
        this.address = address.value();
        this.keystore = Objects.requireNonNull(keystore);
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** Replaces the keystore by one encrypted with a new wallet password; refuses one for another key. */
    public void rekey(WalletAddress keystoreAddress, String newKeystore, Instant now) {
        if (!keystoreAddress.value().equals(address)) {
            throw new IllegalStateException("a wallet's new keystore must hold the same key");
        }
        this.keystore = Objects.requireNonNull(newKeystore);
        this.updatedAt = now;
    }

    /**
     * The owner lost this wallet's key: the account gets a new wallet (another key). Returns the lost address.
     * Refuses the same address: a lost key cannot come back as the new one.
     */
    public WalletAddress replaceLost(WalletAddress newAddress, String newKeystore, Instant now) {
        if (newAddress.value().equalsIgnoreCase(address)) {
            throw new IllegalStateException("a new wallet needs a new key");
        }
        var lost = address();
        this.address = newAddress.value();
        this.keystore = Objects.requireNonNull(newKeystore);
        this.updatedAt = now;
        return lost;
    }

    public UUID accountId() {
        return accountId;
    }

    public WalletAddress address() {
        return new WalletAddress(address);
    }

    public String keystore() {
        return keystore;
    }

    public long version() {
        return version;
    }
}
