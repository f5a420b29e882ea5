package io.picktartup.account.entity;

import io.picktartup.platform.entity.BusinessException;

/** The account's email is not verified yet: no login (and so no money movement) before it. */
public class EmailUnverifiedException extends BusinessException {

    public EmailUnverifiedException() {
        super("account.email-unverified", 403, "Confirm your email address first: follow the link we mailed you when you signed up (sign up again for a new link).");
    }

    @Override
    public String title() {
        return "Email not verified";
    }
}
