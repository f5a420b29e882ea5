package io.picktartup.chain.control;

import io.picktartup.chain.entity.ChainRole;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The platform's signing keys, one per {@link ChainRole}: {@code picktartup.chain.relayer-key},
 * {@code picktartup.chain.minter-key}, {@code picktartup.chain.round-creator-key},
 * {@code picktartup.chain.second-agent-key} (environment variables {@code PICKTARTUP_CHAIN_RELAYER_KEY},
 * {@code …_MINTER_KEY}, {@code …_ROUND_CREATOR_KEY}, {@code …_SECOND_AGENT_KEY}). Each key signs and pays
 * gas for the intents of its role only. The private keys live only in this bean and are never logged or shown
 * ({@link #toString()} names addresses only). Signatures include the chain id (EIP-155): BSC requires it, and a wrong
 * chain id would be accepted by a node and then silently dropped.
 */
@ApplicationScoped
public class ChainKeys {

    /** Signed bytes and their hash, to be stored before broadcast. */
    public record Signed(String raw, String hash) {
    }

    @Inject
    @ConfigProperty(name = "picktartup.chain.relayer-key")
    Optional<String> relayerKey;

    @Inject
    @ConfigProperty(name = "picktartup.chain.minter-key")
    Optional<String> minterKey;

    @Inject
    @ConfigProperty(name = "picktartup.chain.round-creator-key")
    Optional<String> roundCreatorKey;

    @Inject
    @ConfigProperty(name = "picktartup.chain.second-agent-key")
    Optional<String> secondAgentKey;

    @Inject
    ChainSettings settings;

    private final Map<ChainRole, Credentials> credentials = new EnumMap<>(ChainRole.class);

    @PostConstruct
    void load() {
        load(ChainRole.RELAYER, relayerKey);
        load(ChainRole.MINTER, minterKey);
        load(ChainRole.ROUND_CREATOR, roundCreatorKey);
        load(ChainRole.SECOND_AGENT, secondAgentKey);
        relayerKey = Optional.empty();
        minterKey = Optional.empty();
        roundCreatorKey = Optional.empty();
        secondAgentKey = Optional.empty();
    }

    private void load(ChainRole role, Optional<String> key) {
        key.filter(k -> !k.isBlank()).ifPresent(k -> {
            try {
                credentials.put(role, Credentials.create(k.trim()));
            } catch (RuntimeException e) {
                // never the key itself in the message
                throw new IllegalStateException("picktartup.chain." + role.code() + "-key is not a private key");
            }
        });
    }

    public boolean configured(ChainRole role) {
        return credentials.containsKey(role);
    }

    public boolean anyConfigured() {
        return !credentials.isEmpty();
    }

    /** The key's address, lower case. */
    public String address(ChainRole role) {
        return required(role).getAddress().toLowerCase(Locale.ROOT);
    }

    /** The relayer's address, lower case: the spender users' permits name. */
    public String relayerAddress() {
        return address(ChainRole.RELAYER);
    }

    /** The addresses of the configured keys. */
    public Map<ChainRole, String> addresses() {
        var addresses = new EnumMap<ChainRole, String>(ChainRole.class);
        credentials.forEach((role, c) -> addresses.put(role, c.getAddress().toLowerCase(Locale.ROOT)));
        return addresses;
    }

    /** Whether one of the configured keys is the account at {@code address}. */
    public boolean holds(String address) {
        return credentials.values().stream().anyMatch(c -> c.getAddress().equalsIgnoreCase(address));
    }

    /**
     * Signs a transaction from the account at {@code from}, which must be one of the configured keys (the one an
     * intent was assigned to when its nonce was taken).
     */
    public Signed sign(String from, BigInteger nonce, BigInteger gasPrice, BigInteger gasLimit, String to, String data) {
        var signer = credentials.values().stream().filter(c -> c.getAddress().equalsIgnoreCase(from)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no configured key for account " + from));
        var transaction = RawTransaction.createTransaction(nonce, gasPrice, gasLimit, to, BigInteger.ZERO, data);
        String raw = Numeric.toHexString(TransactionSigner.sign(transaction, settings.chainId(),
                signer.getEcKeyPair().getPrivateKey()));
        return new Signed(raw, Hash.sha3(raw));
    }

    /** A transaction to sign: {@link #sign}'s arguments. */
    public record Unsigned(String from, BigInteger nonce, BigInteger gasPrice, BigInteger gasLimit, String to,
            String data) {
    }

    /**
     * Signs each transaction as {@link #sign} does, in order, on this thread and on a helper thread side by side: a
     * signing pass's signatures are its largest CPU cost, and its thread otherwise computes them one after the other.
     * The helper only takes what this thread has not begun yet, and this thread waits only for what the helper took
     * (a helper that starts late finds nothing left). The bytes are the same as one by one (RFC 6979: no randomness).
     */
    public List<Signed> signAll(List<Unsigned> transactions) {
        int n = transactions.size();
        var signed = new Signed[n];
        var next = new java.util.concurrent.atomic.AtomicInteger();
        // counted down once per transaction, signed or failed, by whichever thread took it
        var done = new java.util.concurrent.CountDownLatch(n);
        var failure = new java.util.concurrent.atomic.AtomicReference<RuntimeException>();
        Runnable work = () -> {
            for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                try {
                    var t = transactions.get(i);
                    signed[i] = sign(t.from(), t.nonce(), t.gasPrice(), t.gasLimit(), t.to(), t.data());
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                } finally {
                    done.countDown();
                }
            }
        };
        if (n > 1) {
            helper().ifPresent(h -> {
                try {
                    h.execute(work);
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    // stopping: this thread signs them all
                }
            });
        }
        work.run();
        try {
            done.await(); // what the helper took (a helper starting later finds nothing left)
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signing", e);
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return List.of(signed);
    }

    /**
     * Starts signing the transactions on the helper thread and returns at once: what the caller waits for meanwhile
     * (a node's answer) overlaps the signatures. Empty when there is no helper (then nothing was started).
     */
    public Optional<java.util.concurrent.Future<List<Signed>>> signAllAside(List<Unsigned> transactions) {
        if (transactions.isEmpty()) {
            return Optional.empty();
        }
        return helper().map(h -> {
            try {
                return h.submit(() -> transactions.stream()
                        .map(t -> sign(t.from(), t.nonce(), t.gasPrice(), t.gasLimit(), t.to(), t.data())).toList());
            } catch (java.util.concurrent.RejectedExecutionException e) {
                return null; // stopping
            }
        });
    }

    @jakarta.annotation.Resource
    jakarta.enterprise.concurrent.ManagedThreadFactory threads;

    /** The helper thread of {@link #signAll}, started on first use (none where no thread factory is injected). */
    private java.util.concurrent.ExecutorService helper;

    private synchronized Optional<java.util.concurrent.ExecutorService> helper() {
        if (helper == null && threads != null) {
            helper = java.util.concurrent.Executors.newSingleThreadExecutor(threads);
        }
        return Optional.ofNullable(helper);
    }

    @jakarta.annotation.PreDestroy
    synchronized void stopHelper() {
        if (helper != null) {
            helper.shutdown();
        }
    }

    private Credentials required(ChainRole role) {
        var c = credentials.get(role);
        if (c == null) {
            throw new IllegalStateException("no " + role.code() + " key configured (picktartup.chain." + role.code()
                    + "-key)");
        }
        return c;
    }

    @Override
    public String toString() {
        return "ChainKeys" + credentials.entrySet().stream()
                .map(e -> e.getKey().code() + "=" + e.getValue().getAddress())
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
