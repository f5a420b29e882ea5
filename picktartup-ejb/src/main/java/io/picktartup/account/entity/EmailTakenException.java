package io.picktartup.account.entity;

import io.picktartup.platform.entity.BusinessException;

/** Another account already uses this email. */
public class EmailTakenException extends BusinessException {

    public EmailTakenException() {
        super("account.email-taken", 409, "An account with this email already exists.");
    }

    @Override
    public String title() {
        return "Email already registered";
    }
}
