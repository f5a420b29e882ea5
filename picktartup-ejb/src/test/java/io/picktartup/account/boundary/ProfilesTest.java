package io.picktartup.account.boundary;

import io.picktartup.account.entity.AccessChanges;
import io.picktartup.account.entity.AccountStatus;
import io.picktartup.account.entity.InvestorCategory;
import io.picktartup.account.entity.Role;
import io.picktartup.wallet.entity.WalletChanges;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class ProfilesTest {

    private static Profiles profiles(Duration recheck) {
        var profiles = new Profiles();
        profiles.recheck = recheck;
        return profiles;
    }

    private static AccountView view(UUID id, String name) {
        return new AccountView(id, name.toLowerCase() + "@example.org", name, Role.INVESTOR, InvestorCategory.GENERAL,
                null, Instant.EPOCH, AccountStatus.ACTIVE, true, false);
    }

    @Test
    void theOwnProfileIsReadOnceUntilAnAccountOrAWalletChanges() throws InterruptedException {
        settle();
        var profiles = profiles(Duration.ofMinutes(1));
        UUID owner = UUID.randomUUID();
        var reads = new AtomicInteger();
        assertThat(profiles.own(owner, () -> view(owner, "Kim" + reads.incrementAndGet())).name()).isEqualTo("Kim1");
        assertThat(profiles.own(owner, () -> view(owner, "Kim" + reads.incrementAndGet())).name()).isEqualTo("Kim1");
        assertThat(reads).hasValue(1);
        assertThat(profiles.remembered(UUID.randomUUID())).as("another account").isEmpty();

        AccessChanges.changed(); // a rename, a disable, a logout… anywhere in this process
        assertThat(profiles.remembered(owner)).as("after an account change").isEmpty();
        settle();
        assertThat(profiles.own(owner, () -> view(owner, "Kim" + reads.incrementAndGet())).name()).isEqualTo("Kim2");

        WalletChanges.changed(); // a new or replaced wallet
        assertThat(profiles.remembered(owner)).as("after a wallet change").isEmpty();
        // read before the change, remembered after it: refused by the epoch, the read may have missed the change
        long accessEpoch = AccessChanges.epoch();
        long walletEpoch = WalletChanges.epoch();
        settleWallets();
        WalletChanges.changed();
        settleWallets();
        profiles.remember(view(owner, "Stale"), accessEpoch, walletEpoch);
        assertThat(profiles.remembered(owner)).as("an epoch from before the change").isEmpty();
        assertThat(profiles.own(owner, () -> view(owner, "Kim" + reads.incrementAndGet())).name()).isEqualTo("Kim3");
        assertThat(profiles.remembered(owner)).isPresent();
    }

    @Test
    void nothingIsRememberedPastTheRecheckIntervalOrWhenOff() throws InterruptedException {
        settle();
        settleWallets();
        UUID owner = UUID.randomUUID();
        var shortly = profiles(Duration.ofMillis(50));
        shortly.own(owner, () -> view(owner, "Lee"));
        assertThat(shortly.remembered(owner)).isPresent();
        Thread.sleep(80);
        assertThat(shortly.remembered(owner)).as("past the interval").isEmpty();

        var off = profiles(Duration.ZERO);
        off.own(owner, () -> view(owner, "Lee"));
        assertThat(off.remembered(owner)).isEmpty();
    }

    /** Outside a transaction a change holds back remembering for a grace period: waits it out. */
    private static void settle() throws InterruptedException {
        while (!AccessChanges.settled() || !WalletChanges.settled()) {
            Thread.sleep(50);
        }
    }

    private static void settleWallets() throws InterruptedException {
        settle();
    }
}
