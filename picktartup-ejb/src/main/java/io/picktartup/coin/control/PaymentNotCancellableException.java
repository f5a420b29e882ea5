package io.picktartup.coin.control;

import io.picktartup.platform.entity.BusinessException;

/** The gateway refused to cancel: the payment does not exist there, or was never paid. */
public class PaymentNotCancellableException extends BusinessException {

    public PaymentNotCancellableException(String paymentId, String gatewayReason) {
        super("payment.not-cancellable", 409, "Payment " + paymentId + " cannot be cancelled: " + gatewayReason);
    }

    @Override
    public String title() {
        return "Payment not cancellable";
    }
}
