package io.picktartup.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time of this benchmark's process tree by program (the bench JVM, Payara, PostgreSQL, anvil…), so that a phase
 * can say which process its time went to: {@link #snapshot()} before, {@link #since(Map)} after.
 */
final class ProcessCpu {

    private ProcessCpu() {
    }

    /** CPU time so far per process id, with its program's short name. */
    record Sample(String program, Duration cpu) {
    }

    /**
     * The embedded PostgreSQL's data folder, when a benchmark wants its server counted: {@code pg_ctl} detaches the
     * postmaster, so it and its backends are not this process's descendants.
     */
    private static volatile java.nio.file.Path database;

    /** Counts the PostgreSQL server of {@code dataFolder} (its postmaster and backends) as "postgres" from now on. */
    static void watchDatabase(java.nio.file.Path dataFolder) {
        database = dataFolder;
    }

    static Map<Long, Sample> snapshot() {
        var all = new HashMap<Long, Sample>();
        var self = ProcessHandle.current();
        add(all, self);
        self.descendants().forEach(p -> add(all, p));
        postmaster().ifPresent(postmaster -> {
            add(all, postmaster);
            postmaster.descendants().forEach(p -> add(all, p));
        });
        return all;
    }

    /** The watched database's running postmaster, read from its pid file each time (a restart changes it). */
    private static java.util.Optional<ProcessHandle> postmaster() {
        var data = database;
        if (data == null) {
            return java.util.Optional.empty();
        }
        try {
            long pid = Long.parseLong(java.nio.file.Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
            return ProcessHandle.of(pid);
        } catch (java.io.IOException | RuntimeException e) {
            return java.util.Optional.empty(); // stopped or restarting
        }
    }

    private static void add(Map<Long, Sample> all, ProcessHandle process) {
        var info = process.info();
        info.totalCpuDuration().ifPresent(cpu -> all.put(process.pid(), new Sample(program(process, info), cpu)));
    }

    private static String program(ProcessHandle process, ProcessHandle.Info info) {
        if (process.pid() == ProcessHandle.current().pid()) {
            return "bench";
        }
        String command = info.command().orElse("");
        String name = command.substring(command.lastIndexOf('/') + 1);
        if (!name.matches("[a-z0-9][A-Za-z0-9_.-]*")) {
            return "other"; // gone meanwhile, or a name that is no figure's
        }
        if (name.equals("postgres")) {
            return "postgres"; // the postmaster and its backends (their titles differ, their program does not)
        }
        if (name.equals("java")) {
            return "payara"; // the only other JVM of the tree: the application
        }
        return name;
    }

    /** CPU seconds per program since {@code before} (processes that ended in between are not counted). */
    static Map<String, Double> since(Map<Long, Sample> before) {
        var spent = new TreeMap<String, Double>();
        snapshot().forEach((pid, now) -> {
            var then = before.get(pid);
            Duration cpu = then == null ? now.cpu() : now.cpu().minus(then.cpu());
            spent.merge(now.program(), cpu.toMillis() / 1000.0, Double::sum);
        });
        return spent;
    }

    /** The machine's 1-minute load average (/proc/loadavg), −1 where there is none. */
    static double loadAverage() {
        try {
            return Double.parseDouble(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    /** One thread of the application: its kind ({@link #kind}) and the CPU seconds it has used so far. */
    record ThreadCpu(String kind, double seconds) {
    }

    /** The application's threads' kinds, by their names as the kernel keeps them (15 characters). */
    static final java.util.List<String> KINDS =
            java.util.List.of("jit", "gc-vm", "http", "managed-executors", "ejb-pool", "jfr", "other");

    static String kind(String comm) {
        if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre") || comm.startsWith("Sweeper thread")) {
            return "jit";
        }
        if (comm.startsWith("GC Thread") || comm.startsWith("G1 ") || comm.startsWith("VM ")) {
            return "gc-vm";
        }
        if (comm.startsWith("http-")) {
            return "http";
        }
        if (comm.startsWith("concurrent/")) {
            return "managed-executors";
        }
        if (comm.startsWith("__ejb-thread")) {
            return "ejb-pool";
        }
        if (comm.startsWith("JFR ")) {
            return "jfr";
        }
        return "other";
    }

    /** Each thread's CPU seconds (utime + stime) from /proc; a thread that ended meanwhile is missing. */
    static Map<Long, ThreadCpu> threads(long pid) {
        var threads = new HashMap<Long, ThreadCpu>();
        try (var tasks = java.nio.file.Files.list(java.nio.file.Path.of("/proc", Long.toString(pid), "task"))) {
            for (var task : tasks.toList()) {
                try {
                    String stat = java.nio.file.Files.readString(task.resolve("stat"));
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String[] fields = stat.substring(close + 2).split(" ");
                    // after "(comm) ": state is field 3, utime field 14, stime field 15
                    double ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    threads.put(Long.parseLong(task.getFileName().toString()),
                            new ThreadCpu(kind(stat.substring(open + 1, close)), ticks / 100.0));
                } catch (java.io.IOException | RuntimeException e) {
                    // the thread ended while it was read
                }
            }
        } catch (java.io.IOException e) {
            // the process is gone: no split
        }
        return threads;
    }

    /** CPU seconds per kind ({@link #KINDS}, in that order) used between two {@link #threads} of one process. */
    static Map<String, Double> kindsSince(Map<Long, ThreadCpu> before, Map<Long, ThreadCpu> now) {
        var kinds = new java.util.LinkedHashMap<String, Double>();
        for (var kind : KINDS) {
            kinds.put(kind, 0.0);
        }
        for (var entry : now.entrySet()) {
            var earlier = before.get(entry.getKey());
            kinds.merge(entry.getValue().kind(), entry.getValue().seconds() - (earlier == null ? 0 : earlier.seconds()),
                    Double::sum);
        }
        return kinds;
    }
}
