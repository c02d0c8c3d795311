package shop.autoscaler.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * KEDA's Kafka scaler driving the HPA, as both behave by default: the baseline the predictive
 * policy is measured against, and the local stand-in for what KEDA does in Kubernetes.
 *
 * <p>Sources reproduced (comments name the function each step follows):
 * kedacore/keda {@code pkg/scalers/kafka_scaler.go} ({@code getLagForPartition}, {@code getTotalLag},
 * {@code GetMetricsAndActivity}), {@code pkg/scaling/executor/scale_scaledobjects.go}
 * ({@code RequestScale}: activation and scale to/from zero), and kubernetes
 * {@code pkg/controller/podautoscaler} ({@code replica_calculator.go GetExternalPerPodMetricReplicas},
 * {@code horizontal.go} {@code computeReplicasForMetrics}, {@code stabilizeRecommendationWithBehaviors},
 * {@code convertDesiredReplicasWithBehaviorRate}, {@code calculateScaleUpLimitWithScalingRules},
 * {@code calculateScaleDownLimitWithBehaviors}, {@code getReplicasChangePerPeriod}).
 *
 * <p>One trigger per topic, as in {@code infra/k8s/base/cache-projector/scaledobject.yaml} (KEDA's
 * kafka trigger watches one topic); the HPA takes the largest proposal over its metrics.
 * Between two HPA syncs the policy repeats the count the HPA last set.
 */
public final class KedaPolicy implements ScalingPolicy {

    public enum OffsetResetPolicy { LATEST, EARLIEST }

    /**
     * The HPA's behaviour; the defaults are Kubernetes' own (the ScaledObject spells them out).
     *
     * @param syncPeriod                   {@code --horizontal-pod-autoscaler-sync-period}
     * @param tolerance                    {@code --horizontal-pod-autoscaler-tolerance}
     * @param scaleUpStabilizationWindow   behavior.scaleUp.stabilizationWindowSeconds
     * @param scaleUpPercent               behavior.scaleUp policy Percent (selectPolicy Max with the Pods one)
     * @param scaleUpPods                  behavior.scaleUp policy Pods
     * @param scaleUpPeriod                periodSeconds of both scale-up policies
     * @param scaleDownStabilizationWindow behavior.scaleDown.stabilizationWindowSeconds
     * @param scaleDownPercent             behavior.scaleDown policy Percent
     * @param scaleDownPeriod              its periodSeconds
     */
    public record Hpa(Duration syncPeriod, double tolerance,
                      Duration scaleUpStabilizationWindow, int scaleUpPercent, int scaleUpPods, Duration scaleUpPeriod,
                      Duration scaleDownStabilizationWindow, int scaleDownPercent, Duration scaleDownPeriod) {

        public static Hpa defaults() {
            return new Hpa(Duration.ofSeconds(15), 0.1,
                    Duration.ZERO, 100, 4, Duration.ofSeconds(15),
                    Duration.ofSeconds(300), 100, Duration.ofSeconds(15));
        }
    }

    /**
     * The kafka trigger's metadata and the ScaledObject's fields, named as KEDA names them.
     * {@link #defaults()} are KEDA's defaults except {@code minReplicaCount} 1 (KEDA: 0, scale to
     * zero) and {@code maxReplicaCount} 12 (KEDA: 100), the local worker bounds.
     */
    public record Parameters(long lagThreshold, long activationLagThreshold, OffsetResetPolicy offsetResetPolicy,
                             boolean allowIdleConsumers, boolean limitToPartitionsWithLag,
                             boolean scaleToZeroOnInvalidOffset, boolean excludePersistentLag,
                             int minReplicaCount, int maxReplicaCount,
                             Duration pollingInterval, Duration cooldownPeriod, Hpa hpa) {

        public Parameters {
            if (lagThreshold <= 0) {
                throw new IllegalArgumentException("lagThreshold must be positive, was " + lagThreshold);
            }
            if (minReplicaCount < 0 || maxReplicaCount < Math.max(1, minReplicaCount)) {
                throw new IllegalArgumentException("replica bounds " + minReplicaCount + ".." + maxReplicaCount);
            }
        }

        public static Parameters defaults() {
            return new Parameters(10, 0, OffsetResetPolicy.LATEST, false, false, false, false,
                    1, 12, Duration.ofSeconds(30), Duration.ofSeconds(300), Hpa.defaults());
        }

        public Parameters withReplicas(int min, int max) {
            return new Parameters(lagThreshold, activationLagThreshold, offsetResetPolicy, allowIdleConsumers,
                    limitToPartitionsWithLag, scaleToZeroOnInvalidOffset, excludePersistentLag, min, max,
                    pollingInterval, cooldownPeriod, hpa);
        }

        public Parameters withOffsetResetPolicy(OffsetResetPolicy policy) {
            return new Parameters(lagThreshold, activationLagThreshold, policy, allowIdleConsumers,
                    limitToPartitionsWithLag, scaleToZeroOnInvalidOffset, excludePersistentLag, minReplicaCount,
                    maxReplicaCount, pollingInterval, cooldownPeriod, hpa);
        }
    }

    private record Timed(Instant at, int value) {
    }

    /** One trigger's output: the metric value after the caps, and the lag that decides activity. */
    private record TriggerMetric(long metric, long lagWithPersistent, long lag, int partitionsWithLag) {
    }

    private final Parameters parameters;
    /** excludePersistentLag: each partition's committed offset at the previous poll (kafkaScaler.previousOffsets). */
    private final Map<String, Map<Integer, Long>> previousOffsets = new TreeMap<>();
    private final Deque<Timed> recommendations = new ArrayDeque<>();
    private final Deque<Timed> scaleUpEvents = new ArrayDeque<>();
    private final Deque<Timed> scaleDownEvents = new ArrayDeque<>();
    private Instant nextHpaSync;
    private Instant nextKedaPoll;
    private Instant lastActive;
    private Integer replicas;
    private Decision last;

    public KedaPolicy(Parameters parameters) {
        this.parameters = parameters;
    }

    @Override
    public Decision decide(Observation observation) {
        Instant now = observation.at();
        int current = observation.currentWorkers();
        if (replicas == null) {
            replicas = current;
        }
        if (observation.partitions().isEmpty()) {
            // KEDA's scaler errors without partitions, and the HPA then keeps the replicas
            return new Decision(replicas, "keda: no partitions observed, hold", Map.of("desiredWorkers", (double) replicas));
        }
        boolean kedaPoll = nextKedaPoll == null || !now.isBefore(nextKedaPoll);
        boolean hpaSync = nextHpaSync == null || !now.isBefore(nextHpaSync);
        if (!kedaPoll && !hpaSync) {
            return last;
        }
        Map<String, TriggerMetric> triggers = observation.partitions().stream()
                .collect(Collectors.groupingBy(PartitionLag::topic, TreeMap::new, Collectors.toList()))
                .entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> trigger(e.getValue()), (a, b) -> a, TreeMap::new));
        long totalLag = triggers.values().stream().mapToLong(TriggerMetric::lag).sum();
        // GetMetricsAndActivity: active = totalLagWithPersistent > activationLagThreshold; the
        // ScaledObject is active when any trigger is
        boolean active = triggers.values().stream()
                .anyMatch(t -> t.lagWithPersistent() > parameters.activationLagThreshold());
        if (active) {
            lastActive = now;
        }
        Map<String, Double> numbers = new LinkedHashMap<>();
        numbers.put("lag", (double) totalLag);
        numbers.put("currentWorkers", (double) current);
        numbers.put("active", active ? 1.0 : 0.0);
        triggers.forEach((topic, t) -> {
            numbers.put("metric." + topic, (double) t.metric());
            numbers.put("partitionsWithLag." + topic, (double) t.partitionsWithLag());
        });

        String reason;
        if (kedaPoll) {
            nextKedaPoll = now.plus(parameters.pollingInterval());
        }
        // RequestScale: KEDA itself moves the target between 0 and minReplicaCount; the HPA is
        // disabled while the target runs 0 replicas
        if (current == 0) {
            if (!kedaPoll) {
                // only KEDA's own poll moves the target off zero; until then its last word stands
                return remember(numbers, last == null ? "keda: idle at zero" : last.reason());
            }
            if (active) {
                replicas = Math.max(parameters.minReplicaCount(), 1);
                reason = "keda: activated (lag above activationLagThreshold " + parameters.activationLagThreshold() + ")";
            } else if (parameters.minReplicaCount() > 0) {
                replicas = parameters.minReplicaCount();
                reason = "keda: below minReplicaCount";
            } else {
                replicas = 0;
                reason = "keda: idle at zero";
            }
            return remember(numbers, reason);
        }
        if (kedaPoll && !active && parameters.minReplicaCount() == 0) {
            // scaleToZeroOrIdle: only once cooldownPeriod has passed since the last active poll
            if (lastActive == null || !now.isBefore(lastActive.plus(parameters.cooldownPeriod()))) {
                replicas = 0;
                return remember(numbers, "keda: inactive for cooldownPeriod " + parameters.cooldownPeriod().toSeconds() + "s, scale to zero");
            }
        }
        if (!hpaSync) {
            return remember(numbers, last == null ? "hpa: waiting for its first sync" : last.reason());
        }
        nextHpaSync = now.plus(parameters.hpa().syncPeriod());
        reason = hpa(now, current, triggers, numbers);
        return remember(numbers, reason);
    }

    private Decision remember(Map<String, Double> numbers, String reason) {
        numbers.put("desiredWorkers", (double) replicas);
        last = new Decision(replicas, reason, numbers);
        return last;
    }

    /** One sync of the HPA controller; sets {@link #replicas} and returns why. */
    private String hpa(Instant now, int current, Map<String, TriggerMetric> triggers, Map<String, Double> numbers) {
        Hpa hpa = parameters.hpa();
        int minReplicas = Math.max(parameters.minReplicaCount(), 1); // KEDA sets the HPA's minReplicas to at least 1
        int maxReplicas = parameters.maxReplicaCount();
        // computeReplicasForMetrics: the largest proposal over all metrics
        int proposal = 0;
        for (TriggerMetric trigger : triggers.values()) {
            proposal = Math.max(proposal, perPodReplicas(current, trigger.metric(), hpa.tolerance()));
        }
        numbers.put("metricReplicas", (double) proposal);

        // stabilizeRecommendationWithBehaviors: scale up to no more than the smallest, and down to
        // no less than the largest, recommendation within the respective window (After(cutoff))
        int up = proposal;
        int down = proposal;
        Instant upCutoff = now.minus(hpa.scaleUpStabilizationWindow());
        Instant downCutoff = now.minus(hpa.scaleDownStabilizationWindow());
        for (Timed rec : recommendations) {
            if (rec.at().isAfter(upCutoff)) {
                up = Math.min(up, rec.value());
            }
            if (rec.at().isAfter(downCutoff)) {
                down = Math.max(down, rec.value());
            }
        }
        int stabilized = Math.max(current, up);
        stabilized = Math.min(stabilized, down);
        recommendations.addLast(new Timed(now, proposal));
        Instant oldest = now.minus(max(hpa.scaleUpStabilizationWindow(), hpa.scaleDownStabilizationWindow()));
        while (!recommendations.isEmpty() && !recommendations.peekFirst().at().isAfter(oldest)) {
            recommendations.removeFirst();
        }
        numbers.put("stabilizedReplicas", (double) stabilized);

        // convertDesiredReplicasWithBehaviorRate: the rate limits, then min/maxReplicas
        Instant eventsCutoff = now.minus(max(hpa.scaleUpPeriod(), hpa.scaleDownPeriod()));
        scaleUpEvents.removeIf(e -> !e.at().isAfter(eventsCutoff));
        scaleDownEvents.removeIf(e -> !e.at().isAfter(eventsCutoff));
        int desired = stabilized;
        String reason;
        if (stabilized > current) {
            int limit = Math.max(scaleUpLimit(now, current), current);
            int allowed = Math.min(maxReplicas, limit);
            desired = Math.min(stabilized, allowed);
            reason = desired < stabilized
                    ? "hpa: scale up to " + desired + " (" + stabilized + " wanted; " + (allowed == maxReplicas ? "maxReplicaCount" : "scale-up limit max(+" + hpa.scaleUpPercent() + "%, +" + hpa.scaleUpPods() + " pods) per " + hpa.scaleUpPeriod().toSeconds() + "s") + ")"
                    : "hpa: scale up to " + desired;
        } else if (stabilized < current) {
            int limit = Math.min(scaleDownLimit(now, current), current);
            int allowed = Math.max(minReplicas, limit);
            desired = Math.max(stabilized, allowed);
            reason = "hpa: scale down to " + desired;
        } else {
            reason = proposal < current
                    ? "hpa: hold at " + current + " (scale-down stabilization window keeps the highest recommendation of " + hpa.scaleDownStabilizationWindow().toSeconds() + "s)"
                    : "hpa: hold at " + current + (proposal == current ? "" : " (within tolerance)");
        }
        desired = Math.max(minReplicas, Math.min(maxReplicas, desired));
        // storeScaleEvent: remember the change for the rate limits of the next periods
        if (desired > current) {
            scaleUpEvents.addLast(new Timed(now, desired - current));
        } else if (desired < current) {
            scaleDownEvents.addLast(new Timed(now, current - desired));
        }
        replicas = desired;
        reason += "; lag " + (long) (double) numbers.get("lag") + ", lagThreshold " + parameters.lagThreshold();
        return reason;
    }

    /** replica_calculator.go GetExternalPerPodMetricReplicas: AverageValue target = lagThreshold per pod. */
    private int perPodReplicas(int statusReplicas, long metric, double tolerance) {
        double usageRatio = (double) metric / ((double) parameters.lagThreshold() * statusReplicas);
        if (Math.abs(1.0 - usageRatio) > tolerance) {
            return (int) Math.ceil((double) metric / parameters.lagThreshold());
        }
        return statusReplicas;
    }

    /** calculateScaleUpLimitWithScalingRules with selectPolicy Max over the Percent and Pods policies. */
    private int scaleUpLimit(Instant now, int current) {
        Hpa hpa = parameters.hpa();
        int periodStart = current - change(now, hpa.scaleUpPeriod(), scaleUpEvents) + change(now, hpa.scaleUpPeriod(), scaleDownEvents);
        int byPods = periodStart + hpa.scaleUpPods();
        // "the proposal has to be rounded up because the proposed change might not increase the replica count"
        int byPercent = (int) Math.ceil(periodStart * (1 + hpa.scaleUpPercent() / 100.0));
        return Math.max(byPods, byPercent);
    }

    /** calculateScaleDownLimitWithBehaviors with selectPolicy Max (the lowest limit wins). */
    private int scaleDownLimit(Instant now, int current) {
        Hpa hpa = parameters.hpa();
        int periodStart = current - change(now, hpa.scaleDownPeriod(), scaleUpEvents) + change(now, hpa.scaleDownPeriod(), scaleDownEvents);
        return (int) (periodStart * (1 - hpa.scaleDownPercent() / 100.0));
    }

    /** getReplicasChangePerPeriod: the replicas changed by events strictly after now - period. */
    private static int change(Instant now, Duration period, Deque<Timed> events) {
        Instant cutoff = now.minus(period);
        return events.stream().filter(e -> e.at().isAfter(cutoff)).mapToInt(Timed::value).sum();
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** kafka_scaler.go getTotalLag over one topic's partitions. */
    private TriggerMetric trigger(List<PartitionLag> partitions) {
        long totalLag = 0;
        long totalLagWithPersistent = 0;
        int partitionsWithLag = 0;
        for (PartitionLag partition : partitions) {
            long[] lag = lagForPartition(partition);
            totalLag += lag[0];
            totalLagWithPersistent += lag[1];
            if (lag[0] > 0) {
                partitionsWithLag++;
            }
        }
        long metric = totalLag;
        // "don't scale out beyond the number of topicPartitions or partitionsWithLag depending on settings"
        if (!parameters.allowIdleConsumers() || parameters.limitToPartitionsWithLag()) {
            long upperBound = parameters.limitToPartitionsWithLag() ? partitionsWithLag : partitions.size();
            if (metric / parameters.lagThreshold() > upperBound) {
                metric = upperBound * parameters.lagThreshold();
            }
        }
        return new TriggerMetric(metric, totalLagWithPersistent, totalLag, partitionsWithLag);
    }

    /** kafka_scaler.go getLagForPartition: {lag, lagWithPersistent}. */
    private long[] lagForPartition(PartitionLag partition) {
        if (!partition.hasCommit()) {
            if (parameters.offsetResetPolicy() == OffsetResetPolicy.LATEST) {
                // "probably no offset is committed yet": lag 1 so consumption can start, or 0
                long lag = parameters.scaleToZeroOnInvalidOffset() ? 0 : 1;
                return new long[] {lag, lag};
            }
            if (parameters.scaleToZeroOnInvalidOffset()) {
                return new long[] {0, 0};
            }
            // earliest: the whole partition up to its log-end offset counts as lag
            return new long[] {partition.logEndOffset(), partition.logEndOffset()};
        }
        long lag = partition.logEndOffset() - partition.committedOffset();
        if (parameters.excludePersistentLag()) {
            // a partition whose committed offset did not move since the previous poll is stuck
            // (e.g. a poison record): its lag is left out of the metric but still activates
            Map<Integer, Long> previous = previousOffsets.computeIfAbsent(partition.topic(), t -> new TreeMap<>());
            Long before = previous.put(partition.partition(), partition.committedOffset());
            if (before != null && before == partition.committedOffset()) {
                return new long[] {0, lag};
            }
        }
        return new long[] {lag, lag};
    }
}
