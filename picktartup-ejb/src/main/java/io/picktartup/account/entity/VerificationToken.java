package io.picktartup.account.entity;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The single-use token of an email verification link: 256 random bits, URL-safe. Only its SHA-256 is stored (as a
 * refresh token's), so a database reader cannot verify someone else's address.
 */
public record VerificationToken(String token, String hash) {

    private static final SecureRandom RANDOM = new SecureRandom();
    public static final int MAX_LENGTH = 200;

    public static VerificationToken issue() {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        return new VerificationToken(token, RefreshToken.hash(token));
    }

    /** The stored form of a token a client presents. */
    public static String hashOf(String token) {
        return RefreshToken.hash(token);
    }

    @Override
    public String toString() {
        return "VerificationToken[…]";
    }
}
