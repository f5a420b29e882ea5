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

    @Test
    void signupsDeriveInSlotsOfTheirOwnAndNeverTakeTheSigningOnes() throws Exception {
        var keystores = new Keystores(1, Duration.ofSeconds(30), 1, Duration.ofMillis(200));
        var running = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            var first = running.submit(() -> keystores.createForSignup("first signup's wallet password"));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (keystores.signupSlotsFree() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(keystores.signupSlotsFree()).isZero();
            // a second signup queues behind the first (and gives up after its short wait)...
            assertThatThrownBy(() -> keystores.createForSignup("second signup's wallet password"))
                    .isInstanceOf(io.picktartup.wallet.entity.WalletBusyException.class);
            // ...while a signing derivation has its own slot: it does not wait for the signup
            var signing = keystores.create("an investor's wallet password");
            assertThat(signing.keystore()).contains("\"kdf\":\"scrypt\"");
            assertThat(first.get().address()).isNotEqualTo(signing.address());
        } finally {
            running.shutdownNow();
        }
    }

    @Test
    void theSignupSlotsComeOutOfWhatTheHeapLeaves() {
        var keystores = new Keystores(2, Duration.ofSeconds(1), 3, Duration.ofSeconds(1));
        assertThat(keystores.signupSlots()).isBetween(1, 3);
        assertThat(keystores.slots() + keystores.signupSlots()).isLessThanOrEqualTo(
                Math.max(keystores.slots() + 1, Keystores.slotsFor(100, Runtime.getRuntime().maxMemory())));
    }
}
