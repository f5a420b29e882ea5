package io.picktartup.account.entity;

import io.picktartup.platform.entity.BusinessException;

/** Wrong email or password, or a refresh token that is unknown, used, expired or revoked. Says no more than that. */
public class InvalidCredentialsException extends BusinessException {

    public InvalidCredentialsException(String code, String message) {
        super(code, 401, message);
    }

    public static InvalidCredentialsException login() {
        return new InvalidCredentialsException("auth.invalid-credentials", "The email or the password is wrong.");
    }

    public static InvalidCredentialsException refresh() {
        return new InvalidCredentialsException("auth.refresh-rejected",
                "The refresh token is not valid (unknown, expired, already used or revoked). Log in again.");
    }

    @Override
    public String title() {
        return "Not authenticated";
    }
}
