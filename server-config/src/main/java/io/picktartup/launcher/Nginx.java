package io.picktartup.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * nginx (Debian's package {@code nginx-light} or {@code nginx}) in front of the instances of a cluster on this
 * machine: one port for browsers, the API and the gateway's webhooks. Its configuration, logs and temporary files
 * live in a folder of the run; it runs in the foreground as a child of the launcher and stops with it.
 * Requests with a session cookie stay on one instance (a consistent hash of the cookie) while it lives; the others
 * are spread over all instances; a request an instance could not take (connection refused, reset) goes to the next.
 */
public final class Nginx implements AutoCloseable {

    /** Where Debian installs it; {@code NGINX_BINARY} names another. */
    public static final Path DEFAULT_BINARY = Path.of("/usr/sbin/nginx");

    private final ChildProcess process;
    private final int port;

    private Nginx(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** The binary to run, when one is installed. */
    public static Optional<Path> binary(Map<String, String> environment) {
        Path binary = Path.of(environment.getOrDefault("NGINX_BINARY", DEFAULT_BINARY.toString()));
        return Files.isExecutable(binary) ? Optional.of(binary) : Optional.empty();
    }

    /** Writes the configuration into {@code dir} and starts nginx on {@code port}; returns once it listens. */
    public static Nginx start(Path binary, Path dir, int port, List<Integer> upstreams) throws IOException {
        Ports.requireFree(port, "nginx (HTTP_PORT)");
        Files.createDirectories(dir.resolve("tmp"));
        Path config = dir.resolve("nginx.conf");
        Files.writeString(config, configuration(dir, port, upstreams));
        var command = List.of(binary.toString(), "-p", dir.toString(), "-c", config.toString(), "-e",
                dir.resolve("error.log").toString());
        var process = ChildProcess.start("nginx", command, Map.of(), dir.resolve("nginx.log"));
        var nginx = new Nginx(process, port);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!Ports.listening(port)) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                nginx.close();
                throw new IllegalStateException("nginx did not start; its log:\n" + process.tail(20));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting nginx");
            }
        }
        return nginx;
    }

    static String configuration(Path dir, int port, List<Integer> upstreams) {
        String servers = upstreams.stream()
                .map(p -> "        server 127.0.0.1:" + p + " max_fails=1 fail_timeout=10s;")
                .collect(Collectors.joining("\n"));
        String temp = dir.resolve("tmp").toString();
        // as root, nginx's workers would switch to nobody, who cannot write the run folder
        String user = "root".equals(System.getProperty("user.name")) ? "user root;\n" : "";
        return user + """
                daemon off;
                master_process on;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 2048; }
                http {
                    access_log off;
                    client_body_temp_path %2$s/body;
                    proxy_temp_path %2$s/proxy;
                    fastcgi_temp_path %2$s/fastcgi;
                    uwsgi_temp_path %2$s/uwsgi;
                    scgi_temp_path %2$s/scgi;
                    client_max_body_size 20m;
                    # a session stays on its instance while it lives; requests without one are spread
                    map $cookie_JSESSIONID $picktartup_affinity {
                        ""      $request_id;
                        default $cookie_JSESSIONID;
                    }
                    upstream picktartup {
                        hash $picktartup_affinity consistent;
                %3$s
                        keepalive 64;
                    }
                    server {
                        listen 127.0.0.1:%4$d;
                        location / {
                            proxy_pass http://picktartup;
                            proxy_http_version 1.1;
                            proxy_set_header Connection "";
                            proxy_set_header Host $http_host;
                            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                            proxy_set_header X-Forwarded-Proto $scheme;
                            proxy_connect_timeout 2s;
                            proxy_read_timeout 120s;
                            proxy_next_upstream error timeout;
                            proxy_next_upstream_tries 3;
                        }
                    }
                }
                """.formatted(dir, temp, servers, port);
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        process.close();
    }
}
