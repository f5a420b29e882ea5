package io.picktartup.account.entity;

import io.picktartup.platform.entity.BusinessException;

/** A verification token that is unknown, used already or expired. Nothing was changed. */
public class VerificationInvalidException extends BusinessException {

    public VerificationInvalidException() {
        super("account.verification-invalid", 400, "This verification link is unknown, used or expired; sign up again for a new one.");
    }

    @Override
    public String title() {
        return "Invalid verification link";
    }
}
