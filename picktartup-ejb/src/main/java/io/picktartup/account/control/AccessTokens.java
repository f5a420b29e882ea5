package io.picktartup.account.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.picktartup.account.entity.Identity;
import io.picktartup.account.entity.Role;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Access tokens: JWTs signed RS256 with the configured key ({@code picktartup.auth.signing-key}), with issuer,
 * audience, subject (the account id), {@code groups} (the role), {@code sid} (the session family), a random
 * {@code jti}, and at most 15 minutes of life. Verification accepts RS256 and nothing else (so {@code alg: none}
 * and HMAC-with-the-public-key tricks fail), checks the type, signature, issuer, audience, expiry (60 s skew) and
 * the required claims. Without a configured key a process-local key is generated and a warning logged: tokens then
 * die with the process and differ between cluster members.
 * <p>
 * A token that passed every check is remembered by its SHA-256 until its expiry ({@link #verifiedTokens}): a client
 * sends the same token on every call of its 10 minutes, and the signature check and parsing were a large share of an
 * authenticated call (bench/request.sh). Past its {@code exp} a token is checked in full again (the 60 s skew then
 * applies as before). Whether its session is still live is not cached: the caller asks that on every request.
 */
@ApplicationScoped
public class AccessTokens {

    private static final Logger LOG = Logger.getLogger(AccessTokens.class.getName());
    static final Duration MAX_TTL = Duration.ofMinutes(15);

    @Inject
    @ConfigProperty(name = "picktartup.auth.signing-key")
    Optional<String> configuredKey;

    @Inject
    @ConfigProperty(name = "picktartup.auth.issuer", defaultValue = "picktartup")
    String issuer;

    @Inject
    @ConfigProperty(name = "picktartup.auth.audience", defaultValue = "picktartup-api")
    String audience;

    @Inject
    @ConfigProperty(name = "picktartup.auth.access-token-ttl", defaultValue = "PT10M")
    Duration ttl;

    private RSAKey key;
    private RSASSASigner signer;
    private DefaultJWTProcessor<SecurityContext> processor;

    /** At most this many verified tokens are remembered; when full, the expired ones go, or else all. */
    static final int VERIFIED_MAX = 20_000;
    private final Map<String, Remembered> verifiedTokens = new ConcurrentHashMap<>();

    /** A verified token, by its digest: what it says, and until when (epoch milliseconds, its {@code exp}). */
    private record Remembered(Verified verified, long expiresAtMillis) {
    }

    public AccessTokens() {
    }

    /** Outside the container (tests, tools). */
    public AccessTokens(RSAKey key, String issuer, String audience, Duration ttl) {
        this.configuredKey = Optional.empty();
        this.issuer = issuer;
        this.audience = audience;
        this.ttl = ttl;
        setUp(key);
    }

    @PostConstruct
    void init() {
        if (configuredKey.filter(k -> !k.isBlank()).isPresent()) {
            setUp(SigningKey.parse(configuredKey.get()));
        } else {
            LOG.warning("picktartup.auth.signing-key (PICKTARTUP_AUTH_SIGNING_KEY) is not set: using a key generated "
                    + "for this process only. Access tokens will not survive a restart nor work across a cluster.");
            setUp(SigningKey.generate());
        }
    }

    private void setUp(RSAKey rsaKey) {
        if (ttl.compareTo(MAX_TTL) > 0 || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("picktartup.auth.access-token-ttl must be positive and at most "
                    + MAX_TTL + ", not " + ttl);
        }
        try {
            this.key = rsaKey;
            this.signer = new RSASSASigner(rsaKey);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable signing key: " + e.getMessage(), e);
        }
        verifiedTokens.clear();
        var jwtProcessor = new DefaultJWTProcessor<SecurityContext>();
        jwtProcessor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT));
        jwtProcessor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                new ImmutableJWKSet<>(new JWKSet(rsaKey.toPublicJWK()))));
        // mutable sets: Nimbus asks them contains(null), which Set.of() answers with a NullPointerException
        jwtProcessor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(new HashSet<>(Set.of(audience)),
                new JWTClaimsSet.Builder().issuer(issuer).build(),
                new HashSet<>(Set.of("sub", "exp", "iat", "jti", "sid", "groups")), null));
        this.processor = jwtProcessor;
    }

    /** A signed access token for the account in the session family. */
    public String issue(Identity identity, UUID sessionId, Instant now) {
        var claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(identity.accountId().toString())
                .claim("groups", List.of(identity.role().name()))
                .claim("sid", sessionId.toString())
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .build();
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                .keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign an access token", e);
        }
        return jwt.serialize();
    }

    /** A verified token's identity and session; empty for anything not issued by us, expired or malformed. */
    public Optional<Verified> verify(String token) {
        if (token == null || token.length() > 8192) {
            return Optional.empty();
        }
        String digest = digest(token);
        var remembered = verifiedTokens.get(digest);
        if (remembered != null && System.currentTimeMillis() < remembered.expiresAtMillis()) {
            return Optional.of(remembered.verified());
        }
        try {
            var claims = processor.process(token, null);
            var groups = claims.getStringListClaim("groups");
            if (groups == null || groups.size() != 1) {
                return Optional.empty();
            }
            var verified = new Verified(new Identity(UUID.fromString(claims.getSubject()),
                    Role.valueOf(groups.get(0))), UUID.fromString(claims.getStringClaim("sid")));
            remember(digest, verified, claims.getExpirationTime().getTime());
            return Optional.of(verified);
        } catch (ParseException | BadJOSEException | JOSEException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private void remember(String digest, Verified verified, long expiresAtMillis) {
        if (verifiedTokens.size() >= VERIFIED_MAX) {
            long now = System.currentTimeMillis();
            verifiedTokens.values().removeIf(r -> r.expiresAtMillis() <= now);
            if (verifiedTokens.size() >= VERIFIED_MAX) {
                verifiedTokens.clear();
            }
        }
        verifiedTokens.put(digest, new Remembered(verified, expiresAtMillis));
    }

    private static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    /** An access token that passed every check. */
    public record Verified(Identity identity, UUID sessionId) {
    }

    /** The public key set (JWKS) clients use to verify our tokens. */
    public String jwks() {
        return new JWKSet(key.toPublicJWK()).toString(true);
    }

    public long ttlSeconds() {
        return ttl.toSeconds();
    }

    public String issuer() {
        return issuer;
    }

    public String audience() {
        return audience;
    }
}
