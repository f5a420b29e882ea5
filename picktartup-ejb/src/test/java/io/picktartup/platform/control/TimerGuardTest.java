package io.picktartup.platform.control;

import jakarta.interceptor.InvocationContext;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class TimerGuardTest {

    void tick() {
    }

    private static InvocationContext context(Runnable proceed) throws Exception {
        Method method = TimerGuardTest.class.getDeclaredMethod("tick");
        return (InvocationContext) Proxy.newProxyInstance(TimerGuardTest.class.getClassLoader(),
                new Class<?>[] {InvocationContext.class}, (proxy, called, args) -> switch (called.getName()) {
                    case "proceed" -> {
                        proceed.run();
                        yield null;
                    }
                    case "getMethod" -> method;
                    default -> null;
                });
    }

    @Test
    void aFailedTickIsSwallowedSoTheContainerKeepsTheTimer() throws Exception {
        var ticks = new AtomicInteger();
        var guard = new TimerGuard();
        for (int i = 0; i < 3; i++) {
            assertThat(guard.guard(context(() -> {
                ticks.incrementAndGet();
                throw new IllegalStateException("Connection to 127.0.0.1:5432 refused");
            }))).isNull();
        }
        assertThat(ticks).hasValue(3);
        guard.guard(context(ticks::incrementAndGet));
        assertThat(ticks).hasValue(4);
    }
}
