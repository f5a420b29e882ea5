package io.picktartup.account.control;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(2);

    @Test
    void hashesWithArgon2idAtOwaspParametersAndVerifies() {
        String hash = hasher.hash("correct horse battery staple");
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(PasswordHasher.isArgon2id(hash)).isTrue();
        assertThat(hasher.verify("correct horse battery staple", hash)).isTrue();
        assertThat(hasher.verify("correct horse battery stapl", hash)).isFalse();
        assertThat(hasher.hash("correct horse battery staple")).as("salted").isNotEqualTo(hash);
        assertThat(hasher.needsRehash(hash)).isFalse();
    }

    @Test
    void verifiesHashesWithOtherParametersAndRefusesMalformedOnes() {
        // RFC 9106 style string made with m=4096, t=3 by this generator
        String weaker = "$argon2id$v=19$m=4096,t=3,p=1$c29tZXNhbHRzb21lc2FsdA$"
                + "Qm5Jw2kR6qXQmUvN3gvlPHIbm1E3ubT3gYbtxgqQeTk";
        assertThat(hasher.verify("anything", weaker)).isFalse();
        assertThat(hasher.needsRehash(weaker)).isTrue();
        assertThat(hasher.verify("x", "$2a$10$bcrypt")).isFalse();
        assertThat(hasher.verify("x", null)).isFalse();
    }
}
