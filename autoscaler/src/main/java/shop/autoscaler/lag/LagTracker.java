package shop.autoscaler.lag;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import shop.autoscaler.policy.PartitionLag;

/**
 * Turns consecutive reads into {@link GroupLag}s: rates are offset differences over the time between two
 * reads. Lag seconds is total lag over the consume rate; with no lag it is 0. When the group consumed
 * nothing during the interval although there is lag (a rebalance pause, no worker yet), the backlog is
 * not infinitely old: it is drained at the last non-zero consume rate measured, so that figure is used;
 * only before any consumption was ever measured is the drain time unknown, and then it is
 * {@link Double#POSITIVE_INFINITY} (Prometheus shows +Inf, the JSON null).
 */
public final class LagTracker {

    private Map<String, PartitionLag> previous = Map.of();
    private Instant previousAt;
    private double lastConsumeRate;

    public GroupLag next(Instant at, List<PartitionLag> partitions) {
        long totalLag = 0;
        long produced = 0;
        long consumed = 0;
        Map<String, PartitionLag> current = new HashMap<>();
        for (PartitionLag partition : partitions) {
            totalLag += GroupLag.lag(partition);
            String key = partition.topic() + "-" + partition.partition();
            current.put(key, partition);
            PartitionLag before = previous.get(key);
            if (before != null) {
                produced += Math.max(0, partition.logEndOffset() - before.logEndOffset());
                // a partition's first commit has no earlier one to measure against: it counts from the next read
                if (before.hasCommit() && partition.hasCommit()) {
                    consumed += Math.max(0, partition.committedOffset() - before.committedOffset());
                }
            }
        }
        double seconds = previousAt == null ? 0 : Duration.between(previousAt, at).toNanos() / 1e9;
        double produceRate = seconds > 0 ? produced / seconds : 0;
        double consumeRate = seconds > 0 ? consumed / seconds : 0;
        if (consumeRate > 0) {
            lastConsumeRate = consumeRate;
        }
        previous = current;
        previousAt = at;
        return new GroupLag(at, partitions, totalLag, produceRate, consumeRate, lagSeconds(totalLag, consumeRate));
    }

    private double lagSeconds(long totalLag, double consumeRate) {
        if (totalLag == 0) {
            return 0;
        }
        double rate = consumeRate > 0 ? consumeRate : lastConsumeRate;
        return rate > 0 ? totalLag / rate : Double.POSITIVE_INFINITY;
    }
}
