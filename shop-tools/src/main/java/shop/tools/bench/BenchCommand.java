package shop.tools.bench;

import java.lang.management.ManagementFactory;

import com.sun.management.OperatingSystemMXBean;

import picocli.CommandLine.Command;

@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = {CatalogBenchmark.class, ProjectorBenchmark.class, LatencyBenchmark.class,
        CommandsBenchmark.class, RebuildBenchmark.class},
        description = "Benchmarks: programs that print figures measured against a baseline in the same run")
public class BenchCommand {

    /** The machine's 1-minute load average, printed beside figures that other work on the machine distorts. */
    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /**
     * The line with the load average and the cores, printed before a benchmark's last line, with the CPU this
     * benchmark's own JVM used since it started: on a small machine the client competes with what it measures.
     */
    static void printMachineLoad() {
        double cpuSeconds = ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
        double uptimeSeconds = ManagementFactory.getRuntimeMXBean().getUptime() / 1e3;
        System.out.printf("  machine load average (1 min) %.1f on %d cores; this benchmark's JVM used %.1f s of CPU in %.0f s (%.2f cores)%n",
                loadAverage(), Runtime.getRuntime().availableProcessors(), cpuSeconds, uptimeSeconds, cpuSeconds / uptimeSeconds);
    }
}
