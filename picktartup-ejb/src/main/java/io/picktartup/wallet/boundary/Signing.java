package io.picktartup.wallet.boundary;

import io.picktartup.chain.control.Chain;
import io.picktartup.chain.control.ChainOutbox;
import io.picktartup.chain.control.ChainUnavailableException;
import io.picktartup.chain.control.TokenCalls;
import io.picktartup.chain.entity.IntentKey;
import io.picktartup.platform.entity.UnavailableException;
import io.picktartup.wallet.control.Keystores;
import io.picktartup.wallet.entity.WalletAddress;
import org.web3j.crypto.ECKeyPair;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Map;

/**
 * What a {@link SignedMovement} may do inside the spending transaction: sign typed data with the wallet's key
 * (opened once for the request), read nonces and contract state from the chain (an unreachable chain is a 503
 * {@code chain.unavailable}, nothing changed), and queue chain intents. Lives for one request.
 */
public final class Signing {

    /** A signature's parts as the contracts take them. */
    public record Signature(int v, byte[] r, byte[] s) {
    }

    private final WalletAddress wallet;
    private final String token;
    private final ECKeyPair key;
    private final Chain chain;
    private final TokenCalls tokenCalls;
    private final ChainOutbox outbox;
    private final Instant now;
    private final com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();

    Signing(WalletAddress wallet, String token, ECKeyPair key, Chain chain, TokenCalls tokenCalls, ChainOutbox outbox,
            Instant now) {
        this.wallet = wallet;
        this.token = token;
        this.key = key;
        this.chain = chain;
        this.tokenCalls = tokenCalls;
        this.outbox = outbox;
        this.now = now;
    }

    /** The signing wallet. */
    public WalletAddress wallet() {
        return wallet;
    }

    /** The PKN token's address. */
    public String token() {
        return token;
    }

    /** Business time of this request. */
    public Instant now() {
        return now;
    }

    /** Signs EIP-712 typed data with the wallet's key: no key derivation (that happened once, before). */
    public Signature sign(Map<String, Object> typedData) {
        try {
            var signature = Keystores.signTypedData(json.writeValueAsString(typedData), key);
            return new Signature(Byte.toUnsignedInt(signature.getV()[0]), signature.getR(), signature.getS());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The wallet's next EIP-2612 permit nonce on the token. */
    public BigInteger permitNonce() {
        return TokenCalls.uint(read(token, tokenCalls.nonces(wallet.value())));
    }

    /** A read-only contract call at the latest block. */
    public String read(String contract, String callData) {
        try {
            return chain.read(contract, callData);
        } catch (ChainUnavailableException e) {
            throw new UnavailableException("chain.unavailable", "The chain cannot be reached; nothing was signed. "
                    + "Try again in a moment.");
        }
    }

    /** Queues a call for the relayer to carry, under {@code key}. */
    public void enqueue(IntentKey key, String to, String callData, BigInteger gasLimit) {
        outbox.enqueue(key, to, callData, gasLimit);
    }

    /** Queues a call that waits for {@code after}'s confirmation. */
    public void enqueue(IntentKey key, String to, String callData, BigInteger gasLimit, IntentKey after) {
        outbox.enqueue(key, to, callData, gasLimit, after);
    }
}
