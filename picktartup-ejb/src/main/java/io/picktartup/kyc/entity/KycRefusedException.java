package io.picktartup.kyc.entity;

import io.picktartup.platform.entity.BusinessException;

/** A KYC step that cannot be taken now: a review decided already, a provider answer that is not GREEN, one open already. */
public class KycRefusedException extends BusinessException {

    public KycRefusedException(String code, String message) {
        super(code, 409, message);
    }

    @Override
    public String title() {
        return "KYC step refused";
    }
}
