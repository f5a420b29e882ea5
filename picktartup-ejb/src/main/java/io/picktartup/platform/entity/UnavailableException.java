package io.picktartup.platform.entity;

/** Something the request needs (the chain, the payment gateway) cannot be reached now; trying later may work. */
public class UnavailableException extends BusinessException {

    public UnavailableException(String code, String message) {
        super(code, 503, message);
    }

    @Override
    public String title() {
        return "Temporarily unavailable";
    }
}
