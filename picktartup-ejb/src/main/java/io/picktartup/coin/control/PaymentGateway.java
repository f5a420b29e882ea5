package io.picktartup.coin.control;

import java.util.Optional;

/**
 * What the platform needs from the card payment gateway, in its own words. The adapter speaks PortOne V2's REST API
 * ({@link PortOneGateway}); the run command and the tests point it at a sandbox speaking the same API. Any failure
 * to get an answer surfaces as {@link PaymentGatewayUnavailableException}, so callers can tell "the gateway is down
 * or refused our credentials, nothing is known, try later" from "there is no such payment".
 */
public interface PaymentGateway {

    /** The payment as the gateway knows it now; empty if it has no payment of this id. */
    Optional<Payment> lookup(String paymentId);

    /**
     * Cancels (refunds) the whole payment. Idempotent: cancelling an already cancelled payment succeeds with
     * {@link Cancellation#alreadyCancelled()}. A payment that was never paid, or does not exist, is refused with
     * {@link PaymentNotCancellableException}.
     */
    Cancellation cancel(String paymentId, String reason);

    /**
     * The outcome of a cancellation.
     *
     * @param paymentId        the cancelled payment
     * @param cancellationId   the gateway's id of this cancellation (absent when it was already cancelled)
     * @param amount           the amount given back by this call (0 when it was already cancelled)
     * @param alreadyCancelled whether an earlier call had already cancelled it
     */
    record Cancellation(String paymentId, Optional<String> cancellationId, long amount, boolean alreadyCancelled) {
    }
}
