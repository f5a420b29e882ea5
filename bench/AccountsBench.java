import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.picktartup.launcher.Platform;
import io.picktartup.launcher.PlatformOptions;
import org.bouncycastle.crypto.generators.SCrypt;
import org.web3j.crypto.Wallet;
import org.web3j.crypto.WalletFile;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The accounts figures (issue 4), for bench/accounts.sh: boots the platform through the launcher on free ports with
 * a fresh database, then measures signup (20 concurrent, plus a few one at a time), the server's peak RSS, 200
 * logins, the wallet password check, and one bare scrypt derivation with the keystore's parameters (the floor).
 * Prints "name: value unit" lines. Every request goes to 127.0.0.1; all loops are bounded.
 */
public class AccountsBench {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final String PASSWORD = "bench password, long enough";
    static final String WALLET_PASSWORD = "bench wallet password, different";
    static URI base;

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]).toAbsolutePath();
        Path work = Files.createTempDirectory(Files.createDirectories(root.resolve("bench/target")), "accounts-run-");
        var env = new HashMap<>(System.getenv());
        env.put("PICKTARTUP_RUN_DIR", work.toString());
        env.put("HTTP_PORT", Integer.toString(freePort()));
        env.put("EMBEDDED_DB_PORT", Integer.toString(freePort()));
        env.put("SMTP_PORT", Integer.toString(freePort()));
        env.put("MAIL_UI_PORT", Integer.toString(freePort()));
        env.remove("DB_HOST");
        env.remove("MAIL_HOST");
        var options = PlatformOptions.fromEnvironment(env, root);
        String heap = options.jvmOptions().stream().filter(o -> o.startsWith("-Xmx")).findFirst().orElse("?");
        try (var platform = Platform.start(options)) {
            base = platform.baseUri();
            long pid = platform.applicationPid();
            print("server.max-heap", heap.substring(4), "");
            print("server.rss.after-boot", rssMiB(pid, "VmRSS"), "MiB");
            signups(pid);
        } finally {
            deleteQuietly(work);
        }
    }

    static void signups(long pid) throws Exception {
        // warm-up: one signup (class loading, JIT), not counted
        signUp("warmup@bench.test");

        var peak = new AtomicLong();
        var sampling = new AtomicBoolean(true);
        var sampler = new Thread(() -> {
            while (sampling.get()) {
                peak.accumulateAndGet(rssKiB(pid, "VmRSS"), Math::max);
                sleep(50);
            }
        });
        sampler.start();
        var pool = Executors.newFixedThreadPool(20);
        List<Future<Long>> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String email = "burst" + i + "@bench.test";
            results.add(pool.submit((Callable<Long>) () -> signUp(email)));
        }
        List<Long> burst = new ArrayList<>();
        for (var result : results) {
            burst.add(result.get());
        }
        sampling.set(false);
        sampler.join();
        pool.shutdown();
        print("signup.concurrent20.p50", ms(percentile(burst, 50)), "ms");
        print("signup.concurrent20.p99", ms(percentile(burst, 99)), "ms");
        print("signup.concurrent20.max", ms(percentile(burst, 100)), "ms");
        print("server.rss.peak.signups", String.valueOf(peak.get() / 1024), "MiB");
        print("server.rss.hwm", rssMiB(pid, "VmHWM"), "MiB");

        List<Long> single = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            single.add(signUp("single" + i + "@bench.test"));
        }
        print("signup.sequential.p50", ms(percentile(single, 50)), "ms");

        // 200 logins, 4 at a time, over the 20 accounts
        var loginPool = Executors.newFixedThreadPool(4);
        List<Future<Long>> logins = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String email = "burst" + (i % 20) + "@bench.test";
            logins.add(loginPool.submit((Callable<Long>) () -> timed(() -> {
                var r = post("/api/auth/login", Map.of("email", email, "password", PASSWORD), null);
                check(r, 200);
                return r;
            })));
        }
        List<Long> loginTimes = new ArrayList<>();
        for (var login : logins) {
            loginTimes.add(login.get());
        }
        loginPool.shutdown();
        print("login.200.p50", ms(percentile(loginTimes, 50)), "ms");
        print("login.200.p99", ms(percentile(loginTimes, 99)), "ms");

        // the wallet password check on the server: a keystore export decrypts the keystore once
        var tokens = JSON.readTree(post("/api/auth/login", Map.of("email", "burst0@bench.test", "password", PASSWORD),
                null).body());
        String access = tokens.get("access_token").asText();
        List<Long> checks = new ArrayList<>();
        String keystore = null;
        for (int i = 0; i < 5; i++) {
            var holder = new String[1];
            checks.add(timed(() -> {
                var r = post("/api/accounts/me/wallet/keystore", Map.of("walletPassword", WALLET_PASSWORD), access);
                check(r, 200);
                holder[0] = r.body();
                return r;
            }));
            keystore = holder[0];
        }
        print("wallet.password-check.server.p50", ms(percentile(checks, 50)), "ms");

        WalletFile file = JSON.readValue(keystore, WalletFile.class);
        List<Long> local = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long t = System.nanoTime();
            Wallet.decrypt(WALLET_PASSWORD, file);
            local.add(System.nanoTime() - t);
        }
        print("wallet.password-check.web3j-decrypt.p50", ms(percentile(local, 50)), "ms");

        List<Long> bare = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long t = System.nanoTime();
            SCrypt.generate(WALLET_PASSWORD.getBytes(), new byte[32], 1 << 18, 8, 1, 32);
            bare.add(System.nanoTime() - t);
        }
        long floor = percentile(bare, 50);
        print("scrypt.bare.n262144.r8.p1", ms(floor), "ms");
        print("signup.sequential.p50.ratio-to-scrypt", String.format("%.2f", percentile(single, 50) / (double) floor), "x");
        print("signup.concurrent20.p50.ratio-to-scrypt", String.format("%.2f", percentile(burst, 50) / (double) floor), "x");
    }

    static long signUp(String email) throws Exception {
        return timed(() -> {
            var r = post("/api/auth/signup", Map.of("email", email, "password", PASSWORD, "name", "Bench",
                    "walletPassword", WALLET_PASSWORD), null);
            check(r, 201);
            return r;
        });
    }

    interface Call {
        HttpResponse<String> run() throws Exception;
    }

    static long timed(Call call) throws Exception {
        long t = System.nanoTime();
        call.run();
        return System.nanoTime() - t;
    }

    static HttpResponse<String> post(String path, Map<String, String> body, String token) throws Exception {
        var builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(180))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void check(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    static long percentile(List<Long> values, int p) {
        var sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    static String ms(long nanos) {
        return String.valueOf(Math.round(nanos / 1e6));
    }

    static void print(String name, String value, String unit) {
        System.out.println(name + ": " + value + (unit.isEmpty() ? "" : " " + unit));
    }

    static long rssKiB(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (Exception e) {
            // the process is gone
        }
        return 0;
    }

    static String rssMiB(long pid, String field) {
        return String.valueOf(rssKiB(pid, field) / 1024);
    }

    static int freePort() throws Exception {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void deleteQuietly(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception e) {
            System.err.println("could not delete " + dir + ": " + e);
        }
    }
}
