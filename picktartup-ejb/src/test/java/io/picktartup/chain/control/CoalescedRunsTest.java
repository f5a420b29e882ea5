package io.picktartup.chain.control;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class CoalescedRunsTest {

    @Test
    void passesNeverOverlapAndTheLastWakeIsAlwaysServed() throws Exception {
        for (int round = 0; round < 50; round++) {
            var runs = new CoalescedRuns();
            var requested = new AtomicInteger();
            var inPass = new AtomicInteger();
            var overlap = new AtomicInteger();
            var served = new AtomicInteger(); // what the latest pass saw requested when it began
            var passes = new AtomicInteger();
            Runnable pass = () -> {
                if (inPass.incrementAndGet() > 1) {
                    overlap.incrementAndGet();
                }
                served.set(requested.get());
                passes.incrementAndGet();
                Thread.onSpinWait();
                inPass.decrementAndGet();
            };
            var pool = Executors.newFixedThreadPool(4);
            var calls = new ArrayList<Future<?>>();
            for (int t = 0; t < 4; t++) {
                calls.add(pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        requested.incrementAndGet();
                        runs.run(pass);
                    }
                }));
            }
            for (var call : calls) {
                call.get(10, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertThat(overlap.get()).as("two passes at once").isZero();
            assertThat(served.get()).as("a pass began after the last request").isEqualTo(800);
            assertThat(passes.get()).as("wakes during a pass coalesced").isBetween(1, 800);
        }
    }
}
