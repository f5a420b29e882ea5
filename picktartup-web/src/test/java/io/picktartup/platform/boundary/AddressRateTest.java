package io.picktartup.platform.boundary;

import io.picktartup.platform.entity.TooManyRequestsException;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AddressRateTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final AddressRate rate = new AddressRate(3, now::get);

    @Test
    void anAddressGetsItsBudgetPerMinuteOthersTheirOwn() {
        for (int i = 0; i < 3; i++) {
            rate.take("198.51.100.1");
        }
        now.addAndGet(20_000);
        assertThatThrownBy(() -> rate.take("198.51.100.1")).isInstanceOfSatisfying(TooManyRequestsException.class,
                e -> assertThat(e.retryAfterSeconds()).isEqualTo(40));
        rate.take("198.51.100.2");
        now.addAndGet(40_000);
        rate.take("198.51.100.1"); // a new minute
    }
}
