package io.picktartup.account.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

/**
 * An opaque refresh token, stored only as its SHA-256 (the token has 256 random bits, so a plain hash suffices:
 * nothing to brute-force). Usable once: {@link #use} marks it used, and a second use is a reuse.
 */
@Entity
@Table(name = "refresh_token")
public class RefreshToken {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Id
    @Column(name = "token_hash", length = 64)
    private String tokenHash;

    @Column(name = "family_id", nullable = false, updatable = false)
    private UUID familyId;

    @Column(name = "issued_at", nullable = false, updatable = false)
    private Instant issuedAt;

    @Column(name = "expires_at", nullable = false, updatable = false)
    private Instant expiresAt;

    @Column(name = "used_at")
    private Instant usedAt;

    protected RefreshToken() {
    }

    private RefreshToken(String tokenHash, UUID familyId, Instant now, Instant expiresAt) {
        this.tokenHash = tokenHash;
        this.familyId = familyId;
        this.issuedAt = now;
        this.expiresAt = expiresAt;
    }

    /** A new token: the entity to store, and the token text to hand to the client once. */
    public record Issued(RefreshToken entity, String token) {
    }

    public static Issued issue(UUID familyId, Instant now, Instant expiresAt) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        return new Issued(new RefreshToken(hash(token), familyId, now, expiresAt), token);
    }

    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What presenting this token means. */
    public enum Use { ROTATE, REUSED, EXPIRED }

    /** Marks the token used when it may be rotated; tells a reuse (already used) or an expired token apart. */
    public Use use(Instant now) {
        if (usedAt != null) {
            return Use.REUSED;
        }
        if (!now.isBefore(expiresAt)) {
            return Use.EXPIRED;
        }
        usedAt = now;
        return Use.ROTATE;
    }

    public UUID familyId() {
        return familyId;
    }

    public Instant expiresAt() {
        return expiresAt;
    }
}
