package io.picktartup.platform.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.annotation.RegistryType;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * What the base metrics lack about the process: its CPU load, open and maximum file descriptors (from the JVM's
 * operating-system bean), and, on Linux, its disk IO ({@code /proc/self/io}) and the network IO of its network
 * namespace ({@code /proc/self/net/dev}, loopback excluded). A figure the platform does not expose is -1.
 */
@ApplicationScoped
public class ProcessMetrics {

    @Inject
    @RegistryType(type = MetricRegistry.Type.APPLICATION)
    MetricRegistry registry;

    void register(@Observes @Initialized(ApplicationScoped.class) Object application) {
        var os = ManagementFactory.getOperatingSystemMXBean();
        gauge("process_cpu_load", MetricUnits.NONE, "CPU load of this process, 0 to 1 of all cores",
                () -> os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuLoad() : -1);
        gauge("process_open_fds", MetricUnits.NONE, "Open file descriptors (files, sockets)",
                () -> os instanceof com.sun.management.UnixOperatingSystemMXBean unix
                        ? unix.getOpenFileDescriptorCount() : -1);
        gauge("process_max_fds", MetricUnits.NONE, "Maximum file descriptors",
                () -> os instanceof com.sun.management.UnixOperatingSystemMXBean unix
                        ? unix.getMaxFileDescriptorCount() : -1);
        gauge("process_disk_read_bytes", MetricUnits.NONE, "Bytes this process read from storage (a counter)",
                () -> procIo("read_bytes"));
        gauge("process_disk_write_bytes", MetricUnits.NONE, "Bytes this process wrote to storage (a counter)",
                () -> procIo("write_bytes"));
        gauge("process_network_receive_bytes", MetricUnits.NONE,
                "Bytes received on the non-loopback interfaces (a counter)", () -> netDev(0));
        gauge("process_network_transmit_bytes", MetricUnits.NONE,
                "Bytes sent on the non-loopback interfaces (a counter)", () -> netDev(8));
    }

    private void gauge(String name, String unit, String description, Supplier<Number> value) {
        registry.gauge(Metadata.builder().withName(name).withUnit(unit).withDescription(description).build(),
                value, s -> s.get().doubleValue());
    }

    static double procIo(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
                if (line.startsWith(field + ":")) {
                    return Double.parseDouble(line.substring(field.length() + 1).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: unknown
        }
        return -1;
    }

    /** Column {@code column} (0: received bytes, 8: sent bytes) summed over the interfaces but loopback. */
    static double netDev(int column) {
        try {
            double sum = 0;
            for (String line : Files.readAllLines(Path.of("/proc/self/net/dev"))) {
                int colon = line.indexOf(':');
                if (colon < 0 || line.substring(0, colon).trim().equals("lo")) {
                    continue;
                }
                sum += Double.parseDouble(line.substring(colon + 1).trim().split("\\s+")[column]);
            }
            return sum;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
