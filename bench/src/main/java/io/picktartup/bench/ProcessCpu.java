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

    /**
     * CPU seconds per thread group of one process so far, from {@code /proc/<pid>/task/<tid>/stat} (user and system time
     * together): threads are grouped by their name (the JVM gives a Java thread's first 15 characters to the kernel)
     * without its digits, so the JIT's compiler threads, the collector's, the VM thread and each pool's workers each
     * make one group. Empty where there is no /proc.
     */
    static Map<String, Double> threads(long pid) {
        var groups = new TreeMap<String, Double>();
        var tasks = java.nio.file.Path.of("/proc", Long.toString(pid), "task");
        try (var list = java.nio.file.Files.list(tasks)) {
            list.forEach(task -> {
                try {
                    String stat = java.nio.file.Files.readString(task.resolve("stat"));
                    // pid (comm) state … : the name may hold spaces and parentheses, the fields after it do not
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
                    groups.merge(name.replaceAll("[0-9]+", "#"), ticks / 100.0, Double::sum);
                } catch (java.io.IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            });
        } catch (java.io.IOException e) {
            return groups;
        }
        return groups;
    }

    /** What each group of {@link #threads} spent since {@code before} (threads that ended meanwhile are not counted). */
    static Map<String, Double> threadsSince(long pid, Map<String, Double> before) {
        var spent = new TreeMap<String, Double>();
        threads(pid).forEach((group, cpu) -> spent.put(group, Math.max(0, cpu - before.getOrDefault(group, 0.0))));
        return spent;
    }
}
