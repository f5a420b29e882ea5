package io.picktartup.account.control;

import io.picktartup.account.entity.AccessChanges;
import io.picktartup.account.entity.Role;
import io.picktartup.platform.control.Clock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class LiveSessionsTest {

    private final Clock clock = new Clock();

    private LiveSessions sessions(Duration recheck) {
        var sessions = new LiveSessions();
        sessions.recheck = recheck;
        sessions.clock = clock;
        return sessions;
    }

    @Test
    void aLiveSessionIsRememberedForItsAccountUntilAnythingChanges() throws InterruptedException {
        settle();
        var sessions = sessions(Duration.ofMinutes(1));
        UUID session = UUID.randomUUID();
        UUID account = UUID.randomUUID();
        Instant expires = clock.now().plus(Duration.ofHours(1));

        long epoch = sessions.epoch();
        sessions.remember(session, account, Role.INVESTOR, expires, false, epoch);
        var known = sessions.remembered(session, account);
        assertThat(known).hasValueSatisfying(live -> {
            assertThat(live.identity().accountId()).isEqualTo(account);
            assertThat(live.identity().role()).isEqualTo(Role.INVESTOR);
            assertThat(live.passwordChangeRequired()).isFalse();
        });
        assertThat(sessions.remembered(session, UUID.randomUUID())).as("another account's claim").isEmpty();
        assertThat(sessions.remembered(UUID.randomUUID(), account)).as("another session").isEmpty();

        AccessChanges.changed(); // a logout, a role change… anywhere in this process
        assertThat(sessions.remembered(session, account)).as("after a change").isEmpty();

        // read before the change, remembered after it (the change's grace over): refused by the epoch alone, the
        // read may have missed the change
        settle();
        sessions.remember(session, account, Role.INVESTOR, expires, false, epoch);
        assertThat(sessions.remembered(session, account)).as("an epoch from before the change").isEmpty();
        sessions.remember(session, account, Role.INVESTOR, expires, false, sessions.epoch());
        assertThat(sessions.remembered(session, account)).as("read after the change").isPresent();
    }

    @Test
    void nothingIsRememberedPastTheRecheckIntervalTheSessionsExpiryOrWhenOff() throws InterruptedException {
        UUID account = UUID.randomUUID();
        settle();
        var shortly = sessions(Duration.ofMillis(50));
        UUID session = UUID.randomUUID();
        shortly.remember(session, account, Role.ADMIN, clock.now().plus(Duration.ofHours(1)), true, shortly.epoch());
        assertThat(shortly.remembered(session, account)).hasValueSatisfying(live ->
                assertThat(live.passwordChangeRequired()).isTrue());
        Thread.sleep(80);
        assertThat(shortly.remembered(session, account)).as("past the interval").isEmpty();

        var sessions = sessions(Duration.ofMinutes(1));
        UUID expiring = UUID.randomUUID();
        sessions.remember(expiring, account, Role.INVESTOR, clock.now().plus(Duration.ofMillis(30)), false,
                sessions.epoch());
        assertThat(sessions.remembered(expiring, account)).isPresent();
        Thread.sleep(50);
        assertThat(sessions.remembered(expiring, account)).as("past the session's expiry").isEmpty();

        var off = sessions(Duration.ZERO);
        UUID other = UUID.randomUUID();
        off.remember(other, account, Role.INVESTOR, clock.now().plus(Duration.ofHours(1)), false, off.epoch());
        assertThat(off.remembered(other, account)).isEmpty();
    }

    /** Outside a transaction a change holds back remembering for a grace period: waits it out. */
    private static void settle() throws InterruptedException {
        while (!AccessChanges.settled()) {
            Thread.sleep(50);
        }
    }
}
