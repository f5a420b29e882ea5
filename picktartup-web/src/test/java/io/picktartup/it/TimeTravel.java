package io.picktartup.it;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Moves time forward for the platform's business clock and anvil's together. Anvil's time only goes forward, so the
 * platform's clock stays as far ahead as anvil's; the classes that travel run after every other one (their @Order),
 * and base their deadlines on {@link #now()}. A restarted application forgets its clock: {@link #restore()}.
 */
final class TimeTravel {

    private static Duration ahead = Duration.ZERO;

    private TimeTravel() {
    }

    /** Business time (and anvil's, give or take the blocks' own seconds). */
    static synchronized Instant now() {
        return Instant.now().plus(ahead);
    }

    static synchronized void forward(Duration step) throws Exception {
        ahead = ahead.plus(step);
        restore();
        ChainIT.anvil("evm_increaseTime", step.toSeconds());
        ChainIT.anvil("evm_mine");
    }

    /** Sets the platform's clock to where it was (after a restart of the application, which starts at real time). */
    static synchronized void restore() {
        var set = Accounts.call("PUT", "/api/admin/clock", Funding.admin(), "{\"offsetSeconds\":" + ahead.toSeconds() + "}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        Funding.forgetAdmin();
    }
}
