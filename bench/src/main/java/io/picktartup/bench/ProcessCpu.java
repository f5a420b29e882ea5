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

    static Map<Long, Sample> snapshot() {
        var all = new HashMap<Long, Sample>();
        var self = ProcessHandle.current();
        add(all, self);
        self.descendants().forEach(p -> add(all, p));
        return all;
    }

    private static void add(Map<Long, Sample> all, ProcessHandle process) {
        var info = process.info();
        info.totalCpuDuration().ifPresent(cpu -> all.put(process.pid(), new Sample(program(process, info), cpu)));
    }

    private static String program(ProcessHandle process, ProcessHandle.Info info) {
        if (process.pid() == ProcessHandle.current().pid()) {
            return "bench";
        }
        String command = info.command().orElse("?");
        String name = command.substring(command.lastIndexOf('/') + 1);
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
}
