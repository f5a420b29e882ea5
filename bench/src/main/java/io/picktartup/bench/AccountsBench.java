package io.picktartup.bench;

import io.picktartup.launcher.Platform;
import io.picktartup.launcher.PlatformOptions;
import io.picktartup.launcher.Ports;
import org.bouncycastle.crypto.generators.SCrypt;
import org.web3j.crypto.Wallet;
import org.web3j.crypto.WalletFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static io.picktartup.bench.Figures.fixed;
import static io.picktartup.bench.Figures.measured;

/**
 * The accounts figures (bench/accounts.sh): boots the platform through the launcher on free ports with a fresh
 * database, then measures signup (20 concurrent, plus a few one at a time), the server's peak RSS, 200 logins, the
 * wallet password check, and one bare scrypt derivation with the keystore's parameters (the floor). The server's JVM
 * options are the run command's ({@code PAYARA_JAVA_OPTS}). Every request goes to 127.0.0.1; all loops are bounded.
 */
public final class AccountsBench {

    static final String PASSWORD = "bench password, long enough";
    static final String WALLET_PASSWORD = "bench wallet password, different";

    private final Api api;
    private final long pid;

    private AccountsBench(Api api, long pid) {
        this.api = api;
        this.pid = pid;
    }

    public static void main(String[] args) throws Exception {
        Figures.claimStandardOutput();
        Path root = BenchPlatform.root();
        Path work = Files.createTempDirectory(Files.createDirectories(root.resolve("bench/target")), "accounts-run-");
        var env = new HashMap<>(System.getenv());
        env.put("PICKTARTUP_RUN_DIR", work.toString());
        env.put("HTTP_PORT", Integer.toString(Ports.free()));
        env.put("EMBEDDED_DB_PORT", Integer.toString(Ports.free()));
        env.put("SMTP_PORT", Integer.toString(Ports.free()));
        env.put("MAIL_UI_PORT", Integer.toString(Ports.free()));
        env.put("CHAIN_PORT", Integer.toString(Ports.free()));
        env.remove("DB_HOST");
        env.remove("MAIL_HOST");
        env.remove("PICKTARTUP_CHAIN_RPC_URL");
        env.putIfAbsent("PICKTARTUP_AUTH_SIGNUP_ADDRESS_LIMIT", "1000000");
        var options = PlatformOptions.fromEnvironment(env, root);
        String heap = options.jvmOptions().stream().filter(o -> o.startsWith("-Xmx")).findFirst().orElse("-Xmx?");
        try (var platform = Platform.start(options)) {
            long pid = platform.applicationPid();
            measured("server.max-heap", heap.substring(4), "", "the application server's -Xmx");
            measured("server.rss.after-boot", rssKiB(pid, "VmRSS") / 1024, "MiB");
            new AccountsBench(new Api(platform.baseUri()).verifyingOn(platform), pid).run();
        } finally {
            BenchPlatform.deleteTree(work);
        }
    }

    void run() throws Exception {
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
        measured("signup.concurrent20.p50", ms(Stats.percentile(burst, 0.5)), "ms");
        measured("signup.concurrent20.p99", ms(Stats.percentile(burst, 0.99)), "ms");
        measured("signup.concurrent20.max", ms(Stats.percentile(burst, 1)), "ms");
        measured("server.rss.peak.signups", peak.get() / 1024, "MiB", "sampled every 50 ms during the 20 signups");
        measured("server.rss.hwm", rssKiB(pid, "VmHWM") / 1024, "MiB", "the kernel's high-water mark since boot");

        List<Long> single = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            single.add(signUp("single" + i + "@bench.test"));
        }
        measured("signup.sequential.p50", ms(Stats.median(single)), "ms");
        // what following the mailed links does, so the accounts log in (the warm-up, 20 in the burst, 5 one by one)
        api.verifyPending(26);

        // 200 logins, 4 at a time, over the 20 accounts
        var loginPool = Executors.newFixedThreadPool(4);
        List<Future<Long>> logins = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String email = "burst" + (i % 20) + "@bench.test";
            logins.add(loginPool.submit((Callable<Long>) () -> timed(() -> api.login(email, PASSWORD))));
        }
        List<Long> loginTimes = new ArrayList<>();
        for (var login : logins) {
            loginTimes.add(login.get());
        }
        loginPool.shutdown();
        measured("login.200.p50", ms(Stats.median(loginTimes)), "ms", "4 at a time");
        measured("login.200.p99", ms(Stats.percentile(loginTimes, 0.99)), "ms");

        // the wallet password check on the server: a keystore export decrypts the keystore once
        String access = api.login("burst0@bench.test", PASSWORD);
        List<Long> checks = new ArrayList<>();
        String[] keystore = new String[1];
        for (int i = 0; i < 5; i++) {
            checks.add(timed(() -> keystore[0] = Api.expect(200, api.call("POST", "/api/accounts/me/wallet/keystore",
                    access, Api.body("walletPassword", WALLET_PASSWORD))).toString()));
        }
        measured("wallet.password-check.server.p50", ms(Stats.median(checks)), "ms", "POST …/wallet/keystore");

        WalletFile file = Api.JSON.readValue(keystore[0], WalletFile.class);
        List<Long> local = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            local.add(timed(() -> Wallet.decrypt(WALLET_PASSWORD, file)));
        }
        measured("wallet.password-check.web3j-decrypt.p50", ms(Stats.median(local)), "ms", "the same keystore, in this JVM");

        List<Long> bare = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            bare.add(timed(() -> SCrypt.generate(WALLET_PASSWORD.getBytes(), new byte[32], 1 << 18, 8, 1, 32)));
        }
        double floor = Stats.median(bare);
        measured("scrypt.bare.n262144.r8.p1", ms(floor), "ms", "the floor of a signup, in this JVM");
        measured("signup.sequential.p50.ratio-to-scrypt", fixed(Stats.median(single) / floor, 2), "x");
        measured("signup.concurrent20.p50.ratio-to-scrypt", fixed(Stats.median(burst) / floor, 2), "x");
    }

    long signUp(String email) throws Exception {
        return timed(() -> {
            api.signUpOnly(email, PASSWORD, "Bench", WALLET_PASSWORD);
            return null;
        });
    }

    /** Nanoseconds {@code work} took. */
    static long timed(Callable<?> work) throws Exception {
        long t = System.nanoTime();
        work.call();
        return System.nanoTime() - t;
    }

    static long ms(double nanos) {
        return Math.round(nanos / 1e6);
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

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
