package shop.autoscaler.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static shop.autoscaler.policy.Observations.observation;
import static shop.autoscaler.policy.Observations.partitions;
import static shop.autoscaler.policy.Observations.spread;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import shop.autoscaler.policy.PredictivePolicy.Parameters;

/**
 * The predictive policy against hand-computed cases. Parameters: drain target 30 s, 1..12 workers,
 * full utilization, hysteresis 20 %, scale-down after 60 s, 2 actions per minute, 5 s pause per
 * rebalance, 100 events/s per worker to start with, learning rate 0.5.
 */
class PredictivePolicyTest {

    private static final Parameters PARAMETERS = new Parameters(Duration.ofSeconds(30), 1, 12, 1.0, 0.2,
            Duration.ofSeconds(60), 2, Duration.ofSeconds(5), 100, 0.5);

    private static Observation at(double seconds, int workers, double produceRate, double consumeRate, long... lags) {
        return observation(seconds, workers, produceRate, consumeRate, partitions("t", lags));
    }

    @Test
    void sizesForTheIncomingRatePlusTheBacklogOverTheDrainTargetCountingThePause() {
        // without the pause: (300 + 6000 / 30) / 100 = 5; moving pauses 5 s: (300 + (6000 + 300 x 5) / 25) / 100 = 6
        Decision decision = new PredictivePolicy(PARAMETERS).decide(at(0, 1, 300, 0, spread(6000, 12)));
        assertThat(decision.desiredWorkers()).isEqualTo(6);
        assertThat(decision.numbers()).containsEntry("lag", 6000.0).containsEntry("produceRate", 300.0)
                .containsEntry("perWorkerRate", 100.0).containsEntry("targetDrainSeconds", 30.0)
                .containsEntry("rebalances", 1.0).containsEntry("rebalancePauseSeconds", 5.0);
        assertThat(decision.reason()).startsWith("scale up: falling behind").contains("lag 6000");
    }

    @Test
    void neverMoreWorkersThanPartitions() {
        Decision decision = new PredictivePolicy(PARAMETERS.withWorkers(1, 100)).decide(at(0, 1, 300, 0, spread(100_000, 12)));
        assertThat(decision.desiredWorkers()).isEqualTo(12);
        assertThat(decision.numbers()).containsEntry("partitionCap", 12.0);
    }

    @Test
    void learnsThePerWorkerRateWhenSaturatedAndAsALowerBoundOtherwise() {
        PredictivePolicy policy = new PredictivePolicy(PARAMETERS);
        policy.decide(at(0, 4, 0, 100, spread(0, 12)));
        // every partition kept more than 2 s of backlog: 800 / 4 = 200 per worker; EWMA 100 + 0.5 x 100
        Decision saturated = policy.decide(at(2, 4, 0, 800, spread(12_000, 12)));
        assertThat(saturated.numbers()).containsEntry("saturated", 1.0).containsEntry("perWorkerRate", 150.0);
        assertThat(saturated.desiredWorkers()).isEqualTo(4); // 12000 / 25 / 150 = 3.2 -> 4: enough
        long[] oneDrained = spread(11_000, 11);
        long[] lags = new long[12];
        System.arraycopy(oneDrained, 0, lags, 1, 11);
        // a partition ran dry: 400 / 4 = 100 says nothing about the capacity
        assertThat(policy.decide(at(4, 4, 0, 400, lags)).numbers()).containsEntry("saturated", 0.0)
                .containsEntry("perWorkerRate", 150.0);
        // but 1000 / 4 = 250 proves at least that much
        assertThat(policy.decide(at(6, 4, 0, 1000, lags)).numbers()).containsEntry("perWorkerRate", 200.0);
    }

    @Test
    void takesNoMoreThanTheBoundOfActionsPerMinute() {
        PredictivePolicy policy = new PredictivePolicy(PARAMETERS);
        assertThat(policy.decide(at(0, 1, 250, 0, spread(0, 12))).desiredWorkers()).isEqualTo(3);   // (250 + 1250 / 25) / 100
        assertThat(policy.decide(at(10, 3, 550, 0, spread(0, 12))).desiredWorkers()).isEqualTo(7);  // (550 + 2750 / 25) / 100 = 6.6
        Decision limited = policy.decide(at(20, 7, 1000, 0, spread(0, 12)));
        assertThat(limited.desiredWorkers()).isEqualTo(7);
        assertThat(limited.reason()).startsWith("hold: 2 scaling actions in the last minute (wanted 12)");
        assertThat(policy.decide(at(61, 7, 1000, 0, spread(0, 12))).desiredWorkers()).isEqualTo(12);
    }

    @Test
    void holdsWhileARebalanceSettles() {
        PredictivePolicy policy = new PredictivePolicy(PARAMETERS);
        assertThat(policy.decide(at(0, 1, 250, 0, spread(0, 12))).desiredWorkers()).isEqualTo(3);
        Decision settling = policy.decide(at(2, 3, 2000, 0, spread(50_000, 12)));
        assertThat(settling.desiredWorkers()).isEqualTo(3);
        assertThat(settling.reason()).startsWith("hold: rebalance settling");
    }

    @Test
    void scalesDownOnlyWhenTheLowerNeedLastedAndClearsTheHysteresis() {
        PredictivePolicy policy = new PredictivePolicy(PARAMETERS);
        // need (500 + 2500 / 25) / 100 = 6, far enough below 10 but not yet for 60 s
        assertThat(policy.decide(at(0, 10, 500, 500, spread(0, 12))).desiredWorkers()).isEqualTo(10);
        assertThat(policy.decide(at(30, 10, 600, 600, spread(0, 12))).numbers()).containsEntry("neededWorkers", 8.0);
        assertThat(policy.decide(at(58, 10, 500, 500, spread(0, 12))).desiredWorkers()).isEqualTo(10);
        // 60 s below; the highest need since was 8 <= 10 x 0.8
        Decision down = policy.decide(at(60, 10, 500, 500, spread(0, 12)));
        assertThat(down.desiredWorkers()).isEqualTo(8);
        assertThat(down.reason()).startsWith("scale down: the need stayed at most 8");

        PredictivePolicy close = new PredictivePolicy(PARAMETERS);
        for (int t = 0; t <= 120; t += 2) {
            // (700 + 3500 / 25) / 100 = 8.4 -> 9 > 10 x 0.8: within the hysteresis, never worth a rebalance
            assertThat(close.decide(at(t, 10, 700, 700, spread(0, 12))).desiredWorkers()).isEqualTo(10);
        }
    }

    @Test
    void doesNotScaleDownWhenThePauseWouldEatTheSaving() {
        // staying needs 500 / 100 = 5 < 6, but after a 5 s pause (500 + 2500 / 25) / 100 = 6: no gain
        PredictivePolicy policy = new PredictivePolicy(PARAMETERS);
        for (int t = 0; t <= 120; t += 2) {
            Decision decision = policy.decide(at(t, 6, 500, 500, spread(0, 12)));
            assertThat(decision.desiredWorkers()).isEqualTo(6);
            assertThat(decision.reason()).startsWith("hold: 6 is enough");
        }
    }
}
