package shop.tools.bench;

import picocli.CommandLine.Command;

@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = {CatalogBenchmark.class, ProjectorBenchmark.class, LatencyBenchmark.class,
        CommandsBenchmark.class, RebuildBenchmark.class},
        description = "Benchmarks: programs that print figures measured against a baseline in the same run")
public class BenchCommand {

    /** The machine's 1-minute load average, printed beside figures that other work on the machine distorts. */
    static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** The line with the load average and the cores, printed before a benchmark's last line. */
    static void printMachineLoad() {
        System.out.printf("  machine load average (1 min) %.1f on %d cores%n", loadAverage(), Runtime.getRuntime().availableProcessors());
    }
}
