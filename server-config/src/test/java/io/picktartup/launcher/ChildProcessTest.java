package io.picktartup.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the launcher says of a child that runs but does not answer: its threads, from a real JVM. */
class ChildProcessTest {

    @Test
    void aHangingJvmsThreadsAreDumpedBesideItsLog(@TempDir Path dir) throws Exception {
        Path source = dir.resolve("Hangs.java");
        Files.writeString(source, """
                public class Hangs {
                    public static void main(String[] args) throws Exception {
                        System.out.println("up");
                        Thread.sleep(120_000);
                    }
                }
                """);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try (var child = ChildProcess.start("hangs", List.of(java, source.toString()), Map.of(),
                dir.resolve("logs/hangs.log"))) {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!child.logContains("up") && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            String dump = child.threadDump(50);
            assertThat(dump).contains("hangs-threads.txt").contains("\"main\"").contains("Thread.State: TIMED_WAITING");
            assertThat(dir.resolve("logs/hangs-threads.txt")).isNotEmptyFile();
        }
    }
}
