package io.picktartup.wallet.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.picktartup.wallet.entity.WalletAddress;
import io.picktartup.wallet.entity.WalletBusyException;
import io.picktartup.wallet.entity.WrongWalletPasswordException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryType;
import org.web3j.crypto.exception.CipherException;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Wallet;
import org.web3j.crypto.WalletFile;
import org.web3j.protocol.ObjectMapperFactory;

import java.security.InvalidAlgorithmParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Web3 Secret Storage (version 3) keystores with the standard scrypt parameters n = 2^18, r = 8, p = 1 (not
 * web3j's "light" ones), as every standard wallet writes and reads them.
 *
 * <p>Each derivation allocates 128·r·n = 256 MiB of heap for about a second. At most
 * {@code picktartup.wallet.kdf-concurrency} (default 2: one per core here) run at once, and never more than the
 * heap can hold next to the application ({@link #slotsFor}): a burst queues (fairly) instead of running the server
 * out of memory. A request that waits longer than {@code picktartup.wallet.kdf-wait} is refused with
 * {@link WalletBusyException} (503 + Retry-After), before it has changed anything.
 *
 * <p>Signups derive in slots of their own ({@link #createForSignup}: {@code picktartup.wallet.signup-kdf-concurrency},
 * default 1, waiting at most {@code picktartup.wallet.signup-kdf-wait}), so anyone on the internet signing up in bulk
 * queues behind other signups only and never takes a slot an investor's signature needs. The heap check counts both.
 */
@ApplicationScoped
public class Keystores {

    private static final Logger LOG = Logger.getLogger(Keystores.class.getName());
    public static final int SCRYPT_N = 1 << 18;
    public static final int SCRYPT_P = 1;
    static final long DERIVATION_BYTES = 128L * 8 * SCRYPT_N;
    /** Heap the application needs beside the derivations (measured: ~200 MiB live after boot, plus headroom). */
    static final long APPLICATION_RESERVE = 256L << 20;

    @Inject
    @ConfigProperty(name = "picktartup.wallet.kdf-concurrency", defaultValue = "2")
    int configuredSlots;

    @Inject
    @ConfigProperty(name = "picktartup.wallet.kdf-wait", defaultValue = "PT60S")
    Duration maxWait;

    @Inject
    @ConfigProperty(name = "picktartup.wallet.signup-kdf-concurrency", defaultValue = "1")
    int configuredSignupSlots;

    @Inject
    @ConfigProperty(name = "picktartup.wallet.signup-kdf-wait", defaultValue = "PT30S")
    Duration maxSignupWait;

    /** Absent outside the container. */
    @Inject
    @RegistryType(type = MetricRegistry.Type.APPLICATION)
    MetricRegistry metrics;

    private final ObjectMapper json = ObjectMapperFactory.getObjectMapper();
    private Semaphore slots;
    private int slotCount;
    private Semaphore signupSlots;
    private int signupSlotCount;

    public Keystores() {
    }

    /** Outside the container (tests, tools). */
    public Keystores(int slots, Duration maxWait) {
        this(slots, maxWait, 1, maxWait);
    }

    /** Outside the container (tests, tools), with the signup slots. */
    public Keystores(int slots, Duration maxWait, int signupSlots, Duration maxSignupWait) {
        this.configuredSlots = slots;
        this.maxWait = maxWait;
        this.configuredSignupSlots = signupSlots;
        this.maxSignupWait = maxSignupWait;
        init();
    }

    @PostConstruct
    void init() {
        long heap = Runtime.getRuntime().maxMemory();
        slotCount = slotsFor(configuredSlots, heap);
        if (slotCount < configuredSlots) {
            LOG.warning("picktartup.wallet.kdf-concurrency=" + configuredSlots + " does not fit a heap of "
                    + (heap >> 20) + " MiB (256 MiB per derivation): using " + slotCount);
        }
        // the signups' slots come out of what the heap has left after the signing ones, and there is always one
        signupSlotCount = Math.max(1, Math.min(Math.max(1, configuredSignupSlots),
                (int) ((heap - APPLICATION_RESERVE) / (DERIVATION_BYTES + (16L << 20))) - slotCount));
        if (signupSlotCount < configuredSignupSlots) {
            LOG.warning("picktartup.wallet.signup-kdf-concurrency=" + configuredSignupSlots + " does not fit next to "
                    + slotCount + " signing slots: using " + signupSlotCount);
        }
        slots = new Semaphore(slotCount, true);
        signupSlots = new Semaphore(signupSlotCount, true);
    }

    public int signupSlots() {
        return signupSlotCount;
    }

    /** Signup slots free right now (tests). */
    int signupSlotsFree() {
        return signupSlots.availablePermits();
    }

    /** How many derivations may run at once: as configured, but no more than the heap holds, and at least one. */
    static int slotsFor(int configured, long maxHeap) {
        long fitting = (maxHeap - APPLICATION_RESERVE) / (DERIVATION_BYTES + (16L << 20));
        return (int) Math.max(1, Math.min(Math.max(1, configured), fitting));
    }

    public int slots() {
        return slotCount;
    }

    /** A new keystore: a new secp256k1 key, encrypted with the wallet password. */
    public record Created(WalletAddress address, String keystore) {
    }

    public Created create(String walletPassword) {
        return create(walletPassword, slots, maxWait);
    }

    /**
     * A new keystore for a signup, derived in the signups' own slots (never the ones signing needs); waits at most
     * {@code picktartup.wallet.signup-kdf-wait}, then {@link WalletBusyException}.
     */
    public Created createForSignup(String walletPassword) {
        return create(walletPassword, signupSlots, maxSignupWait);
    }

    private Created create(String walletPassword, Semaphore pool, Duration wait) {
        try {
            ECKeyPair key = Keys.createEcKeyPair();
            WalletFile file = derive(pool, wait, () -> Wallet.create(walletPassword, key, SCRYPT_N, SCRYPT_P));
            return new Created(addressOf(file), json.writeValueAsString(file));
        } catch (InvalidAlgorithmParameterException | NoSuchAlgorithmException | NoSuchProviderException
                 | JsonProcessingException e) {
            throw new IllegalStateException("could not create a wallet", e);
        }
    }

    /**
     * The wallet's key, opened with the wallet password (one derivation), for the signatures of one request; the
     * caller drops it when the request ends and never stores it.
     */
    public ECKeyPair unlock(String keystore, String walletPassword) {
        return open(keystore, walletPassword);
    }

    /** Signs EIP-712 typed data (the JSON web3j takes) with an opened key: no derivation. */
    public static org.web3j.crypto.Sign.SignatureData signTypedData(String typedData, ECKeyPair key) {
        try {
            return org.web3j.crypto.Sign.signTypedData(typedData, key);
        } catch (java.io.IOException | RuntimeException e) {
            throw new IllegalStateException("could not sign the typed data", e);
        }
    }

    /** Checks the wallet password against the keystore (one derivation); the key is not kept. */
    public void check(String keystore, String walletPassword) {
        open(keystore, walletPassword);
    }

    /** The same key encrypted with a new password (two derivations: open, then seal). */
    public Created reencrypt(String keystore, String oldPassword, String newPassword) {
        ECKeyPair key = open(keystore, oldPassword);
        try {
            WalletFile file = derive(() -> Wallet.create(newPassword, key, SCRYPT_N, SCRYPT_P));
            return new Created(addressOf(file), json.writeValueAsString(file));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write a keystore", e);
        }
    }

    private ECKeyPair open(String keystore, String walletPassword) {
        WalletFile file;
        try {
            file = json.readValue(keystore, WalletFile.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored keystore is unreadable", e);
        }
        if (walletPassword == null) {
            throw new WrongWalletPasswordException();
        }
        try {
            return derive(() -> Wallet.decrypt(walletPassword, file));
        } catch (WrongPassword e) {
            throw new WrongWalletPasswordException();
        }
    }

    private static WalletAddress addressOf(WalletFile file) {
        return new WalletAddress("0x" + file.getAddress());
    }

    private interface Derivation<T> {
        T run() throws CipherException;
    }

    private static final class WrongPassword extends RuntimeException {
        private static final long serialVersionUID = 1L;

        WrongPassword() {
            super(null, null, false, false);
        }
    }

    private <T> T derive(Derivation<T> derivation) {
        return derive(slots, maxWait, derivation);
    }

    /**
     * Runs a derivation in one of {@code slots}, waiting at most {@code maxWait} for it. The time waited for a slot
     * is counted per pool ({@code wallet_kdf_slot_wait_milliseconds_total}, {@code pool} = signing or signup): a
     * signature queued behind signups would show there, whatever the CPU's load.
     */
    private <T> T derive(Semaphore slots, Duration maxWait, Derivation<T> derivation) {
        long asked = System.nanoTime();
        try {
            if (!slots.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new WalletBusyException();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WalletBusyException();
        } finally {
            if (metrics != null) {
                metrics.counter("wallet_kdf_slot_wait_milliseconds_total",
                        new Tag("pool", slots == signupSlots ? "signup" : "signing"))
                        .inc(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - asked));
            }
        }
        try {
            return derivation.run();
        } catch (CipherException e) {
            // web3j says "Invalid password provided" for a MAC mismatch, the only CipherException of decrypt
            throw new WrongPassword();
        } finally {
            slots.release();
        }
    }
}
