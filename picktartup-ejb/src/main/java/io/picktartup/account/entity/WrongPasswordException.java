package io.picktartup.account.entity;

import io.picktartup.platform.entity.BusinessException;

/** The current login password, asked again before a sensitive change, is wrong. Nothing was changed. */
public class WrongPasswordException extends BusinessException {

    public WrongPasswordException() {
        super("account.password-wrong", 403, "The current password is wrong; nothing was changed.");
    }

    @Override
    public String title() {
        return "Wrong password";
    }
}
