package io.picktartup.chain.control;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ChainProgressTest {

    @Test
    void aMoveAfterTheCountWasReadEndsTheWaitAtOnce() throws Exception {
        var progress = new ChainProgress();
        long seen = progress.seen();
        progress.moved(); // while the waiter looked at the database
        long start = System.nanoTime();
        assertThat(progress.awaitAfter(seen, Duration.ofSeconds(5))).isTrue();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1_000);
    }

    @Test
    void withoutAMoveTheWaitLastsItsBound() throws Exception {
        var progress = new ChainProgress();
        long start = System.nanoTime();
        assertThat(progress.awaitAfter(progress.seen(), Duration.ofMillis(50))).isFalse();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(50);
    }

    @Test
    void aMoveFromAnotherThreadWakesTheWaiter() throws Exception {
        var progress = new ChainProgress();
        long seen = progress.seen();
        var waiter = CompletableFuture.supplyAsync(() -> {
            try {
                return progress.awaitAfter(seen, Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(20);
        progress.moved();
        assertThat(waiter.get(5, TimeUnit.SECONDS)).isTrue();
    }
}
