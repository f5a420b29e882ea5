package io.picktartup.chain.contract;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * A fresh anvil chain on a free loopback port, as a child process of the test JVM. Fresh per test run: anvil
 * slows down as its chain grows, and tests must not see each other's history.
 */
final class Anvil implements AutoCloseable {

    static final long CHAIN_ID = 31337;
    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");

    private final Process process;
    private final String rpcUrl;

    private Anvil(Process process, String rpcUrl) {
        this.process = process;
        this.rpcUrl = rpcUrl;
    }

    static Anvil start() {
        return start(true);
    }

    /**
     * @param pruneHistory keep only the last 128 blocks' states (off for a chain that is reverted to a snapshot
     *                     over and over: anvil 1.7.1 then loses receipts of blocks mined after a revert)
     */
    static Anvil start(boolean pruneHistory) {
        List<String> command = new ArrayList<>();
        // If the test JVM is killed outright (no shutdown hook runs), the kernel stops anvil with it. The death
        // signal follows the thread that forked, so only when that is the main thread, which outlives the run.
        if (Files.isExecutable(SETPRIV) && "main".equals(Thread.currentThread().getName())) {
            command.addAll(List.of(SETPRIV.toString(), "--pdeathsig", "TERM", "--"));
        }
        // Port 0: anvil binds a port the kernel gives it and announces it. A port probed here and bound by anvil
        // later could be taken in between by any process's outgoing connection (the other test parts run beside
        // this one), and a second JVM probing in that window could even get the same port and talk to this chain.
        command.addAll(List.of(executable().toString(), "--host", "127.0.0.1", "--port", "0",
                "--chain-id", String.valueOf(CHAIN_ID)));
        if (pruneHistory) {
            command.addAll(List.of("--prune-history", "128"));
        }
        try {
            // states anvil moves out of memory go under $HOME/.foundry/anvil/tmp and stay there if it is killed: in
            // the build's target (removed with it), not in the user's home, whose disk they filled on the CI machine
            Path home = Path.of("target", "anvil-home").toAbsolutePath();
            Files.createDirectories(home);
            var builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("HOME", home.toString());
            Process process = builder.start();
            int port = announcedPort(process, Duration.ofSeconds(20));
            Anvil anvil = new Anvil(process, "http://127.0.0.1:" + port);
            Runtime.getRuntime().addShutdownHook(new Thread(anvil::close, "anvil-stop")); // Ctrl-C, SIGTERM
            anvil.awaitReady(Duration.ofSeconds(20));
            return anvil;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + command, e);
        }
    }

    private static final Pattern LISTENING = Pattern.compile("^Listening on 127\\.0\\.0\\.1:(\\d+)\\s*$");

    /**
     * The port in anvil's "Listening on 127.0.0.1:port" line. Its output is read to its end on a daemon thread (and
     * dropped), so anvil never blocks on a full pipe as it logs its calls.
     */
    private static int announcedPort(Process process, Duration timeout) {
        var port = new CompletableFuture<Integer>();
        var output = new Thread(() -> {
            try (var lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    var listening = LISTENING.matcher(line);
                    if (!port.isDone() && listening.matches()) {
                        port.complete(Integer.parseInt(listening.group(1)));
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            port.completeExceptionally(new IllegalStateException("anvil ended before it listened"));
        }, "anvil-output");
        output.setDaemon(true);
        output.start();
        try {
            return port.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            throw new IllegalStateException("anvil did not announce its port within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
            throw new IllegalStateException("interrupted while anvil started", e);
        }
    }

    String rpcUrl() {
        return rpcUrl;
    }

    /**
     * The platform's native binary when npm installed it (so stopping it needs no signal forwarding), else the
     * npm launcher script.
     */
    private static Path executable() {
        Path launcher = Path.of(System.getProperty("anvil.executable", "node_modules/.bin/anvil"));
        Path modules = launcher.toAbsolutePath().getParent().getParent();
        String os = System.getProperty("os.name").toLowerCase().contains("mac") ? "darwin" : "linux";
        String arch = System.getProperty("os.arch").contains("aarch64") ? "arm64" : "amd64";
        Path nativeBinary = modules.resolve("@foundry-rs/anvil-" + os + "-" + arch + "/bin/anvil");
        if (Files.isExecutable(nativeBinary)) {
            return nativeBinary;
        }
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException("anvil not found at " + launcher + " (run npm ci in contracts/)");
        }
        return launcher;
    }

    private void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(rpcUrl))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[]}"))
                .build();
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IllegalStateException("anvil exited with " + process.exitValue());
            }
            try {
                if (http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
        throw new IllegalStateException("anvil not ready at " + rpcUrl + " within " + timeout);
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

}
