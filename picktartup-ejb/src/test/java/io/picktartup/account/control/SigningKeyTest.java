package io.picktartup.account.control;

import org.junit.jupiter.api.Test;

import java.security.KeyPairGenerator;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SigningKeyTest {

    @Test
    void readsPkcs8AndJwkAndTheSameKeyGetsTheSameId() throws Exception {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var pair = generator.generateKeyPair();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        var fromPem = SigningKey.parse(pem);
        assertThat(fromPem.isPrivate()).isTrue();
        assertThat(fromPem.getKeyID()).isNotBlank();
        var fromJwk = SigningKey.parse(fromPem.toJSONString());
        assertThat(fromJwk.getKeyID()).isEqualTo(fromPem.getKeyID());
        assertThat(fromJwk.toPublicJWK().toRSAPublicKey()).isEqualTo(pair.getPublic());
    }

    @Test
    void refusesPublicKeysAndNonsense() {
        var publicOnly = SigningKey.generate().toPublicJWK().toJSONString();
        assertThatThrownBy(() -> SigningKey.parse(publicOnly)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SigningKey.parse("hello")).isInstanceOf(IllegalArgumentException.class);
    }
}
