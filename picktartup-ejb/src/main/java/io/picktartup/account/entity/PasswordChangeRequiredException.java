package io.picktartup.account.entity;

import io.picktartup.platform.entity.BusinessException;

/** The account's password was handed over (the first admin's initial one): nothing but changing it is allowed. */
public class PasswordChangeRequiredException extends BusinessException {

    public PasswordChangeRequiredException() {
        super("account.password-change-required", 403, "The password of this account must be changed first (PUT /api/accounts/{id}/password).");
    }

    @Override
    public String title() {
        return "Password change required";
    }
}
