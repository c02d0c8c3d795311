package shop.autoscaler.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;

import shop.autoscaler.policy.Decision;
import shop.autoscaler.policy.KedaPolicy;
import shop.autoscaler.policy.PredictivePolicy;
import shop.autoscaler.policy.ScalingPolicy;
import shop.autoscaler.simulate.Simulation.Result;
import shop.autoscaler.simulate.Simulation.Scenario;

/** The consumer-group model against figures computed by hand, and both policies on it. */
class SimulationTest {

    /** 12 partitions, 2500 events/s per worker, peak 24000/s (steady: 40 % = 9600/s = 800/s per partition). */
    private static final Scenario TWELVE = new Scenario(12, 2500, 24_000, Duration.ofSeconds(5),
            Duration.ofSeconds(2), Duration.ofMillis(10));

    private static ScalingPolicy fixed(int workers) {
        return observation -> new Decision(workers, "fixed", Map.of());
    }

    @Test
    void oneWorkerFallsBehindByWhatItCannotConsume() {
        // 1 worker consumes 2500/s of 9600/s: after 600 s it consumed 1.5M = 125000 per partition, which
        // each partition had produced at 800/s by 156.25 s; the oldest waiting event is 443.75 s old
        Result result = Simulation.run(TWELVE, Trace.STEADY, 600, fixed(1));
        assertThat(result.maxDelaySeconds()).isCloseTo(443.75, within(0.5));
        assertThat(result.workerSeconds()).isEqualTo(600.0);
        assertThat(result.actions()).isZero();
        assertThat(result.lag()[result.lag().length - 1]).isCloseTo(600 * (9600 - 2500), within(10_000.0));
    }

    @Test
    void theBusiestWorkerBoundsTheGroup() {
        // 11250 events/s = 4.5 workers' worth: 5 workers leave two with 3 partitions (2812.5/s each), so they
        // fall behind; 6 workers of 2 partitions (1875/s each) keep up
        Scenario scenario = new Scenario(12, 2500, 11_250 / 0.4, Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofMillis(10));
        Result five = Simulation.run(scenario, Trace.STEADY, 600, fixed(5));
        Result six = Simulation.run(scenario, Trace.STEADY, 600, fixed(6));
        // every run starts with 1 worker: 2 s at 2500/12 per partition, the switch to 5 at the first poll pauses 5 s,
        // then a 3-partition worker's partitions get 2500/3 each: by 600 s one consumed 416.7 + 593 x 833.3 = 494583,
        // produced at 937.5/s by 527.56 s, so 72.44 s behind
        assertThat(five.maxDelaySeconds()).isCloseTo(600 - (2 * 2500 / 12.0 + 593 * 2500 / 3.0) / 937.5, within(0.5));
        // six catch up after the start (1 worker for 2 s, then the 5 s pause) and stay caught up
        assertThat(six.maxDelaySeconds()).isLessThan(7.5);
        assertThat(six.delay()[six.delay().length - 1]).isLessThan(1);
        assertThat(six.drainSeconds()).isLessThan(10);
    }

    @Test
    void aRebalancePausesTheWholeGroup() {
        // at the first poll (t = 2 s) the group goes from 1 to 12 workers and stops for 5 s: the oldest event
        // then waits about 2 s x (1 - 2500/9600) + 5 s; 12 workers (30000/s) catch up within seconds
        Result result = Simulation.run(TWELVE, Trace.STEADY, 120, fixed(12));
        assertThat(result.actions()).isEqualTo(1);
        assertThat(result.maxDelaySeconds()).isBetween(6.0, 7.5);
        assertThat(result.workerSeconds()).isCloseTo(2 * 1 + 118 * 12, within(1.0));
    }

    @Test
    void bothPoliciesDrainTheStepAndTheFiguresAgreeWithTheirSeries() {
        for (ScalingPolicy policy : new ScalingPolicy[] {
                new KedaPolicy(KedaPolicy.Parameters.defaults().withReplicas(1, 12)),
                new PredictivePolicy(PredictivePolicy.Parameters.defaults().withWorkers(1, 12))}) {
            Result result = Simulation.run(TWELVE, Trace.STEP, 2700, policy);
            int last = result.time().length - 1;
            assertThat(result.delay()[last]).as("drained at the end").isLessThan(Simulation.BEHIND);
            assertThat(result.drainSeconds()).isPositive().isLessThan(300);
            // the per-second series tell the same story as the totals
            double workerSeconds = Arrays.stream(result.workers()).sum();
            assertThat(result.workerSeconds()).isCloseTo(workerSeconds, within(workerSeconds * 0.01));
            int changes = 0;
            for (int i = 1; i <= last; i++) {
                changes += result.workers()[i] != result.workers()[i - 1] ? 1 : 0;
            }
            assertThat(result.actions()).isEqualTo(changes);
            assertThat(result.maxDelaySeconds()).isEqualTo(Arrays.stream(result.delay()).max().orElseThrow(), within(1.0));
        }
    }

    @Test
    void predictiveDrainsASpikeFasterWithFewerWorkerSecondsThanKedaAtItsDefaults() {
        Result keda = Simulation.run(TWELVE, Trace.SPIKE, 2400, new KedaPolicy(KedaPolicy.Parameters.defaults().withReplicas(1, 12)));
        Result predictive = Simulation.run(TWELVE, Trace.SPIKE, 2400,
                new PredictivePolicy(PredictivePolicy.Parameters.defaults().withWorkers(1, 12)));
        assertThat(predictive.drainSeconds()).isLessThan(keda.drainSeconds() / 2);
        assertThat(predictive.workerSeconds()).isLessThan(keda.workerSeconds());
        assertThat(predictive.actions()).isLessThanOrEqualTo(keda.actions());
    }
}
