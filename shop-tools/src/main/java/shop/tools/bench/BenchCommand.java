package shop.tools.bench;

import picocli.CommandLine.Command;

@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = CatalogBenchmark.class,
        description = "Benchmarks: programs that print figures measured against a baseline in the same run")
public class BenchCommand {
}
