package shop.autoscaler.lag;

import java.time.Instant;
import java.util.List;

import shop.autoscaler.policy.PartitionLag;

/**
 * The group's lag at one read, with the rates measured since the previous read.
 *
 * @param totalLag    events the group has still to consume, summed over the partitions
 * @param produceRate events/s appended to the topics since the previous read
 * @param consumeRate events/s committed by the group since the previous read
 * @param lagSeconds  how long the backlog takes to drain at the consume rate (see {@link LagTracker})
 */
public record GroupLag(Instant at, List<PartitionLag> partitions, long totalLag, double produceRate,
                       double consumeRate, double lagSeconds) {

    public GroupLag {
        partitions = List.copyOf(partitions);
    }

    /**
     * One partition's lag: log-end minus committed offset. A partition the group has never committed on
     * counts in full, since the projector starts such a partition from its beginning
     * ({@code auto-offset-reset: earliest}), which is also KEDA's rule for that reset policy.
     */
    public static long lag(PartitionLag partition) {
        return partition.hasCommit() ? Math.max(0, partition.logEndOffset() - partition.committedOffset())
                : partition.logEndOffset();
    }
}
