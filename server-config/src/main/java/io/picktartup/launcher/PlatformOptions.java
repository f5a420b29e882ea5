package io.picktartup.launcher;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What to start and where. {@link #fromEnvironment} reads the run command's settings; tests build their own.
 *
 * @param workDir      where data, logs and Payara's root directories go ({@code .run/} for developers)
 * @param war          the application to deploy
 * @param runtimeDir   holds payara-micro.jar, postgresql.jar and greenmail-standalone.jar
 * @param httpPort     Payara's HTTP port
 * @param keepData     keep the embedded database between runs (developers) or start empty (tests)
 * @param database     an external PostgreSQL, or empty for the embedded one on {@code embeddedDbPort}
 * @param mail         an external SMTP server, or empty for the GreenMail sink on {@code smtpPort}/{@code mailApiPort}
 * @param devChain     the anvil dev chain to start, or empty when PICKTARTUP_CHAIN_RPC_URL names another chain
 * @param environment  further settings passed to the application (MicroProfile Config reads them)
 * @param jvmOptions   options of Payara's JVM
 */
public record PlatformOptions(Path workDir, Path war, Path runtimeDir, int httpPort, boolean keepData,
                              Optional<ExternalDatabase> database, int embeddedDbPort,
                              Optional<ExternalMail> mail, int smtpPort, int mailApiPort,
                              Optional<DevChainOptions> devChain,
                              Map<String, String> environment, List<String> jvmOptions) {

    /** The same options with further application settings (the given ones win). */
    public PlatformOptions withEnvironment(Map<String, String> more) {
        var merged = new java.util.LinkedHashMap<>(environment);
        merged.putAll(more);
        return new PlatformOptions(workDir, war, runtimeDir, httpPort, keepData, database, embeddedDbPort, mail, smtpPort,
                mailApiPort, devChain, Map.copyOf(merged), jvmOptions);
    }

    /**
     * The dev chain: anvil's binary, its port, and optionally another URL the application should use to reach it
     * (tests put a switchable proxy in between to take the node "down").
     */
    public record DevChainOptions(Path anvilBinary, int port, Optional<String> rpcUrlForApplication) {
    }

    /** A PostgreSQL server the platform does not own. */
    public record ExternalDatabase(String host, int port, String name, String user, String password) {
    }

    /** An SMTP server the platform does not own. */
    public record ExternalMail(String host, int port) {
    }

    // 1.5 GiB: two wallet key derivations at once (256 MiB each, one per core; see Keystores) beside the application
    // (~280 MiB live). Measured: with 1 GiB each 256 MiB array forces a full collection and a derivation takes
    // 1.7-3 s instead of 0.9 s; with 1.5 GiB it stays at the bare scrypt time. The young generation is held to 96 MiB:
    // the serial collector keeps what it once committed, and an uncapped one (a third of the heap) took the RSS under
    // the rush to ~1.1 GB; capped, ~0.9 GB, and the derivations still do not thrash (docs/sizing.md#memory).
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xms64m", "-Xmx1536m", "-Xmn96m", "-XX:+UseSerialGC",
            "-Xss512k", "-XX:ReservedCodeCacheSize=96m", "-XX:MaxMetaspaceSize=256m");

    /** The run command's settings: every one has a default and an environment variable (see README). */
    public static PlatformOptions fromEnvironment(Map<String, String> env, Path projectRoot) {
        var database = Optional.ofNullable(env.get("DB_HOST")).filter(h -> !h.isBlank())
                .map(host -> new ExternalDatabase(host, integer(env, "DB_PORT", 5432),
                        env.getOrDefault("DB_NAME", "picktartup"), env.getOrDefault("DB_USER", "picktartup"),
                        env.getOrDefault("DB_PASSWORD", "")));
        var mail = Optional.ofNullable(env.get("MAIL_HOST")).filter(h -> !h.isBlank())
                .map(host -> new ExternalMail(host, integer(env, "MAIL_PORT", 25)));
        var passOn = new LinkedHashMap<String, String>();
        env.forEach((key, value) -> {
            if (key.startsWith("PICKTARTUP_") || key.startsWith("MP_") || key.equals("MAIL_FROM")) {
                passOn.put(key, value);
            }
        });
        var jvm = Optional.ofNullable(env.get("PAYARA_JAVA_OPTS")).filter(s -> !s.isBlank())
                .map(s -> List.of(s.trim().split("\\s+"))).orElse(DEFAULT_JVM_OPTIONS);
        var devChain = Optional.ofNullable(env.get("PICKTARTUP_CHAIN_RPC_URL")).filter(u -> !u.isBlank()).isPresent()
                ? Optional.<DevChainOptions>empty()
                : Optional.of(new DevChainOptions(Path.of(env.getOrDefault("PICKTARTUP_ANVIL", defaultAnvil(projectRoot).toString())),
                        integer(env, "CHAIN_PORT", 8545), Optional.empty()));
        return new PlatformOptions(
                Path.of(env.getOrDefault("PICKTARTUP_RUN_DIR", projectRoot.resolve(".run").toString())),
                Path.of(env.getOrDefault("PICKTARTUP_WAR",
                        projectRoot.resolve("picktartup-web/target/picktartup.war").toString())),
                projectRoot.resolve("server-config/target/runtime"),
                integer(env, "HTTP_PORT", 8080), true, database, integer(env, "EMBEDDED_DB_PORT", 15432),
                mail, integer(env, "SMTP_PORT", 2525), integer(env, "MAIL_UI_PORT", 8025), devChain, passOn, jvm);
    }

    /** anvil as npm installed it for the contracts build (the native binary, not the node wrapper). */
    public static Path defaultAnvil(Path projectRoot) {
        return projectRoot.resolve("contracts/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil");
    }

    private static int integer(Map<String, String> env, String key, int fallback) {
        String value = env.get(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a port number, not '" + value + "'");
        }
    }
}
