package shop.autoscaler.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static shop.autoscaler.policy.Observations.lags;
import static shop.autoscaler.policy.Observations.observation;
import static shop.autoscaler.policy.Observations.partitions;
import static shop.autoscaler.policy.Observations.spread;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import shop.autoscaler.policy.KedaPolicy.OffsetResetPolicy;
import shop.autoscaler.policy.KedaPolicy.Parameters;

/** KEDA's kafka scaler and the HPA by default, against cases computed by hand from their sources and docs. */
class KedaPolicyTest {

    private static final Parameters DEFAULTS = Parameters.defaults();

    @Test
    void documentedExampleLag100Threshold10WantsTenReplicasCappedByThePartitions() {
        // 100 / 10 = 10 replicas; usage ratio at 5 replicas is 2, the scale-up limit max(2 x 5, 5 + 4) = 10 allows it
        assertThat(new KedaPolicy(DEFAULTS).decide(lags(0, 5, spread(100, 12))).desiredWorkers()).isEqualTo(10);
        // 5 partitions: the metric is capped at 5 x lagThreshold = 50, so 5 replicas
        Decision capped = new KedaPolicy(DEFAULTS).decide(lags(0, 2, spread(100, 5)));
        assertThat(capped.numbers()).containsEntry("metric.t", 50.0);
        assertThat(capped.desiredWorkers()).isEqualTo(5);
    }

    @Test
    void limitToPartitionsWithLagCapsAtThePartitionsThatHaveLag() {
        long[] lag = new long[12];
        lag[0] = 500;
        lag[7] = 500;
        Parameters limited = new Parameters(10, 0, OffsetResetPolicy.LATEST, false, true, false, false,
                1, 12, DEFAULTS.pollingInterval(), DEFAULTS.cooldownPeriod(), DEFAULTS.hpa());
        Decision decision = new KedaPolicy(limited).decide(lags(0, 1, lag));
        assertThat(decision.numbers()).containsEntry("metric.t", 20.0);
        assertThat(decision.desiredWorkers()).isEqualTo(2);
        // without the option the 12 partitions cap it: 1000 / 10 = 100 > 12, metric 120, and from 1 replica +4 is the limit
        assertThat(new KedaPolicy(DEFAULTS).decide(lags(0, 1, lag)).desiredWorkers()).isEqualTo(5);
    }

    @Test
    void allowIdleConsumersLiftsThePartitionCapButNotMaxReplicaCount() {
        Parameters idle = new Parameters(10, 0, OffsetResetPolicy.LATEST, true, false, false, false,
                1, 12, DEFAULTS.pollingInterval(), DEFAULTS.cooldownPeriod(), DEFAULTS.hpa());
        Decision decision = new KedaPolicy(idle).decide(lags(0, 10, spread(1000, 3)));
        assertThat(decision.numbers()).containsEntry("metric.t", 1000.0).containsEntry("metricReplicas", 100.0);
        assertThat(decision.desiredWorkers()).isEqualTo(12);
    }

    @Test
    void partitionsWithoutCommittedOffsetCountOneWithLatestAndTheWholeLogWithEarliest() {
        List<PartitionLag> uncommitted = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            uncommitted.add(new PartitionLag("t", p, 50, PartitionLag.NO_COMMIT));
        }
        // latest: lag 1 per partition so that consumption can start: 4 / 10 -> 1 replica
        Decision latest = new KedaPolicy(DEFAULTS).decide(observation(0, 1, 0, 0, uncommitted));
        assertThat(latest.numbers()).containsEntry("lag", 4.0).containsEntry("active", 1.0);
        assertThat(latest.desiredWorkers()).isEqualTo(1);
        // earliest: the log-end offset is the lag, 200, capped at 4 partitions x 10
        Decision earliest = new KedaPolicy(DEFAULTS.withOffsetResetPolicy(OffsetResetPolicy.EARLIEST))
                .decide(observation(0, 1, 0, 0, uncommitted));
        assertThat(earliest.numbers()).containsEntry("lag", 200.0).containsEntry("metric.t", 40.0);
        assertThat(earliest.desiredWorkers()).isEqualTo(4);
        // scaleToZeroOnInvalidOffset: no lag, so with minReplicaCount 0 nothing activates
        Parameters toZero = new Parameters(10, 0, OffsetResetPolicy.LATEST, false, false, true, false,
                0, 12, DEFAULTS.pollingInterval(), DEFAULTS.cooldownPeriod(), DEFAULTS.hpa());
        Decision zero = new KedaPolicy(toZero).decide(observation(0, 0, 0, 0, uncommitted));
        assertThat(zero.numbers()).containsEntry("lag", 0.0).containsEntry("active", 0.0);
        assertThat(zero.desiredWorkers()).isZero();
    }

    @Test
    void withinTheTenPercentToleranceTheHpaKeepsTheReplicas() {
        assertThat(new KedaPolicy(DEFAULTS).decide(lags(0, 10, spread(105, 12))).desiredWorkers()).isEqualTo(10);
        assertThat(new KedaPolicy(DEFAULTS).decide(lags(0, 10, spread(95, 12))).desiredWorkers()).isEqualTo(10);
        // ratio 1.11: ceil(111 / 10) = 12
        assertThat(new KedaPolicy(DEFAULTS).decide(lags(0, 10, spread(111, 12))).desiredWorkers()).isEqualTo(12);
        // ratio 0.89 and no earlier recommendation in the window: down to ceil(8.9) = 9
        assertThat(new KedaPolicy(DEFAULTS).decide(lags(0, 10, spread(89, 12))).desiredWorkers()).isEqualTo(9);
    }

    @Test
    void scaleUpIsLimitedToDoublingOrFourPodsPerFifteenSeconds() {
        KedaPolicy keda = new KedaPolicy(DEFAULTS);
        long[] backlog = spread(1200, 12);
        assertThat(keda.decide(lags(0, 1, backlog)).desiredWorkers()).isEqualTo(5);   // max(2, 1 + 4)
        assertThat(keda.decide(lags(2, 5, backlog)).desiredWorkers()).isEqualTo(5);   // no HPA sync before 15 s
        assertThat(keda.decide(lags(15, 5, backlog)).desiredWorkers()).isEqualTo(10); // max(10, 9)
        assertThat(keda.decide(lags(30, 10, backlog)).desiredWorkers()).isEqualTo(12); // max(20, 14), maxReplicaCount 12

        Parameters wide = DEFAULTS.withReplicas(1, 100);
        assertThat(new KedaPolicy(wide).decide(lags(0, 6, spread(100_000, 24))).desiredWorkers()).isEqualTo(12); // 2 x 6 > 6 + 4
        assertThat(new KedaPolicy(wide).decide(lags(0, 2, spread(100_000, 24))).desiredWorkers()).isEqualTo(6);  // 2 + 4 > 2 x 2
    }

    @Test
    void scaleDownWaitsForTheStabilizationWindowThenDropsToTheMinimumAtOnce() {
        KedaPolicy keda = new KedaPolicy(DEFAULTS);
        assertThat(keda.decide(lags(0, 10, spread(100, 12))).desiredWorkers()).isEqualTo(10);
        for (int t = 15; t <= 285; t += 15) {
            Decision hold = keda.decide(lags(t, 10, spread(0, 12)));
            assertThat(hold.desiredWorkers()).as("t=%d", t).isEqualTo(10);
        }
        // the recommendation of t=0 leaves the 300 s window: 100 % per 15 s allows the drop to minReplicaCount
        assertThat(keda.decide(lags(300, 10, spread(0, 12))).desiredWorkers()).isEqualTo(1);
    }

    @Test
    void activationThresholdDecidesScalingFromZeroAndCooldownScalingToZero() {
        Parameters fromZero = new Parameters(10, 50, OffsetResetPolicy.LATEST, false, false, false, false,
                0, 12, DEFAULTS.pollingInterval(), DEFAULTS.cooldownPeriod(), DEFAULTS.hpa());
        KedaPolicy keda = new KedaPolicy(fromZero);
        assertThat(keda.decide(lags(0, 0, spread(30, 12))).desiredWorkers()).isZero();  // 30 <= 50: inactive
        assertThat(keda.decide(lags(30, 0, spread(60, 12))).desiredWorkers()).isEqualTo(1); // KEDA activates to 1
        assertThat(keda.decide(lags(32, 0, spread(60, 12))).desiredWorkers()).isEqualTo(1); // while the worker starts
        assertThat(keda.decide(lags(45, 1, spread(60, 12))).desiredWorkers()).isEqualTo(5); // then the HPA: 6, limited to 1 + 4

        Parameters toZero = new Parameters(10, 0, OffsetResetPolicy.LATEST, false, false, false, false,
                0, 12, DEFAULTS.pollingInterval(), DEFAULTS.cooldownPeriod(), DEFAULTS.hpa());
        KedaPolicy idle = new KedaPolicy(toZero);
        assertThat(idle.decide(lags(0, 1, spread(5, 12))).desiredWorkers()).isEqualTo(1); // active, ceil(0.5) = 1
        for (int t = 15; t <= 285; t += 15) {
            assertThat(idle.decide(lags(t, 1, spread(0, 12))).desiredWorkers()).as("t=%d", t).isEqualTo(1);
        }
        // inactive since t=0 and the cooldownPeriod of 300 s has passed at the poll of t=300
        assertThat(idle.decide(lags(300, 1, spread(0, 12))).desiredWorkers()).isZero();
    }

    @Test
    void eachTopicIsOneTriggerAndTheHpaTakesTheLargestProposal() {
        List<PartitionLag> both = new ArrayList<>(partitions("a", spread(30, 3)));
        both.addAll(partitions("b", spread(80, 12)));
        Decision decision = new KedaPolicy(DEFAULTS).decide(observation(0, 4, 0, 0, both));
        assertThat(decision.numbers()).containsEntry("metric.a", 30.0).containsEntry("metric.b", 80.0)
                .containsEntry("metricReplicas", 8.0);
        assertThat(decision.desiredWorkers()).isEqualTo(8);
    }

    @Test
    void excludePersistentLagLeavesOutAPartitionWhoseOffsetDidNotMove() {
        Parameters exclude = new Parameters(10, 0, OffsetResetPolicy.LATEST, false, false, false, true,
                1, 12, DEFAULTS.pollingInterval(), DEFAULTS.cooldownPeriod(), DEFAULTS.hpa());
        KedaPolicy keda = new KedaPolicy(exclude);
        Decision first = keda.decide(observation(0, 2, 0, 0, List.of(
                new PartitionLag("t", 0, 1500, 1000), new PartitionLag("t", 1, 1020, 1000))));
        assertThat(first.numbers()).containsEntry("metric.t", 20.0); // 520 capped at 2 partitions x 10
        Decision second = keda.decide(observation(15, 2, 0, 0, List.of(
                new PartitionLag("t", 0, 1600, 1000), new PartitionLag("t", 1, 1030, 1010))));
        // partition 0 is stuck at 1000: only partition 1's 20 count
        assertThat(second.numbers()).containsEntry("metric.t", 20.0).containsEntry("lag", 20.0)
                .containsEntry("partitionsWithLag.t", 1.0);
        assertThat(second.desiredWorkers()).isEqualTo(2);
    }

    @Test
    void holdsWhenNoPartitionIsObserved() {
        assertThat(new KedaPolicy(DEFAULTS).decide(observation(0, 3, 0, 0, List.of())).desiredWorkers()).isEqualTo(3);
    }
}
