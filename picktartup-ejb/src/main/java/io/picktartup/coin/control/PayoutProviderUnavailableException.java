package io.picktartup.coin.control;

import io.picktartup.platform.entity.UnavailableException;

/**
 * The payout provider could not be asked, or did not answer: nothing is known. A cash-out request is refused with
 * 503 {@code payout.provider-unavailable} (nothing changed); a payout is tried again later under the same request id.
 */
public class PayoutProviderUnavailableException extends UnavailableException {

    private static final long serialVersionUID = 1L;

    public PayoutProviderUnavailableException(String message) {
        super("payout.provider-unavailable", message);
    }
}
