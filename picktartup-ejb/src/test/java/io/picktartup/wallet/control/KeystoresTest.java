package io.picktartup.wallet.control;

import io.picktartup.wallet.entity.WrongWalletPasswordException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeystoresTest {

    @Test
    void createsStandardScryptKeystoresAndReencryptsTheSameKey() {
        var keystores = new Keystores(1, Duration.ofMinutes(1));
        var created = keystores.create("first wallet password");
        assertThat(created.keystore()).contains("\"kdf\":\"scrypt\"").contains("\"n\":262144").contains("\"r\":8")
                .contains("\"p\":1").contains("\"version\":3").doesNotContain("first wallet password");
        var rekeyed = keystores.reencrypt(created.keystore(), "first wallet password", "second wallet password");
        assertThat(rekeyed.address()).isEqualTo(created.address());
        keystores.check(rekeyed.keystore(), "second wallet password");
        assertThatThrownBy(() -> keystores.check(rekeyed.keystore(), "first wallet password"))
                .isInstanceOf(WrongWalletPasswordException.class);
    }

    @Test
    void neverRunsMoreDerivationsThanTheHeapHolds() {
        long mib = 1L << 20;
        assertThat(Keystores.slotsFor(2, 512 * mib)).isEqualTo(1);
        assertThat(Keystores.slotsFor(2, 989 * mib)).isEqualTo(2);
        assertThat(Keystores.slotsFor(8, 989 * mib)).isEqualTo(2);
        assertThat(Keystores.slotsFor(0, 4096 * mib)).isEqualTo(1);
    }
}
