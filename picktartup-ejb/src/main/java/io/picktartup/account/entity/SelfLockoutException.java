package io.picktartup.account.entity;

import io.picktartup.platform.entity.BusinessException;

/** An admin tried to disable their own account or change their own role, which could lock every admin out. */
public class SelfLockoutException extends BusinessException {

    public SelfLockoutException() {
        super("account.self-lockout", 409, "An admin cannot disable their own account or change their own role; "
                + "ask another admin.");
    }

    @Override
    public String title() {
        return "Not on your own account";
    }
}
