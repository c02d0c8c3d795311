package shop.autoscaler.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Sizes the group so that the backlog drains within {@code targetDrain} while keeping up with the
 * incoming rate:
 * <pre>workers = ceil((incoming rate / utilization + lag / targetDrain) / per-worker rate)</pre>
 * capped by the partitions of the widest topic (a consumer without a partition idles), and rounded
 * up to a count that spreads the partitions evenly (the busiest worker bounds the group).
 *
 * <p>Every change of the worker count is a rebalance that pauses consumption, so the policy
 * <ul>
 *   <li>counts the pause into the size it picks (the backlog grows by rate x pause, and the drain
 *       window is a pause shorter) and does not scale down when the pause would undo the saving;</li>
 *   <li>jumps to the needed count in one action rather than in steps;</li>
 *   <li>scales down only when the need stayed at least {@code hysteresis} below the current count
 *       for {@code scaleDownDelay} (it then takes the highest need seen in that window);</li>
 *   <li>takes at most {@code maxActionsPerMinute} actions, and none while a rebalance settles.</li>
 * </ul>
 * The per-worker rate is learned from what the group achieves: consume rate / workers when every
 * partition held a backlog at both ends of the poll interval (the workers were saturated), and as
 * a lower bound otherwise (they did at least that: an over-provisioned group never saturates, so
 * an underestimate could not be corrected otherwise; an overestimate corrects itself by saturating). Measurements spanning a rebalance are skipped.
 * The initial rate, 1000 events/s, is about what one local worker applied in {@code ./shop bench
 * projector} on the shared development machine.
 */
public final class PredictivePolicy implements ScalingPolicy {

    /**
     * @param targetDrain         how long a backlog may take to drain
     * @param minWorkers          never fewer workers
     * @param maxWorkers          never more (the partition count caps further)
     * @param utilization         the share of a worker's measured rate planned for the incoming
     *                            traffic (below 1 keeps headroom for noise in the measurements)
     * @param hysteresis          scale down only when the need is at least this fraction below the
     *                            current count, scale up past a count that keeps up with the
     *                            incoming rate only when the need is this fraction above it
     * @param scaleDownDelay      the need must stay lower for this long before scaling down
     * @param maxActionsPerMinute the bound on scaling actions (each is a rebalance)
     * @param rebalancePause      what one rebalance costs in stopped consumption
     * @param initialWorkerRate   events/s one worker is assumed to handle before anything is measured
     * @param learningRate        weight of a new per-worker rate measurement (EWMA)
     */
    public record Parameters(Duration targetDrain, int minWorkers, int maxWorkers, double utilization,
                             double hysteresis, Duration scaleDownDelay, int maxActionsPerMinute,
                             Duration rebalancePause, double initialWorkerRate, double learningRate) {

        public Parameters {
            if (targetDrain.compareTo(rebalancePause) <= 0) {
                throw new IllegalArgumentException("targetDrain must exceed rebalancePause");
            }
            if (minWorkers < 1 || maxWorkers < minWorkers) {
                throw new IllegalArgumentException("worker bounds " + minWorkers + ".." + maxWorkers);
            }
            if (utilization <= 0 || utilization > 1 || hysteresis < 0 || hysteresis >= 1
                    || learningRate <= 0 || learningRate > 1 || initialWorkerRate <= 0 || maxActionsPerMinute < 1) {
                throw new IllegalArgumentException("parameters out of range: " + this);
            }
        }

        public static Parameters defaults() {
            return new Parameters(Duration.ofSeconds(30), 1, 12, 0.9, 0.2, Duration.ofSeconds(60), 2,
                    Duration.ofSeconds(5), 1000, 0.3);
        }

        public Parameters withWorkers(int min, int max) {
            return new Parameters(targetDrain, min, max, utilization, hysteresis, scaleDownDelay,
                    maxActionsPerMinute, rebalancePause, initialWorkerRate, learningRate);
        }

        public Parameters withRebalancePause(Duration pause) {
            return new Parameters(targetDrain, minWorkers, maxWorkers, utilization, hysteresis, scaleDownDelay,
                    maxActionsPerMinute, pause, initialWorkerRate, learningRate);
        }
    }

    private final Parameters parameters;
    private final Deque<Instant> actions = new ArrayDeque<>();
    private double workerRate;
    private Instant previousAt;
    private boolean previousBacklogged;
    private Instant lastActionAt;
    private Integer desired;
    private long rebalances;
    /** Since when the need has been below the desired count, and the highest need since. */
    private Instant lowSince;
    private int highestSinceLow;

    public PredictivePolicy(Parameters parameters) {
        this.parameters = parameters;
        this.workerRate = parameters.initialWorkerRate();
    }

    @Override
    public Decision decide(Observation observation) {
        Instant now = observation.at();
        int current = observation.currentWorkers();
        if (desired == null) {
            desired = current;
        }
        if (observation.partitions().isEmpty()) {
            return new Decision(desired, "hold: no partitions observed", Map.of("desiredWorkers", (double) desired));
        }
        int widest = widestTopic(observation);
        int cap = Math.min(parameters.maxWorkers(), widest);
        long lag = 0;
        long minPartitionLag = Long.MAX_VALUE;
        for (PartitionLag partition : observation.partitions()) {
            // no commit: the projector starts from the earliest offset, so all of it is backlog
            long partitionLag = Math.max(0, partition.logEndOffset() - (partition.hasCommit() ? partition.committedOffset() : 0));
            lag += partitionLag;
            minPartitionLag = Math.min(minPartitionLag, partitionLag);
        }
        double incoming = Math.max(0, observation.produceRate());
        double consumed = Math.max(0, observation.consumeRate());
        int effective = Math.min(current, widest);
        boolean settled = lastActionAt == null || (previousAt != null && !previousAt.isBefore(lastActionAt.plus(parameters.rebalancePause())));
        // saturated: every partition holds at least a second of what the group consumes per
        // partition, now and at the previous poll, so no worker can have run dry in between
        boolean backlogged = consumed > 0 && minPartitionLag >= consumed / observation.partitions().size();
        boolean saturated = backlogged && previousBacklogged;
        if (settled && effective > 0 && consumed > 0 && current == desired) {
            double measured = consumed / effective;
            if (saturated) {
                workerRate += parameters.learningRate() * (measured - workerRate);
            } else if (measured > workerRate) {
                // they did at least that; waiting for saturation would keep an underestimate forever
                workerRate = measured;
            }
        }
        previousBacklogged = backlogged;
        previousAt = now;

        double pause = seconds(parameters.rebalancePause());
        double drain = seconds(parameters.targetDrain());
        double keepUp = incoming / parameters.utilization();
        int stay = workersFor(keepUp + lag / drain, widest);
        // a change costs a pause: the backlog grows by incoming x pause and must drain in what is left
        int change = workersFor(keepUp + (lag + incoming * pause) / (drain - pause), widest);
        // change >= stay: moving costs a pause. Up: pay it; down: only if the smaller group still copes
        int need = clamp(stay > desired ? change : Math.min(change, desired), cap);
        if (need < desired) {
            lowSince = lowSince == null ? now : lowSince;
            highestSinceLow = Math.max(highestSinceLow, need);
        } else {
            lowSince = null;
            highestSinceLow = 0;
        }
        while (!actions.isEmpty() && !actions.peekFirst().isAfter(now.minus(Duration.ofMinutes(1)))) {
            actions.removeFirst();
        }

        Map<String, Double> numbers = new LinkedHashMap<>();
        numbers.put("lag", (double) lag);
        numbers.put("lagSeconds", consumed > 0 ? lag / consumed : (lag == 0 ? 0 : Double.POSITIVE_INFINITY));
        numbers.put("produceRate", incoming);
        numbers.put("consumeRate", consumed);
        numbers.put("perWorkerRate", workerRate);
        numbers.put("saturated", saturated ? 1.0 : 0.0);
        numbers.put("targetDrainSeconds", drain);
        numbers.put("currentWorkers", (double) current);
        numbers.put("neededWorkers", (double) need);
        numbers.put("partitionCap", (double) cap);
        numbers.put("rebalances", (double) rebalances);
        numbers.put("rebalancePauseSeconds", rebalances * pause);

        String why = String.format("lag %d (%.1fs), in %.0f/s, out %.0f/s, %.0f/s per worker, drain target %.0fs: need %d",
                lag, numbers.get("lagSeconds"), incoming, consumed, workerRate, drain, need);
        int next = desired;
        String verdict;
        if (lastActionAt != null && now.isBefore(lastActionAt.plus(parameters.rebalancePause()))) {
            verdict = "hold: rebalance settling";
        } else if (need > desired) {
            boolean fallingBehind = capacity(desired, widest) * parameters.utilization() < incoming;
            if (fallingBehind || need > desired * (1 + parameters.hysteresis())) {
                next = need;
                verdict = fallingBehind ? "scale up: falling behind the incoming rate" : "scale up: the backlog would miss the drain target";
            } else {
                verdict = "hold: need within hysteresis";
            }
        } else if (need < desired) {
            boolean lastedLongEnough = !now.isBefore(lowSince.plus(parameters.scaleDownDelay()));
            if (lastedLongEnough && highestSinceLow <= desired * (1 - parameters.hysteresis())) {
                next = highestSinceLow;
                verdict = "scale down: the need stayed at most " + highestSinceLow + " for " + parameters.scaleDownDelay().toSeconds() + "s";
            } else {
                verdict = "hold: scale down once a need of at most " + (int) Math.floor(desired * (1 - parameters.hysteresis()))
                        + " lasted " + parameters.scaleDownDelay().toSeconds() + "s";
            }
        } else {
            verdict = "hold: " + need + " is enough";
        }
        if (next != desired && actions.size() >= parameters.maxActionsPerMinute()) {
            verdict = "hold: " + parameters.maxActionsPerMinute() + " scaling actions in the last minute (wanted " + next + ")";
            next = desired;
        }
        if (next != desired) {
            actions.addLast(now);
            lastActionAt = now;
            rebalances++;
            desired = next;
            lowSince = null;
            highestSinceLow = 0;
            numbers.put("rebalances", (double) rebalances);
            numbers.put("rebalancePauseSeconds", rebalances * pause);
        }
        numbers.put("desiredWorkers", (double) desired);
        return new Decision(desired, verdict + " (" + why + ")", numbers);
    }

    /**
     * The fewest workers that drain {@code eventsPerSecond} from {@code partitions} evenly loaded
     * partitions: n workers get up to ceil(P / n) partitions each and the busiest one bounds the
     * group, so n drain at most P / ceil(P / n) workers' worth (7 to 11 workers on 12 partitions
     * do no more than 6).
     */
    private int workersFor(double eventsPerSecond, int partitions) {
        if (eventsPerSecond <= 0) {
            return 0;
        }
        double partitionsPerWorker = Math.floor(workerRate * partitions / eventsPerSecond + 1e-9);
        if (partitionsPerWorker < 1) {
            return partitions;
        }
        return (int) Math.ceil(partitions / Math.min(partitionsPerWorker, partitions));
    }

    /** What n workers drain from evenly loaded partitions: the busiest one has ceil(P / n) of them. */
    private double capacity(int workers, int partitions) {
        return workers <= 0 ? 0 : workerRate * partitions / Math.ceil((double) partitions / Math.min(workers, partitions));
    }

    private int clamp(int workers, int cap) {
        return Math.max(parameters.minWorkers(), Math.min(cap, workers));
    }

    private static int widestTopic(Observation observation) {
        return observation.partitions().stream()
                .collect(Collectors.groupingBy(PartitionLag::topic, Collectors.counting()))
                .values().stream().mapToInt(Long::intValue).max().orElse(Integer.MAX_VALUE);
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
