package io.picktartup.launcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Port checks before anything starts: a taken port is refused with a clear message, not a half-started platform. */
public final class Ports {

    private Ports() {
    }

    /**
     * A free port for a server that binds it later, reserved on this machine for the life of this JVM.
     * <ul>
     * <li>Below the kernel's ephemeral range (32768 on, where a port from {@code new ServerSocket(0)} would come
     * from): between picking a port and a server binding it (the database and the chain start in between), any
     * process's outgoing connection can take an ephemeral port as its local port, and the server's bind then fails
     * with "Address already in use" (a Payara Micro of the tests did, stop 32's CI); nothing takes a port below that
     * range without asking for it.</li>
     * <li>Reserved across processes: the test parts run side by side, each picking ports; a port is handed out only
     * while this JVM holds the lock of its file in {@code /tmp/picktartup-ports} (a lock the kernel drops when the
     * JVM ends, however it ends), so two JVMs never pick the same port before either binds it.</li>
     * </ul>
     */
    public static int free() {
        return free(10_000, 32_000, LOCKS);
    }

    /** A free port in [{@code from}, {@code to}) whose lock in {@code locks} no other process holds. */
    static int free(int from, int to, Path locks) {
        for (int attempt = 0; attempt < 500; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(from, to);
            if (GIVEN.contains(port) || !reserve(port, locks)) {
                continue; // given to a part of this process, or to another process, that has not bound it yet
            }
            try (var socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                GIVEN.add(port);
                return socket.getLocalPort();
            } catch (IOException taken) {
                release(port);
            }
        }
        throw new IllegalStateException("no free port from " + from + " below " + to + " after 500 tries");
    }

    /** The ports {@link #free()} handed out in this process (a cluster asks for six before anything binds one). */
    private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

    /** The reservations this JVM holds, by port: each an open channel holding its file's lock. */
    private static final Map<Integer, FileChannel> HELD = new ConcurrentHashMap<>();

    private static final Path LOCKS = Path.of(
            System.getenv().getOrDefault("PICKTARTUP_PORT_LOCKS", "/tmp/picktartup-ports"));

    private static boolean reserve(int port, Path locks) {
        try {
            Files.createDirectories(locks);
            var channel = FileChannel.open(locks.resolve(port + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException heldHere) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                return false;
            }
            HELD.put(port, channel);
            return true;
        } catch (IOException e) {
            return true; // no lock directory here (read-only /tmp): fall back to the bind check alone
        }
    }

    private static void release(int port) {
        var channel = HELD.remove(port);
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the lock goes with the channel or with the JVM
            }
        }
    }

    static void requireFree(int port, String what) {
        try (var socket = new Socket()) {
            socket.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 300);
        } catch (IOException free) {
            return;
        }
        throw new IllegalStateException("Port " + port + " for " + what + " is already taken; stop whatever "
                + "listens there or choose another port (see README, Configuration).");
    }

    static boolean listening(int port) {
        try (var socket = new Socket()) {
            socket.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
