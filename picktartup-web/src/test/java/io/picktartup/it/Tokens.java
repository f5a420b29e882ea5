package io.picktartup.it;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.picktartup.account.control.SigningKey;
import io.picktartup.launcher.DevSigningKey;

import java.time.Instant;
import java.util.Date;
import java.util.function.UnaryOperator;

/** Forged access tokens for the security tests: a real token's claims with one thing changed. */
final class Tokens {

    private static final RSAKey PLATFORM_KEY = SigningKey.parse(RunningPlatform.SIGNING_KEY_PEM);
    private static final RSAKey OTHER_KEY = SigningKey.parse(DevSigningKey.generatePem());

    private Tokens() {
    }

    static JWTClaimsSet claims(String token) {
        try {
            return SignedJWT.parse(token).getJWTClaimsSet();
        } catch (java.text.ParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The real token's claims, changed, signed with the platform's own key. */
    static String resigned(String token, UnaryOperator<JWTClaimsSet.Builder> change) {
        return sign(change.apply(new JWTClaimsSet.Builder(claims(token))).build(), PLATFORM_KEY);
    }

    static String expired(String token) {
        var past = Instant.now().minusSeconds(600);
        return resigned(token, b -> b.issueTime(Date.from(past.minusSeconds(600))).notBeforeTime(Date.from(past
                .minusSeconds(600))).expirationTime(Date.from(past)));
    }

    static String wrongAudience(String token) {
        return resigned(token, b -> b.audience("someone-else"));
    }

    static String wrongIssuer(String token) {
        return resigned(token, b -> b.issuer("https://evil.example"));
    }

    /** Same claims, signed by a key that is not the platform's. */
    static String wrongKey(String token) {
        return sign(claims(token), OTHER_KEY);
    }

    /** Same claims, {@code alg: none}, no signature. */
    static String unsigned(String token) {
        return new PlainJWT(claims(token)).serialize();
    }

    /** An admin's groups claim on an investor's token, signed by another key. */
    static String elevatedWithWrongKey(String token) {
        return sign(new JWTClaimsSet.Builder(claims(token)).claim("groups", java.util.List.of("ADMIN")).build(), OTHER_KEY);
    }

    static boolean verifiesWith(String token, String jwks) {
        try {
            var key = (RSAKey) JWKSet.parse(jwks).getKeys().get(0);
            return SignedJWT.parse(token).verify(new RSASSAVerifier(key));
        } catch (Exception e) {
            return false;
        }
    }

    private static String sign(JWTClaimsSet claims, RSAKey key) {
        try {
            var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                    .keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
