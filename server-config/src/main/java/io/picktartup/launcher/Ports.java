package io.picktartup.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Port checks before anything starts: a taken port is refused with a clear message, not a half-started platform. */
final class Ports {

    private Ports() {
    }

    /**
     * A free port below the kernel's ephemeral range (32768 on, where a port from {@code new ServerSocket(0)} would
     * come from): between picking it and Payara binding it (the database and the chain start in between), another
     * process's outgoing connection can take an ephemeral port at random, as one did in a test run; nothing takes a
     * port below that range without asking for it.
     */
    static int free() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = java.util.concurrent.ThreadLocalRandom.current().nextInt(10_000, 32_000);
            if (GIVEN.contains(port)) {
                continue; // free now, but given to a part of this process that has not bound it yet
            }
            try (var socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                GIVEN.add(port);
                return socket.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The ports {@link #free()} handed out in this process (a cluster asks for six before anything binds one). */
    private static final java.util.Set<Integer> GIVEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

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
