package shop.autoscaler.simulate;

import java.awt.Color;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import shop.autoscaler.chart.LineChart;
import shop.autoscaler.chart.LineChart.Panel;
import shop.autoscaler.chart.LineChart.Series;
import shop.autoscaler.policy.KedaPolicy;
import shop.autoscaler.policy.PredictivePolicy;
import shop.autoscaler.simulate.Simulation.Result;
import shop.autoscaler.simulate.Simulation.Scenario;

/**
 * {@code ./shop simulate}: replays traffic traces through the keda and the predictive policy on the
 * same simulated consumer group, prints the figures side by side and charts each trace as a PNG.
 * The last line compares predictive with keda, summed over the traces run.
 */
public final class Simulate {

    private static final String USAGE = """
            Usage: ./shop simulate [--trace steady|step|spike|diurnal|all] [--partitions P] [--out DIR]
                                   [--worker-rate EVENTS_PER_S] [--peak-rate EVENTS_PER_S] [--rebalance-pause 5s]
                                   [--duration 30m] [--poll-interval 2s] [--commit-latency 10ms]
              --trace            which trace (default all)
              --partitions       partitions of the topic; also the most workers either policy may run (default 12)
              --worker-rate      events/s one worker drains (default 2500); the predictive policy is not told, it learns it
              --peak-rate        the traces' peak (default 80 % of partitions x worker rate: 24000/s at 12, 1.02M/s at 512)
              --rebalance-pause  consumption stops this long on every change of the worker count (default 5s)
              --duration         length of every trace (default: steady 30m, step 45m, spike 40m, diurnal 24h)
              --poll-interval    how often the autoscaler observes the group (default 2s)
              --commit-latency   a worker's fetch + commit round trip; committed offsets trail consumption by
                                 about that / (1 - busy share), the batch in flight (default 10ms)
              --out              where the PNG charts go (default .shop/simulate)
            """;
    private static final Color KEDA = new Color(0xD9534F);
    private static final Color PREDICTIVE = new Color(0x2A7AB8);
    private static final Color RATE = new Color(0x555555);

    private Simulate() {
    }

    public static void main(String[] args) {
        Map<String, String> options;
        int partitions;
        double workerRate;
        double peakRate;
        Scenario scenario;
        List<Trace> traces;
        Path out;
        Duration fixedDuration;
        try {
            options = options(args);
            if (options.containsKey("help")) {
                System.out.print(USAGE);
                return;
            }
            partitions = Integer.parseInt(options.getOrDefault("partitions", "12"));
            workerRate = Double.parseDouble(options.getOrDefault("worker-rate", "2500"));
            peakRate = options.containsKey("peak-rate") ? Double.parseDouble(options.get("peak-rate"))
                    : 0.8 * partitions * workerRate;
            if (partitions < 1 || workerRate <= 0 || peakRate < 0) {
                throw new IllegalArgumentException("--partitions, --worker-rate and --peak-rate must be positive");
            }
            scenario = new Scenario(partitions, workerRate, peakRate,
                    duration(options.getOrDefault("rebalance-pause", "5s")),
                    duration(options.getOrDefault("poll-interval", "2s")),
                    duration(options.getOrDefault("commit-latency", "10ms")));
            String which = options.getOrDefault("trace", "all");
            traces = "all".equals(which) ? List.of(Trace.values()) : List.of(Trace.valueOf(which.toUpperCase(Locale.ROOT)));
            out = Path.of(options.getOrDefault("out", ".shop/simulate"));
            fixedDuration = options.containsKey("duration") ? duration(options.get("duration")) : null;
        } catch (RuntimeException e) {
            System.err.println("simulate: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }

        KedaPolicy.Parameters keda = KedaPolicy.Parameters.defaults().withReplicas(1, partitions);
        PredictivePolicy.Parameters predictive = PredictivePolicy.Parameters.defaults()
                .withWorkers(1, partitions).withRebalancePause(scenario.rebalancePause());
        System.out.printf(Locale.ROOT, "simulate: %d partitions, %.0f events/s per worker, peak %.0f events/s, "
                        + "rebalance pause %ss, poll every %ss, commit round trip %sms%n",
                partitions, workerRate, peakRate, scenario.rebalancePause().toMillis() / 1000.0,
                scenario.pollInterval().toMillis() / 1000.0, scenario.commitLatency().toMillis());
        System.out.println("  keda:       " + keda);
        System.out.println("  predictive: " + predictive);
        System.out.println();
        System.out.printf(Locale.ROOT, "%-8s %-11s %12s %10s %14s %8s%n",
                "trace", "policy", "max lag (s)", "drain (s)", "worker-seconds", "actions");

        double[] sums = new double[6];
        for (Trace trace : traces) {
            double duration = seconds(fixedDuration != null ? fixedDuration : trace.defaultDuration());
            Result k = Simulation.run(scenario, trace, duration, new KedaPolicy(keda));
            Result p = Simulation.run(scenario, trace, duration, new PredictivePolicy(predictive));
            row(trace, "keda", k);
            row(trace, "predictive", p);
            sums[0] += k.drainSeconds();
            sums[1] += p.drainSeconds();
            sums[2] += k.workerSeconds();
            sums[3] += p.workerSeconds();
            sums[4] += k.actions();
            sums[5] += p.actions();
            chart(out.resolve(trace.label() + "-" + partitions + "p.png"), trace, partitions, k, p);
        }
        System.out.println();
        System.out.println("charts: " + out);
        System.out.printf(Locale.ROOT, "simulate: drain speed-up %s, worker-seconds ratio %s, actions ratio %s%n",
                ratio(sums[0], sums[1]), ratio(sums[3], sums[2]), ratio(sums[5], sums[4]));
    }

    private static void row(Trace trace, String policy, Result result) {
        System.out.printf(Locale.ROOT, "%-8s %-11s %12.1f %10.1f %14.0f %8d%n", trace.label(), policy,
                result.maxDelaySeconds(), result.drainSeconds(),
                result.workerSeconds(), result.actions());
    }

    private static void chart(Path png, Trace trace, int partitions, Result keda, Result predictive) {
        LineChart.write(png, "simulate --trace " + trace.label() + " --partitions " + partitions + ": keda vs predictive",
                List.of(new Panel("incoming", "events/s", List.of(new Series("rate", RATE, keda.time(), keda.rate()))),
                        new Panel("workers", "", List.of(
                                new Series("keda", KEDA, keda.time(), keda.workers()),
                                new Series("predictive", PREDICTIVE, predictive.time(), predictive.workers()))),
                        new Panel("lag", "age of the oldest unconsumed event, s", List.of(
                                new Series("keda", KEDA, keda.time(), keda.delay()),
                                new Series("predictive", PREDICTIVE, predictive.time(), predictive.delay())))),
                900, 160);
    }

    private static String ratio(double numerator, double denominator) {
        if (denominator == 0) {
            return numerator == 0 ? "1.00" : "inf";
        }
        return String.format(Locale.ROOT, "%.2f", numerator / denominator);
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> known = List.of("trace", "partitions", "worker-rate", "peak-rate", "rebalance-pause", "duration",
                "poll-interval", "commit-latency", "out");
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                options.put("help", "");
                continue;
            }
            String name = arg.startsWith("--") ? arg.substring(2) : "";
            String value = null;
            if (name.contains("=")) {
                value = name.substring(name.indexOf('=') + 1);
                name = name.substring(0, name.indexOf('='));
            }
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("--" + name + " needs a value");
                }
                value = args[++i];
            }
            options.put(name, value);
        }
        String trace = options.getOrDefault("trace", "all");
        if (!trace.equals("all") && Arrays.stream(Trace.values()).noneMatch(t -> t.label().equals(trace))) {
            throw new IllegalArgumentException("unknown trace '" + trace + "'");
        }
        return options;
    }

    /** 500ms, 5s, 30m, 24h, or an ISO-8601 duration. */
    static Duration duration(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.startsWith("p")) {
            return Duration.parse(text.trim());
        }
        if (value.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
        }
        long amount = Long.parseLong(value.substring(0, value.length() - 1));
        switch (value.charAt(value.length() - 1)) {
            case 's':
                return Duration.ofSeconds(amount);
            case 'm':
                return Duration.ofMinutes(amount);
            case 'h':
                return Duration.ofHours(amount);
            default:
                throw new IllegalArgumentException("not a duration: " + text);
        }
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
