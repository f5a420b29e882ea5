package io.picktartup.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 on a plain socket, for load that must cost the bench as little CPU as it can: the request written as
 * prepared bytes, the answer read with no client library in between. The JDK's {@code HttpClient} spent 2–3 ms of
 * CPU per call in the rush's bursts, a third of the two cores the platform was measured on.
 */
final class RawHttp {

    private RawHttp() {
    }

    /** One kept-alive connection for calls one after another; opened on the first, again after the server closed it. */
    static final class Connection implements AutoCloseable {

        private final URI base;
        private Socket socket;
        private InputStream in;

        Connection(URI base) {
            this.base = base;
        }

        /** Sends a prepared request; its status, the answer's body into {@code body} (skipped when null). */
        int send(byte[] request, ByteArrayOutputStream body) throws IOException {
            try {
                if (socket == null) {
                    socket = new Socket(base.getHost(), base.getPort());
                    socket.setTcpNoDelay(true);
                    socket.setSoTimeout(180_000);
                    in = new BufferedInputStream(socket.getInputStream(), 8192);
                }
                socket.getOutputStream().write(request);
                int answer = read(in, body);
                if ((answer & CLOSE) != 0) {
                    close();
                }
                return answer & 0xFFFF;
            } catch (IOException e) {
                close();
                throw e;
            }
        }

        @Override
        public void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
                socket = null;
                in = null;
            }
        }
    }

    /** Set in {@link #read}'s answer when the server closes the connection after this response. */
    static final int CLOSE = 1 << 16;

    /** A request's bytes: {@code json} as its body (none when null), as the {@code bearer} (none when null). */
    static byte[] request(URI base, String method, String path, String bearer, String json) {
        byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                + "\r\nAccept: application/json\r\n"
                + (bearer == null ? "" : "Authorization: Bearer " + bearer + "\r\n")
                + (json == null ? "" : "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n")
                + "\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }

    /**
     * Reads one response (Content-Length or chunked body): its status, with {@link #CLOSE} when the server closes
     * the connection after it; its body goes to {@code body} when given, else is skipped.
     */
    static int read(InputStream in, ByteArrayOutputStream body) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            String name = header.substring(0, colon).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(header.substring(colon + 1).trim());
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                chunked = header.substring(colon + 1).toLowerCase().contains("chunked");
            } else if (name.equalsIgnoreCase("Connection")) {
                close = header.substring(colon + 1).toLowerCase().contains("close");
            }
        }
        if (chunked) {
            for (long size = Long.parseLong(line(in).split(";")[0].trim(), 16); size > 0;
                 size = Long.parseLong(line(in).split(";")[0].trim(), 16)) {
                take(in, size, body);
                line(in);
            }
            while (!line(in).isEmpty()) {
                // trailers
            }
        } else if (length > 0) {
            take(in, length, body);
        }
        return close ? status | CLOSE : status;
    }

    private static String line(InputStream in) throws IOException {
        var line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed by the server");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private static void take(InputStream in, long bytes, ByteArrayOutputStream body) throws IOException {
        if (body != null) {
            byte[] read = in.readNBytes(Math.toIntExact(bytes));
            if (read.length < bytes) {
                throw new IOException("connection closed by the server");
            }
            body.write(read);
            return;
        }
        while (bytes > 0) {
            long skipped = in.skip(bytes);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new IOException("connection closed by the server");
                }
                skipped = 1;
            }
            bytes -= skipped;
        }
    }
}
