package io.picktartup.bench;

import io.picktartup.bench.bare.BareApplication;
import io.picktartup.bench.bare.BareResource;
import io.picktartup.launcher.Platform;
import io.picktartup.launcher.PlatformOptions;
import io.picktartup.launcher.Ports;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static io.picktartup.bench.Figures.fixed;
import static io.picktartup.bench.Figures.measured;

/**
 * The per-request floor (issue 19 §1): calls per second of the platform's cheapest public call
 * ({@code GET /api/platform}) and of an authenticated one ({@code GET /api/accounts/me}) beside a bare JAX-RS WAR (one
 * resource answering a small JSON document, packed here at run time from {@link BareResource}) on the same Payara Micro
 * jar with the same JVM options (the run command's defaults, or {@code PAYARA_JAVA_OPTS}), loaded by the same client:
 * {@code connections} kept-alive HTTP/1.1 connections, each sending {@code depth} requests back to back before reading
 * their answers (depth 1: a closed loop), for {@code seconds} after a warm-up of the same length. Both servers run at
 * once and their rounds are interleaved (bare, platform, me; twice), so a drift of the shared machine's load falls on
 * all three alike. Goals: platform ≥ 0.5× bare, me ≥ 0.4× bare.
 *
 * <p>{@code REQUEST_PROFILE=1}: a JFR recording of the platform during its two rounds, with the hottest frames printed
 * to standard error (kept as {@code bench/target/request-profile.jfr}).
 *
 * <p>bench/request.sh [seconds, default 15] [connections, default 16] [depth, default 1]
 */
public final class RequestFloor {

    private RequestFloor() {
    }

    public static void main(String[] args) throws Exception {
        Figures.claimStandardOutput();
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int depth = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        boolean profile = "1".equals(System.getenv("REQUEST_PROFILE"));
        Path root = BenchPlatform.root();
        Path work = BenchPlatform.workDir("request");
        List<String> jvm = jvmOptions();
        measured("request.load-before", InvestRush.loadAverage(), "", "1-min load average; the machine is shared");
        Figures.progress("JVM options of both servers: " + String.join(" ", jvm));
        Process bareServer = null;
        try {
            var bareBase = URI.create("http://127.0.0.1:" + Ports.free());
            bareServer = startBare(root, work, jvm, bareBase);
            var options = BenchPlatform.fresh(work.resolve("platform"),
                    Map.of("PICKTARTUP_BATCH_HEARTBEAT_ON_BOOT", "false"), jvm);
            try (var platform = Platform.start(options)) {
                var api = new Api(platform.baseUri()).verifyingOn(platform);
                api.signUp("floor@bench.test", "Floor-Password-1", "Floor", "Floor-Wallet-1");
                String token = api.login("floor@bench.test", "Floor-Password-1");
                URI base = platform.baseUri();
                String bareRequest = request(bareBase, "/api/platform", null);
                String platformRequest = request(base, "/api/platform", null);
                String meRequest = request(base, "/api/accounts/me", token);
                Path recording = root.resolve("bench/target/request-profile.jfr");
                // warm-up: JIT, pools, caches of both servers
                load(bareBase, bareRequest, connections, depth, seconds);
                load(base, platformRequest, connections, depth, seconds);
                load(base, meRequest, connections, depth, seconds);
                if (profile) {
                    jcmd(platform.applicationPid(), "JFR.start", "name=request", "settings=profile",
                            "filename=" + recording);
                }
                // both servers up at once, their rounds interleaved: a machine whose load drifts (it is shared)
                // drifts under all three alike
                int rounds = 2;
                double bare = 0;
                double onPlatform = 0;
                double me = 0;
                for (int round = 0; round < rounds; round++) {
                    bare += load(bareBase, bareRequest, connections, depth, seconds) / rounds;
                    onPlatform += load(base, platformRequest, connections, depth, seconds) / rounds;
                    me += load(base, meRequest, connections, depth, seconds) / rounds;
                }
                if (profile) {
                    jcmd(platform.applicationPid(), "JFR.stop", "name=request");
                    hottest(recording);
                }
                String how = connections + " connections, depth " + depth + ", mean of " + rounds + " rounds of "
                        + seconds + " s interleaved with the others";
                measured("request.bare", fixed(bare, 1), "/s", "GET /api/platform of a bare JAX-RS WAR, " + how);
                measured("request.platform", fixed(onPlatform, 1), "/s", "GET /api/platform of the platform, " + how);
                measured("request.me", fixed(me, 1), "/s", "GET /api/accounts/me with a Bearer token, " + how);
                double platformRatio = onPlatform / bare;
                double meRatio = me / bare;
                measured("request.platform.ratio", fixed(platformRatio, 2), "x", "of request.bare");
                measured("request.me.ratio", fixed(meRatio, 2), "x", "of request.bare");
                Figures.verdict("request.platform.goal", platformRatio >= 0.5, fixed(platformRatio, 2)
                        + " x of the bare WAR, goal ≥ 0.5");
                Figures.verdict("request.me.goal", meRatio >= 0.4, fixed(meRatio, 2)
                        + " x of the bare WAR, goal ≥ 0.4");
                measured("request.platform.ms-per-call-over-bare", fixed(1000 * connections / onPlatform
                        - 1000 * connections / bare, 2), "ms", "latency added per call at this concurrency");
            }
            measured("request.load-after", InvestRush.loadAverage(), "", "1-min load average");
        } finally {
            if (bareServer != null) {
                bareServer.destroy();
                if (!bareServer.waitFor(30, TimeUnit.SECONDS)) {
                    bareServer.destroyForcibly().waitFor();
                }
            }
            BenchPlatform.deleteTree(work);
        }
    }

    /** The run command's JVM options of Payara Micro ({@code PAYARA_JAVA_OPTS} when set). */
    static List<String> jvmOptions() {
        var env = new HashMap<>(System.getenv());
        env.remove("PICKTARTUP_CHAIN_RPC_URL");
        return PlatformOptions.fromEnvironment(env, BenchPlatform.root()).jvmOptions();
    }

    /** Boots Payara Micro with the bare WAR at {@code base} and waits until it answers; the server's process. */
    static Process startBare(Path root, Path work, List<String> jvm, URI base) throws Exception {
        Path dir = Files.createDirectories(work.resolve("bare"));
        Path war = bareWar(dir.resolve("bare.war"));
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvm);
        command.add("-Djava.io.tmpdir=" + Files.createDirectories(dir.resolve("tmp")));
        command.addAll(List.of("-jar", root.resolve("server-config/target/runtime/payara-micro.jar").toString(),
                "--deploy", war.toString(), "--contextroot", "/", "--port", Integer.toString(base.getPort()),
                "--nohazelcast", "--rootdir", dir.resolve("root").toString()));
        Process payara = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("payara.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (status(base.resolve("/api/platform")) != 200) {
            if (!payara.isAlive() || System.nanoTime() > deadline) {
                payara.destroyForcibly();
                throw new IllegalStateException("bare Payara Micro did not come up; see its log:\n"
                        + Files.readString(dir.resolve("payara.log")));
            }
            Thread.sleep(200);
        }
        return payara;
    }

    /** The bare WAR: the two classes of {@code io.picktartup.bench.bare}, nothing else. */
    static Path bareWar(Path war) throws IOException {
        try (var zip = new ZipOutputStream(Files.newOutputStream(war))) {
            for (Class<?> type : List.of(BareApplication.class, BareResource.class, BareResource.About.class)) {
                String name = type.getName().replace('.', '/') + ".class";
                zip.putNextEntry(new ZipEntry("WEB-INF/classes/" + name));
                try (InputStream in = RequestFloor.class.getClassLoader().getResourceAsStream(name)) {
                    in.transferTo(zip);
                }
                zip.closeEntry();
            }
        }
        return war;
    }

    static int status(URI uri) {
        try {
            var connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout(2000);
            connection.setReadTimeout(5000);
            int status = connection.getResponseCode();
            connection.disconnect();
            return status;
        } catch (IOException e) {
            return -1;
        }
    }

    static String request(URI base, String path, String bearer) {
        return new String(RawHttp.request(base, "GET", path, bearer, null), StandardCharsets.US_ASCII);
    }

    /**
     * Answers with status 200 per second: {@code connections} threads, each on its own kept-alive connection, writing
     * {@code depth} requests at once and then reading their answers, for {@code seconds}. Any other status stops it.
     */
    static double load(URI base, String request, int connections, int depth, int seconds) throws Exception {
        byte[] batch = request.repeat(depth).getBytes(StandardCharsets.US_ASCII);
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        var stop = new AtomicBoolean();
        List<Future<Long>> counts = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < connections; i++) {
            counts.add(pool.submit(() -> {
                long ok = 0;
                while (!stop.get()) {
                    // Payara closes a kept-alive connection after a number of requests (Connection: close): reopen
                    try (var socket = new Socket(base.getHost(), base.getPort())) {
                        socket.setTcpNoDelay(true);
                        socket.setSoTimeout(60_000);
                        OutputStream out = socket.getOutputStream();
                        var in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
                        boolean open = true;
                        while (open && !stop.get()) {
                            out.write(batch);
                            out.flush();
                            for (int d = 0; d < depth && open; d++) {
                                int answer = RawHttp.read(in, null);
                                int status = answer & 0xFFFF;
                                if (status != 200) {
                                    throw new IllegalStateException(request.lines().findFirst().orElse("")
                                            + " answered " + status);
                                }
                                ok++;
                                open = (answer & RawHttp.CLOSE) == 0;
                            }
                        }
                    }
                }
                return ok;
            }));
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        long total = 0;
        for (var count : counts) {
            total += count.get();
        }
        double wall = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        long end = System.currentTimeMillis();
        Figures.progress(request.lines().findFirst().orElse("") + ": " + total + " answers in " + fixed(wall, 1) + " s"
                + " (epoch ms " + (end - Math.round(wall * 1000)) + " to " + end + ", for a profile's time window)");
        return total / wall;
    }

    static void jcmd(long pid, String... command) throws Exception {
        var line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid)));
        line.addAll(List.of(command));
        var process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("jcmd " + String.join(" ", command) + ": " + output);
        }
    }

    /** The hottest frames of the recording (CPU samples): top frames, and io.picktartup frames anywhere on a stack. */
    static void hottest(Path recording) throws IOException {
        Map<String, Integer> top = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        int samples = 0;
        for (var event : RecordingFile.readAllEvents(recording)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (!frames.isEmpty()) {
                top.merge(name(frames.get(0)), 1, Integer::sum);
            }
            var seen = new java.util.HashSet<String>();
            for (var frame : frames) {
                String name = name(frame);
                if (seen.add(name)) {
                    inclusive.merge(name, 1, Integer::sum);
                }
            }
        }
        int all = samples;
        Figures.progress("JFR: " + samples + " CPU samples in " + recording);
        Figures.progress("hottest top frames:");
        top.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(40)
                .forEach(e -> Figures.progress(String.format("  %5.1f %%  %s", 100.0 * e.getValue() / all, e.getKey())));
        Figures.progress("methods on most stacks (inclusive):");
        inclusive.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(150)
                .forEach(e -> Figures.progress(String.format("  %5.1f %%  %s", 100.0 * e.getValue() / all, e.getKey())));
    }

    private static String name(RecordedFrame frame) {
        var method = frame.getMethod();
        return method.getType().getName() + "." + method.getName();
    }
}
