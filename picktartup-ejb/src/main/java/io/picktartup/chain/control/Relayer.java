package io.picktartup.chain.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Optional;

/**
 * The platform's relayer account: signs and pays gas for everything the platform submits. Its private key comes
 * from configuration ({@code PICKTARTUP_CHAIN_RELAYER_KEY}), lives only in this bean, and is never logged or shown
 * ({@link #toString()} names the address only). Signatures include the chain id (EIP-155): BSC requires it, and a
 * wrong chain id would be accepted by a node and then silently dropped.
 */
@ApplicationScoped
public class Relayer {

    /** Signed bytes and their hash, to be stored before broadcast. */
    public record Signed(String raw, String hash) {
    }

    @Inject
    @ConfigProperty(name = "picktartup.chain.relayer-key")
    Optional<String> key;

    @Inject
    ChainSettings settings;

    private Credentials credentials;

    @PostConstruct
    void load() {
        credentials = key.filter(k -> !k.isBlank()).map(k -> Credentials.create(k.trim())).orElse(null);
        key = Optional.empty();
    }

    public boolean configured() {
        return credentials != null;
    }

    /** The relayer's address, lower case. */
    public String address() {
        return required().getAddress().toLowerCase(Locale.ROOT);
    }

    public Signed sign(BigInteger nonce, BigInteger gasPrice, BigInteger gasLimit, String to, String data) {
        var transaction = RawTransaction.createTransaction(nonce, gasPrice, gasLimit, to, BigInteger.ZERO, data);
        String raw = Numeric.toHexString(TransactionEncoder.signMessage(transaction, settings.chainId(), required()));
        return new Signed(raw, Hash.sha3(raw));
    }

    private Credentials required() {
        if (credentials == null) {
            throw new IllegalStateException("no relayer key configured (picktartup.chain.relayer-key)");
        }
        return credentials;
    }

    @Override
    public String toString() {
        return "Relayer[" + (credentials == null ? "not configured" : credentials.getAddress()) + "]";
    }
}
