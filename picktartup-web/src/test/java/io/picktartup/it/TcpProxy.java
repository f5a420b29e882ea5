package io.picktartup.it;

import io.picktartup.launcher.Ports;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP relay between the application and a server, which a test can cut ({@link #disable()}: the port
 * refuses connections, open ones are closed) and restore ({@link #enable()}), to take a real dependency down.
 */
public final class TcpProxy implements AutoCloseable {

    private final int targetPort;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;

    private TcpProxy(int targetPort, int port) {
        this.targetPort = targetPort;
        this.port = port;
    }

    public static TcpProxy start(int targetPort) {
        // reserved below the ephemeral ports: the proxy unbinds and binds its port again to cut and restore the
        // line, and an ephemeral port could be taken in between by any outgoing connection
        var proxy = new TcpProxy(targetPort, Ports.free());
        proxy.enable();
        return proxy;
    }

    public int port() {
        return port;
    }

    public synchronized void enable() {
        if (server != null) {
            return;
        }
        try {
            var socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            server = socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var accepting = server;
        var thread = new Thread(() -> accept(accepting), "tcp-proxy-" + port);
        thread.setDaemon(true);
        thread.start();
    }

    public synchronized void disable() {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        server = null;
        open.forEach(TcpProxy::quietlyClose);
        open.clear();
    }

    private void accept(ServerSocket accepting) {
        while (!accepting.isClosed()) {
            try {
                Socket client = accepting.accept();
                Socket upstream;
                try {
                    upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                } catch (IOException down) {
                    quietlyClose(client);
                    continue;
                }
                open.add(client);
                open.add(upstream);
                pipe(client, upstream);
                pipe(upstream, client);
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        var thread = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException ended) {
                // either side closed
            } finally {
                quietlyClose(from);
                quietlyClose(to);
                open.remove(from);
                open.remove(to);
            }
        }, "tcp-proxy-pipe");
        thread.setDaemon(true);
        thread.start();
    }

    private static void quietlyClose(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        disable();
    }
}
