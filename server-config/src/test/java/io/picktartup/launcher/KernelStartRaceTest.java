package io.picktartup.launcher;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which boot failures of Payara Micro the launcher starts once more: its kernel's startup race only (the log of the
 * failure seen on 2026-12-04, shortened), never an application that failed to deploy.
 */
class KernelStartRaceTest {

    private static final String RACE = """
            [2026-12-04T23:08:06.082+0000] [] [SEVERE] [NCLS-CORE-00016] [javax.enterprise.system.core] \
            [tid: _ThreadID=23 _ThreadName=RunLevelControllerThread-1796425685337] [[
              Startup service failed to start
            MultiException stack 1 of 2
            java.util.ConcurrentModificationException
            	at java.base/java.util.HashMap$HashIterator.nextNode(HashMap.java:1511)
            MultiException stack 2 of 2
            java.lang.IllegalStateException: Unable to perform operation: resolve on \
            org.glassfish.jdbcruntime.service.JdbcServiceConfigListener
            ]]
            Caused by: org.glassfish.embeddable.GlassFishException: Server failed to start
            """;

    @Test
    void theKernelsStartupRaceIsRecognised() {
        assertThat(Platform.kernelStartFailed(RACE)).isTrue();
    }

    @Test
    void anApplicationThatFailedToDeployIsNot() {
        assertThat(Platform.kernelStartFailed(RACE + """
                [SEVERE] Exception while loading the app : CDI deployment failure
                """)).isFalse();
    }

    @Test
    void otherStartupFailuresAreNot() {
        assertThat(Platform.kernelStartFailed("""
                [SEVERE] Startup service failed to start
                java.net.BindException: Address already in use
                """)).isFalse();
        assertThat(Platform.kernelStartFailed("java.util.ConcurrentModificationException in a request")).isFalse();
    }
}
