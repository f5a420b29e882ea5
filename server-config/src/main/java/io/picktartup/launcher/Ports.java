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

    static int free() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
