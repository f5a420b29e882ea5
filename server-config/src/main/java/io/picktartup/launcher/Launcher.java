package io.picktartup.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The run command: starts the platform with its dev services, prints where it is, and stops everything on
 * Ctrl-C or SIGTERM.
 */
public final class Launcher {

    static final String DEV_ADMIN = "admin@picktartup.local";
    static final String DEV_ADMIN_PASSWORD_FILE = "dev-admin-password";

    private Launcher() {
    }

    /** The dev admin's password: generated once per run directory, kept in a file only its owner reads. */
    static String devAdminPassword(Path workDir) {
        try {
            Path file = workDir.resolve(DEV_ADMIN_PASSWORD_FILE);
            if (Files.exists(file)) {
                return Files.readString(file).strip();
            }
            Files.createDirectories(workDir);
            String password = generatedPassword();
            writeOwnerOnly(file, password);
            return password;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String generatedPassword() {
        byte[] random = new byte[18];
        new java.security.SecureRandom().nextBytes(random);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** Writes a secret into a file only its owner reads. */
    static void writeOwnerOnly(Path file, String secret) throws java.io.IOException {
        if (!Files.exists(file)) {
            Files.createFile(file);
        }
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the run directory's own permissions apply
        }
        Files.writeString(file, secret + "\n");
    }

    public static void main(String[] args) throws InterruptedException {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        var options = PlatformOptions.fromEnvironment(System.getenv(), root);
        // a local admin for the sample data and for trying the admin side; its password stays in .run (not in git)
        boolean devAdmin = options.environment().getOrDefault("PICKTARTUP_ADMIN_EMAIL", "").isBlank();
        if (devAdmin) {
            // the sample data signs 37 users up from this machine: more than the per-address signup limit
            options = options.withEnvironment(Map.of("PICKTARTUP_ADMIN_EMAIL", DEV_ADMIN,
                    "PICKTARTUP_ADMIN_PASSWORD", devAdminPassword(options.workDir()),
                    "PICKTARTUP_AUTH_SIGNUP_ADDRESS_LIMIT", options.environment()
                            .getOrDefault("PICKTARTUP_AUTH_SIGNUP_ADDRESS_LIMIT", "100")));
        }
        if (!options.environment().containsKey("PICKTARTUP_PUBLIC_URL")) {
            // the links in mails (email verification) point at this run's pages
            options = options.withEnvironment(Map.of("PICKTARTUP_PUBLIC_URL", "http://localhost:" + options.httpPort()));
        }
        if (!"false".equalsIgnoreCase(options.environment().getOrDefault("PICKTARTUP_PROMETHEUS", "true"))
                && !options.environment().containsKey("PICKTARTUP_PROMETHEUS_PORT")) {
            // Prometheus with the shipped rules, when installed (docs/operations.md)
            options = options.withEnvironment(Map.of("PICKTARTUP_PROMETHEUS_PORT", "9090"));
        }
        String prometheusPort = options.environment().getOrDefault("PICKTARTUP_PROMETHEUS_PORT", "").trim();
        if (!prometheusPort.isEmpty() && Prometheus.binary(System.getenv()).isPresent()
                && !options.environment().containsKey("PICKTARTUP_PROMETHEUS_URL")) {
            // the admin dashboard draws its charts from this Prometheus' query API
            options = options.withEnvironment(Map.of("PICKTARTUP_PROMETHEUS_URL", "http://127.0.0.1:" + prometheusPort));
        }
        var holder = new Platform[1];
        var stopping = new Object() {
            volatile boolean value;
        };
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.value = true;
            System.out.println("[picktartup] stopping…");
            synchronized (holder) {
                if (holder[0] != null) {
                    holder[0].close();
                }
            }
            System.out.println("[picktartup] stopped");
        }, "picktartup-stop"));
        Platform platform;
        try {
            platform = Platform.start(options);
        } catch (RuntimeException e) {
            if (!stopping.value) {
                System.err.println("[picktartup] could not start: " + e.getMessage());
                System.exit(1);
            }
            return;
        }
        synchronized (holder) {
            holder[0] = platform;
        }
        var base = platform.baseUri().toString().replace("127.0.0.1", "localhost");
        System.out.printf("""
                [picktartup] ready in %.1f s
                
                  Picktartup   %s
                  API          %sapi   (OpenAPI description: %sopenapi)
                  Health       %shealth   Metrics: %smetrics (scrape token in .run/metrics-token)
                  Prometheus   %s
                  Mail sink    %s
                  Database     %s
                  Chain        %s
                  Payments     %s
                
                Press Ctrl-C to stop.
                """, platform.bootTime().toMillis() / 1000.0, base, base, base, base, base,
                platform.prometheus().map(p -> p.uri().toString().replace("127.0.0.1", "localhost"))
                        .orElse("not running (apt-get install prometheus)"),
                options.mail().isPresent() ? "external SMTP " + options.mail().get().host()
                        : platform.mailUi().toString().replace("127.0.0.1", "localhost") + "  (REST API: /api/user)",
                platform.jdbcUrl(), platform.chainRpcUrl() == null ? "external (PICKTARTUP_CHAIN_RPC_URL)"
                        : platform.chainRpcUrl() + "  PKN token " + platform.contracts().get("token"),
                platform.usesPaymentSandbox()
                        ? "sandbox gateway " + platform.paymentSandbox().baseUri().toString().replace("127.0.0.1",
                        "localhost") + "  (checkout: /checkout, webhook deliveries: /sandbox/webhooks)"
                        : "external gateway (PICKTARTUP_PAYMENT_API_URL)");
        boolean samples = devAdmin && platform.chainRpcUrl() != null
                && !"false".equalsIgnoreCase(System.getenv().getOrDefault("PICKTARTUP_SAMPLE_DATA", "true"));
        if (samples) {
            try {
                System.out.println("[picktartup] sample data: " + new SampleData(platform.baseUri()).loadInto(platform,
                        DEV_ADMIN, options.environment().get("PICKTARTUP_ADMIN_PASSWORD"),
                        options.workDir().resolve(DEV_ADMIN_PASSWORD_FILE)));
                System.out.println("[picktartup] admin: " + DEV_ADMIN + " (password in "
                        + options.workDir().resolve(DEV_ADMIN_PASSWORD_FILE) + ")");
            } catch (Exception e) {
                System.err.println("[picktartup] sample data not loaded: " + e.getMessage());
            }
        }
        platform.awaitApplicationExit();
        if (!stopping.value) {
            System.err.println("[picktartup] the application server exited; see " + platform.applicationLog());
            System.exit(2);
        }
    }
}
