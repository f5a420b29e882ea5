package io.picktartup.account.entity;

import java.util.UUID;

/** What a login or a refresh hands out: a short-lived access token (JWT) and the next refresh token. */
public record Tokens(UUID accountId, String accessToken, long expiresIn, String refreshToken, long refreshExpiresIn) {

    @Override
    public String toString() {
        return "Tokens[account=" + accountId + "]";
    }
}
