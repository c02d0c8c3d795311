package shop.autoscaler.policy;

import java.time.Instant;
import java.util.List;

/**
 * What the autoscaler sees at one poll: every partition of the group's topics, the worker count
 * now running, and the measured rates (events/s, over the last poll interval).
 */
public record Observation(Instant at, int currentWorkers, List<PartitionLag> partitions,
                          double produceRate, double consumeRate) {

    public Observation {
        partitions = List.copyOf(partitions);
    }
}
