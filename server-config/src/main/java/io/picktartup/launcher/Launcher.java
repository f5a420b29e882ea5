package io.picktartup.launcher;

import java.nio.file.Path;

/**
 * The run command: starts the platform with its dev services, prints where it is, and stops everything on
 * Ctrl-C or SIGTERM.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        var options = PlatformOptions.fromEnvironment(System.getenv(), root);
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
                  Health       %shealth   Metrics: %smetrics
                  Mail sink    %s
                  Database     %s
                  Chain        %s
                  Payments     %s
                
                Press Ctrl-C to stop.
                """, platform.bootTime().toMillis() / 1000.0, base, base, base, base, base,
                options.mail().isPresent() ? "external SMTP " + options.mail().get().host()
                        : platform.mailUi().toString().replace("127.0.0.1", "localhost") + "  (REST API: /api/user)",
                platform.jdbcUrl(), platform.chainRpcUrl() == null ? "external (PICKTARTUP_CHAIN_RPC_URL)"
                        : platform.chainRpcUrl() + "  PKN token " + platform.contracts().get("token"),
                platform.usesPaymentSandbox()
                        ? "sandbox gateway " + platform.paymentSandbox().baseUri().toString().replace("127.0.0.1",
                        "localhost") + "  (checkout: /checkout, webhook deliveries: /sandbox/webhooks)"
                        : "external gateway (PICKTARTUP_PAYMENT_API_URL)");
        platform.awaitApplicationExit();
        if (!stopping.value) {
            System.err.println("[picktartup] the application server exited; see " + platform.applicationLog());
            System.exit(2);
        }
    }
}
