package io.picktartup.wallet.boundary;

import io.picktartup.chain.entity.IntentKey;
import io.picktartup.wallet.entity.TokenAmount;

import java.util.Optional;

/**
 * One movement of PKN that the wallet's owner signs (an investment's deposit, a cancel, a cash-out, a transfer), as
 * its owning component plans it. {@link Spending} runs it: the key opened once, the wallet locked, the PKN held,
 * the nonce slot claimed, then {@link #carry} inside that one transaction.
 *
 * @param <R> what the owner returns to its caller (the business row it wrote)
 */
public interface SignedMovement<R> {

    /**
     * The movement, if this very request was carried out already (a retried or concurrent copy with the same
     * idempotency key): asked first, under the wallet's lock; then nothing is held, signed or queued again.
     */
    default Optional<R> done() {
        return Optional.empty();
    }

    /**
     * The movement's intent key: its hold, its in-flight claim and its chain intent share it. Asked before
     * {@link #carry} when PKN are held, and after it for the claim (a key may name the nonce it signed).
     */
    IntentKey key();

    /**
     * PKN that leave the wallet with this movement and must be free now; held under {@link #key()} until it lands
     * or fails. ZERO when nothing leaves (a cancel) or when the PKN were held earlier (a reserved investment).
     */
    TokenAmount newHold();

    /**
     * Which way the PKN leave the platform, if they do (a cash-out, a transfer): then every
     * {@link io.picktartup.wallet.control.OutflowRule} is asked under the wallet's lock. Empty for PKN that stay in the
     * platform (an investment).
     */
    default Optional<io.picktartup.wallet.control.OutflowRule.Outflow> outflow() {
        return Optional.empty();
    }

    /** Whether its signature spends a wallet nonce (permit or consent): then it takes the wallet's one in-flight slot. */
    boolean usesNonce();

    /**
     * The owner's part, in the spending transaction: check its own rules under its own locks, sign with
     * {@code signing}, queue the chain intents, write its rows. A business exception rolls everything back (hold
     * and claim included).
     */
    R carry(Signing signing);
}
