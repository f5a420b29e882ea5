package io.picktartup.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A server the launcher starts. Wrapped in {@code setpriv --pdeathsig TERM} where available, so the kernel stops
 * it even when the launcher is killed with SIGKILL and no shutdown hook runs. Output goes to a log file.
 */
final class ChildProcess implements AutoCloseable {

    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");

    private final String name;
    private final Process process;
    private final Path log;

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static ChildProcess start(String name, List<String> command, Map<String, String> environment, Path log)
            throws IOException {
        var full = new ArrayList<String>();
        if (Files.isExecutable(SETPRIV)) {
            full.addAll(List.of(SETPRIV.toString(), "--pdeathsig", "TERM", "--"));
        }
        full.addAll(command);
        Files.createDirectories(log.getParent());
        var builder = new ProcessBuilder(full).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        return new ChildProcess(name, builder.start(), log);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    String name() {
        return name;
    }

    private long scannedBytes;

    /** Whether the log has a line containing {@code marker}; reads only what was appended since the last call. */
    boolean logContains(String marker) {
        try (var file = new java.io.RandomAccessFile(log.toFile(), "r")) {
            long length = file.length();
            if (length <= scannedBytes) {
                return false;
            }
            long from = Math.max(0, scannedBytes - marker.length());
            file.seek(from);
            byte[] chunk = new byte[(int) Math.min(length - from, 16 * 1024 * 1024)];
            file.readFully(chunk);
            scannedBytes = length;
            return new String(chunk, java.nio.charset.StandardCharsets.UTF_8).contains(marker);
        } catch (IOException e) {
            return false;
        }
    }

    /** The last lines of the log, to say why a child did not come up. */
    String tail(int lines) {
        try {
            var all = Files.readAllLines(log);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /**
     * The log's first error records (SEVERE, or an exception named at a line's start as a cause), each with the two
     * lines after it: where a child that exited says why, which its last lines (the shutdown's stack) do not.
     */
    String firstErrors(int records) {
        try {
            var all = Files.readAllLines(log);
            var out = new ArrayList<String>();
            int found = 0;
            for (int i = 0; i < all.size() && found < records; i++) {
                String line = all.get(i);
                if (line.contains("SEVERE") || line.contains("Address already in use")
                        || line.stripLeading().startsWith("Caused by:") || line.startsWith("java.")) {
                    out.addAll(all.subList(i, Math.min(all.size(), i + 3)));
                    found++;
                    i += 2;
                }
            }
            return out.isEmpty() ? "(none)" : String.join(System.lineSeparator(), out);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /**
     * A thread dump of the child (a JVM) written beside its log with the JDK's {@code jcmd}, for a child that runs but
     * does not answer; returns the dump's thread headers and the application's own frames (io.picktartup), at most
     * {@code lines} of them, or why there is none.
     */
    String threadDump(int lines) {
        Path dump = log.resolveSibling(name + "-threads.txt");
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return "(no thread dump: no " + jcmd + ")";
        }
        try {
            var dumping = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "Thread.print")
                    .redirectErrorStream(true).redirectOutput(dump.toFile()).start();
            if (!dumping.waitFor(60, TimeUnit.SECONDS)) {
                dumping.destroyForcibly();
            }
            var kept = Files.readAllLines(dump).stream()
                    .filter(line -> line.startsWith("\"") || line.contains("io.picktartup")
                            || line.contains("java.lang.Thread.State"))
                    .limit(lines)
                    .toList();
            return "(whole dump: " + dump + ")" + System.lineSeparator() + String.join(System.lineSeparator(), kept);
        } catch (IOException e) {
            return "(no thread dump: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(no thread dump: interrupted)";
        }
    }

    /** SIGTERM, a grace period, then SIGKILL; also for the child's own children. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
