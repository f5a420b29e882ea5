package io.picktartup.account.entity;

import io.picktartup.platform.entity.BusinessException;

/** An admin disabled the account: no login, no session. */
public class AccountDisabledException extends BusinessException {

    public AccountDisabledException() {
        super("account.disabled", 403, "This account has been disabled by an administrator.");
    }

    @Override
    public String title() {
        return "Account disabled";
    }
}
