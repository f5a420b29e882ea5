package io.picktartup.platform.entity;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ThrottlePolicyTest {

    private final ThrottlePolicy policy = new ThrottlePolicy(5, Duration.ofMinutes(15), Duration.ofMinutes(1),
            Duration.ofMinutes(15));

    @Test
    void blocksFromTheLimitOnDoublingUpToTheMaximum() {
        assertThat(policy.blockFor(4)).isZero();
        assertThat(policy.blockFor(5)).isEqualTo(Duration.ofMinutes(1));
        assertThat(policy.blockFor(6)).isEqualTo(Duration.ofMinutes(2));
        assertThat(policy.blockFor(8)).isEqualTo(Duration.ofMinutes(8));
        assertThat(policy.blockFor(9)).isEqualTo(Duration.ofMinutes(15));
        assertThat(policy.blockFor(1_000)).isEqualTo(Duration.ofMinutes(15));
    }
}
