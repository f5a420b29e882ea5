package io.picktartup.bench;

import io.picktartup.launcher.PlatformOptions;

import io.picktartup.launcher.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where a benchmark's platform comes from: this checkout's build, booted fresh on free ports by the launcher. */
public final class BenchPlatform {

    private BenchPlatform() {
    }

    /** The project's root: the bench scripts start every benchmark from there. */
    public static Path root() {
        return Path.of("").toAbsolutePath();
    }

    /**
     * A fresh platform: an empty embedded PostgreSQL, a fresh anvil with the contracts, the GreenMail sink, the WAR and
     * runtime of this checkout's build, every port free, {@code environment} as the application's settings.
     */
    public static PlatformOptions fresh(Path work, Map<String, String> environment, List<String> jvmOptions) {
        Path root = root();
        environment = benchEnvironment(environment);
        return new PlatformOptions(work, root.resolve("picktartup-web/target/picktartup.war"),
                root.resolve("server-config/target/runtime"), Ports.free(), false, Optional.empty(), Ports.free(),
                Optional.empty(), Ports.free(), Ports.free(),
                Optional.of(new PlatformOptions.DevChainOptions(PlatformOptions.defaultAnvil(root), Ports.free(), Optional.empty())),
                Map.copyOf(environment), jvmOptions);
    }

    /**
     * The application server's JVM options as the run command gives them ({@code PAYARA_JAVA_OPTS}, else the
     * launcher's defaults, which the image and the Kubernetes manifests repeat), plus {@code extra}.
     */
    public static List<String> runCommandJvmOptions(String... extra) {
        var options = new java.util.ArrayList<String>();
        String configured = System.getenv("PAYARA_JAVA_OPTS");
        if (configured != null && !configured.isBlank()) {
            options.addAll(List.of(configured.trim().split("\\s+")));
        } else {
            options.addAll(PlatformOptions.DEFAULT_JVM_OPTIONS);
        }
        options.addAll(List.of(extra));
        return List.copyOf(options);
    }

    /**
     * What every benchmark platform needs beside its own settings: no per-address signup limit (every signup comes
     * from this machine), and the first admin from a password hash, so its password needs no change at first login.
     */
    static Map<String, String> benchEnvironment(Map<String, String> environment) {
        var merged = new java.util.HashMap<>(environment);
        merged.putIfAbsent("PICKTARTUP_AUTH_SIGNUP_ADDRESS_LIMIT", "1000000");
        // bench/cluster.sh runs a benchmark on N instances behind nginx
        String instances = System.getenv(io.picktartup.launcher.Platform.INSTANCES);
        if (instances != null && !instances.isBlank()) {
            merged.putIfAbsent(io.picktartup.launcher.Platform.INSTANCES, instances.trim());
        }
        String password = merged.remove("PICKTARTUP_ADMIN_PASSWORD");
        if (password != null && !merged.containsKey("PICKTARTUP_ADMIN_PASSWORD_HASH")) {
            merged.put("PICKTARTUP_ADMIN_PASSWORD_HASH", new io.picktartup.account.control.PasswordHasher(1).hash(password));
        }
        return merged;
    }

    /** A new, empty work folder for one run; {@link #deleteTree} it at the end. */
    public static Path workDir(String name) {
        try {
            return Files.createTempDirectory("picktartup-" + name + "-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a folder and everything in it; what cannot be deleted is reported, not thrown. */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            Figures.progress("could not delete " + dir + ": " + e);
        }
    }
}
