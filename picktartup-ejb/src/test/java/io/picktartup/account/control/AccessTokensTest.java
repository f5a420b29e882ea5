package io.picktartup.account.control;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.picktartup.account.entity.Identity;
import io.picktartup.account.entity.Role;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessTokensTest {

    private final AccessTokens tokens = new AccessTokens(SigningKey.generate(), "picktartup", "picktartup-api",
            Duration.ofMinutes(10));
    private final Identity identity = new Identity(UUID.randomUUID(), Role.INVESTOR);
    private final UUID session = UUID.randomUUID();

    @Test
    void issuesRs256TokensThatVerify() throws Exception {
        String token = tokens.issue(identity, session, Instant.now());
        var jwt = SignedJWT.parse(token);
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(jwt.getJWTClaimsSet().getExpirationTime().getTime() - jwt.getJWTClaimsSet().getIssueTime().getTime())
                .isEqualTo(600_000L);
        var verified = tokens.verify(token);
        assertThat(verified).hasValueSatisfying(v -> {
            assertThat(v.identity()).isEqualTo(identity);
            assertThat(v.sessionId()).isEqualTo(session);
        });
        assertThat(tokens.jwks()).contains("\"kty\":\"RSA\"").doesNotContain("\"d\"");
    }

    @Test
    void refusesExpiredUnsignedForeignAndHmacTokens() throws Exception {
        assertThat(tokens.verify(tokens.issue(identity, session, Instant.now().minus(Duration.ofMinutes(12))))).isEmpty();
        String good = tokens.issue(identity, session, Instant.now());
        var claims = SignedJWT.parse(good).getJWTClaimsSet();
        assertThat(tokens.verify(new PlainJWT(claims).serialize())).isEmpty();
        var other = new AccessTokens(SigningKey.generate(), "picktartup", "picktartup-api", Duration.ofMinutes(10));
        assertThat(tokens.verify(other.issue(identity, session, Instant.now()))).isEmpty();
        var otherAudience = new AccessTokens(SigningKey.generate(), "picktartup", "elsewhere", Duration.ofMinutes(10));
        assertThat(tokens.verify(otherAudience.issue(identity, session, Instant.now()))).isEmpty();
        var hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
        hmac.sign(new MACSigner(new byte[32]));
        assertThat(tokens.verify(hmac.serialize())).isEmpty();
        assertThat(tokens.verify("garbage")).isEmpty();
        assertThat(tokens.verify(null)).isEmpty();
    }

    @Test
    void remembersVerifiedTokensButNeverAcceptsAnAlteredOne() throws Exception {
        String good = tokens.issue(identity, session, Instant.now());
        assertThat(tokens.verify(good)).isPresent();
        assertThat(tokens.verify(good)).hasValueSatisfying(v -> assertThat(v.sessionId()).isEqualTo(session));
        // the same claims under a changed signature, and another account's claims under the remembered signature
        String[] parts = good.split("\\.");
        char last = parts[2].charAt(parts[2].length() - 2);
        String badSignature = parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 2)
                + (last == 'A' ? 'B' : 'A') + parts[2].charAt(parts[2].length() - 1);
        assertThat(tokens.verify(badSignature)).isEmpty();
        var otherClaims = SignedJWT.parse(tokens.issue(new Identity(UUID.randomUUID(), Role.ADMIN), session,
                Instant.now())).getParsedParts()[1].toString();
        assertThat(tokens.verify(parts[0] + "." + otherClaims + "." + parts[2])).isEmpty();
        // past its exp (within the 60 s skew) a remembered token is checked in full again, and still accepted there
        String late = tokens.issue(identity, session, Instant.now().minus(Duration.ofMinutes(10)).minusSeconds(20));
        assertThat(tokens.verify(late)).isPresent();
        assertThat(tokens.verify(late)).isPresent();
    }

    @Test
    void refusesLifetimesOverFifteenMinutes() {
        assertThatThrownBy(() -> new AccessTokens(SigningKey.generate(), "i", "a", Duration.ofMinutes(16)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
