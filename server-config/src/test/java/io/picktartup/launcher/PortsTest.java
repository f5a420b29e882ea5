package io.picktartup.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Ports handed out for servers that bind them later: never one another JVM on this machine holds, never one twice in
 * this JVM, never one that something already listens on. The other JVM is real (a second java process).
 */
class PortsTest {

    @Test
    void aPortAnotherProcessReservedOrSomethingListensOnIsNeverHandedOut(@TempDir Path locks) throws Exception {
        int from = 30_000 + 10 * java.util.concurrent.ThreadLocalRandom.current().nextInt(150);
        // another JVM reserves the first six ports of ten, as Ports.free does, and keeps them until it is stopped
        Path holder = locks.resolve("Holder.java");
        Files.writeString(holder, """
                import java.nio.channels.FileChannel;
                import java.nio.file.*;
                public class Holder {
                    public static void main(String[] args) throws Exception {
                        var held = new java.util.ArrayList<FileChannel>();
                        for (int port = Integer.parseInt(args[1]); port < Integer.parseInt(args[2]); port++) {
                            var channel = FileChannel.open(Path.of(args[0], port + ".lock"),
                                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                            channel.lock();
                            held.add(channel);
                        }
                        System.out.println("held");
                        System.out.flush();
                        System.in.read();
                    }
                }
                """);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var other = new ProcessBuilder(java, holder.toString(), locks.toString(), Integer.toString(from),
                Integer.toString(from + 6)).redirectErrorStream(true).start();
        try (var listening = new ServerSocket(from + 6, 1, InetAddress.getLoopbackAddress())) {
            var out = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("held");

            // of the ten, six are the other JVM's, one is listened on: three are left, each handed out once
            var given = new java.util.TreeSet<Integer>();
            for (int i = 0; i < 3; i++) {
                given.add(Ports.free(from, from + 10, locks));
            }
            assertThat(given).containsExactly(from + 7, from + 8, from + 9);
            assertThatThrownBy(() -> Ports.free(from, from + 10, locks))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("no free port");
        } finally {
            other.destroy();
            other.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
