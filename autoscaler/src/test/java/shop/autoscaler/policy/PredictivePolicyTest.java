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
 * rebalance, 100 events/s per worker to start with, learning rate 0.5. On 12 partitions the counts
 * that spread them evenly are 1, 2, 3, 4, 6 and 12 (up to 100, 200, 300, 400, 600, 1200 events/s).
 */
class PredictivePolicyTest {

    private static final Parameters PARAMETERS = new Parameters(Duration.ofSeconds(30), 1, 12, 1.0, 0.2,
            Duration.ofSeconds(60), 2, Duration.ofSeconds(5), 100, 0.5);

    private static Observation at(double seconds, int workers, double produceRate, double consumeRate, long... lags) {
        return observation(seconds, workers, produceRate, consumeRate, partitions("t", lags));
    }

    @Test
    void sizesForTheIncomingRatePlusTheBacklogOverTheDrainTargetCountingThePause() {
        // without the pause: 300 + 6000 / 30 = 500 events/s; moving pauses 5 s: 300 + (6000 + 300 x 5) / 25 = 600,
        // 6 x 100: 6 workers of 2 partitions each
        Decision decision = new PredictivePolicy(PARAMETERS).decide(at(0, 1, 300, 0, spread(6000, 12)));
        assertThat(decision.desiredWorkers()).isEqualTo(6);
        assertThat(decision.numbers()).containsEntry("lag", 6000.0).containsEntry("produceRate", 300.0)
                .containsEntry("perWorkerRate", 100.0).containsEntry("targetDrainSeconds", 30.0)
                .containsEntry("rebalances", 1.0).containsEntry("rebalancePauseSeconds", 5.0);
        assertThat(decision.reason()).startsWith("scale up: falling behind").contains("lag 6000");
        // staying would need 200 + 3000 / 30 = 300 (3 workers); the pause makes it 200 + 4000 / 25 = 360: 4
        assertThat(new PredictivePolicy(PARAMETERS).decide(at(0, 1, 200, 0, spread(3000, 12))).desiredWorkers()).isEqualTo(4);
    }

    @Test
    void roundsUpToACountThatSpreadsThePartitionsEvenly() {
        // 450 events/s are 4.5 workers' worth, but 5 workers on 12 partitions leave two with 3 partitions,
        // which drain no more than 4 workers of 3: the next count that does is 6
        Decision decision = new PredictivePolicy(PARAMETERS).decide(at(0, 1, 450, 0, spread(0, 12)));
        assertThat(decision.desiredWorkers()).isEqualTo(6);
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
        // a backlog now, but was there one at the start of the interval? not saturated yet; 200 / 4 = 50 < 100
        Decision first = policy.decide(at(0, 4, 0, 200, spread(12_000, 12)));
        assertThat(first.numbers()).containsEntry("saturated", 0.0).containsEntry("perWorkerRate", 100.0);
        assertThat(first.desiredWorkers()).isEqualTo(4); // 12000 / 30 = 400 = 4 x 100
        // every partition kept its backlog through the interval: 600 / 4 = 150 per worker; EWMA 100 + 0.5 x 50
        Decision saturated = policy.decide(at(2, 4, 0, 600, spread(12_000, 12)));
        assertThat(saturated.numbers()).containsEntry("saturated", 1.0).containsEntry("perWorkerRate", 125.0);
        long[] lags = new long[12];
        System.arraycopy(spread(11_000, 11), 0, lags, 1, 11);
        // a partition ran dry: 400 / 4 = 100 says nothing about the capacity
        assertThat(policy.decide(at(4, 4, 0, 400, lags)).numbers()).containsEntry("saturated", 0.0)
                .containsEntry("perWorkerRate", 125.0);
        // but 1000 / 4 = 250 proves at least that much
        assertThat(policy.decide(at(6, 4, 0, 1000, lags)).numbers()).containsEntry("perWorkerRate", 250.0);
    }

    @Test
    void takesNoMoreThanTheBoundOfActionsPerMinute() {
        PredictivePolicy policy = new PredictivePolicy(PARAMETERS);
        assertThat(policy.decide(at(0, 1, 250, 0, spread(0, 12))).desiredWorkers()).isEqualTo(3);   // 250 + 1250 / 25 = 300
        assertThat(policy.decide(at(10, 3, 350, 0, spread(0, 12))).desiredWorkers()).isEqualTo(6);  // 350 + 1750 / 25 = 420
        Decision limited = policy.decide(at(20, 6, 1000, 0, spread(0, 12)));
        assertThat(limited.desiredWorkers()).isEqualTo(6);
        assertThat(limited.reason()).startsWith("hold: 2 scaling actions in the last minute (wanted 12)");
        assertThat(policy.decide(at(61, 6, 1000, 0, spread(0, 12))).desiredWorkers()).isEqualTo(12);
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
    void scalesDownOnlyOnceTheLowerNeedLastedToTheHighestNeedMeanwhile() {
        PredictivePolicy policy = new PredictivePolicy(PARAMETERS);
        // need 300 + 1500 / 25 = 360: 4 workers, but not yet for 60 s
        assertThat(policy.decide(at(0, 12, 300, 300, spread(0, 12))).numbers()).containsEntry("neededWorkers", 4.0);
        assertThat(policy.decide(at(30, 12, 400, 400, spread(0, 12))).numbers()).containsEntry("neededWorkers", 6.0); // 480
        assertThat(policy.decide(at(58, 12, 300, 300, spread(0, 12))).desiredWorkers()).isEqualTo(12);
        Decision down = policy.decide(at(60, 12, 300, 300, spread(0, 12)));
        assertThat(down.desiredWorkers()).isEqualTo(6);
        assertThat(down.reason()).startsWith("scale down: the need stayed at most 6 for 60s");
    }

    @Test
    void scalesDownOnlyPastTheHysteresis() {
        // 100 partitions and a 1 s pause, so that the pause hardly counts: 10 workers drain 1000 events/s
        Parameters shortPause = new Parameters(Duration.ofSeconds(30), 1, 100, 1.0, 0.2, Duration.ofSeconds(60), 2,
                Duration.ofSeconds(1), 100, 0.5);
        PredictivePolicy close = new PredictivePolicy(shortPause);
        for (int t = 0; t <= 120; t += 2) {
            // 800 + 800 / 29 = 828: 12 partitions per worker, 9 workers > 10 x 0.8: not worth a rebalance
            Decision decision = close.decide(observation(t, 10, 800, 800, partitions("t", spread(0, 100))));
            assertThat(decision.numbers()).containsEntry("neededWorkers", 9.0);
            assertThat(decision.desiredWorkers()).isEqualTo(10);
        }
        PredictivePolicy clear = new PredictivePolicy(shortPause);
        // 700 + 700 / 29 = 724: 13 partitions per worker, 8 workers <= 10 x 0.8
        clear.decide(observation(0, 10, 700, 700, partitions("t", spread(0, 100))));
        assertThat(clear.decide(observation(60, 10, 700, 700, partitions("t", spread(0, 100)))).desiredWorkers()).isEqualTo(8);
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

    @Test
    void holdsWhenNoPartitionIsObserved() {
        Decision decision = new PredictivePolicy(PARAMETERS).decide(observation(0, 3, 500, 0, java.util.List.of()));
        assertThat(decision.desiredWorkers()).isEqualTo(3);
        assertThat(decision.reason()).isEqualTo("hold: no partitions observed");
    }
}
