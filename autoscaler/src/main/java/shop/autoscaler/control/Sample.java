package shop.autoscaler.control;

import java.time.Instant;

/**
 * One poll as the timeline keeps it (JSON and CSV).
 *
 * @param lagSeconds null while the drain time is unknown (lag, and no consumption ever measured)
 */
record Sample(Instant at, int workers, int desiredWorkers, long totalLag, Double lagSeconds, double produceRate,
              double consumeRate) {

    static final String CSV_HEADER = "at,workers,desired_workers,total_lag,lag_seconds,produce_rate,consume_rate";

    String csv() {
        return String.join(",", at.toString(), Integer.toString(workers), Integer.toString(desiredWorkers),
                Long.toString(totalLag), lagSeconds == null ? "" : String.format(java.util.Locale.ROOT, "%.3f", lagSeconds),
                String.format(java.util.Locale.ROOT, "%.3f", produceRate), String.format(java.util.Locale.ROOT, "%.3f", consumeRate));
    }
}
