package shop.autoscaler.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds observations for the policy tests: time in seconds from an epoch, lags per partition. */
final class Observations {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private Observations() {
    }

    /** One topic "t" whose partitions have the given lags (log-end = 1000 + lag, committed = 1000). */
    static Observation lags(double atSeconds, int workers, long... lags) {
        return observation(atSeconds, workers, 0, 0, partitions("t", lags));
    }

    static Observation observation(double atSeconds, int workers, double produceRate, double consumeRate,
                                   List<PartitionLag> partitions) {
        return new Observation(T0.plusMillis(Math.round(atSeconds * 1000)), workers, partitions, produceRate, consumeRate);
    }

    static List<PartitionLag> partitions(String topic, long... lags) {
        List<PartitionLag> partitions = new ArrayList<>();
        for (int i = 0; i < lags.length; i++) {
            partitions.add(new PartitionLag(topic, i, 1000 + lags[i], 1000));
        }
        return partitions;
    }

    /** {@code count} partitions sharing {@code total} lag evenly (the remainder on the first ones). */
    static long[] spread(long total, int count) {
        long[] lags = new long[count];
        for (int i = 0; i < count; i++) {
            lags[i] = total / count + (i < total % count ? 1 : 0);
        }
        return lags;
    }
}
