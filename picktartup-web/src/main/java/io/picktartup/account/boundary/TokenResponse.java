package io.picktartup.account.boundary;

import io.picktartup.account.entity.Tokens;

import java.util.UUID;

/** The answer of a login or refresh (RFC 6749 names where they exist). */
public record TokenResponse(String token_type, String access_token, long expires_in, String refresh_token,
                            long refresh_expires_in, UUID account_id) {

    static TokenResponse of(Tokens tokens) {
        return new TokenResponse("Bearer", tokens.accessToken(), tokens.expiresIn(), tokens.refreshToken(),
                tokens.refreshExpiresIn(), tokens.accountId());
    }
}
