package io.picktartup.coin.control;

/**
 * The gateway could not be reached, timed out, failed, or refused the platform's credentials: nothing was learnt or
 * decided, the caller retries later (a webhook handler answers non-2xx so that the gateway redelivers).
 */
public class PaymentGatewayUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PaymentGatewayUnavailableException(String message) {
        super(message);
    }

    public PaymentGatewayUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
