package io.picktartup.coin.entity;

import io.picktartup.platform.entity.BusinessException;

/** The gateway reports a payment that does not match its order (another amount or currency): never credited. */
public class PaymentMismatchException extends BusinessException {

    public PaymentMismatchException(String message) {
        super("payment.mismatch", 409, message);
    }

    @Override
    public String title() {
        return "Payment does not match the order";
    }
}
