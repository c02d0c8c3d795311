package shop.autoscaler.simulate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import shop.autoscaler.policy.Decision;
import shop.autoscaler.policy.Observation;
import shop.autoscaler.policy.PartitionLag;
import shop.autoscaler.policy.ScalingPolicy;

/**
 * Replays a trace through one policy against a model of a consumer group, in steps of
 * {@link #STEP} seconds.
 *
 * <p>The model: events spread evenly over the partitions (keys hash uniformly); partition i is
 * assigned to worker i mod n (the assignors give each worker floor or ceil of P/n partitions), so
 * at most P workers consume and the busiest worker bounds the group; a worker drains its
 * partitions at {@code workerRate} events/s in total, sharing it by backlog; every change of the
 * worker count is a rebalance that stops the whole group for {@code rebalancePause}. The committed
 * offset trails what was consumed by one batch cycle (the Admin API reports that as lag even when
 * the group keeps up): a cycle is the fetch and commit round trip {@code commitLatency}, stretched
 * by how busy the worker is (t / (1 - busy)), at most that plus a full max.poll.records batch. The policy observes the group
 * every {@code pollInterval}, as the autoscaler does, and its decision takes effect at once.
 */
final class Simulation {

    static final double STEP = 0.5;
    /** The projector's max.poll.records: the largest batch a worker takes from a poll. */
    static final double MAX_POLL_RECORDS = 500;
    /** The group counts as behind, draining a backlog, while its oldest waiting event is older than this. */
    static final double BEHIND = 5;

    /** What the group and its traffic look like. */
    record Scenario(int partitions, double workerRate, double peakRate, Duration rebalancePause,
                    Duration pollInterval, Duration commitLatency) {
    }

    /**
     * One run's figures, and its time series (one sample per second) for the chart.
     *
     * @param maxDelaySeconds the most the oldest unconsumed event was ever behind
     * @param drainSeconds    the time spent draining: while the oldest unconsumed event was more
     *                        than {@link #BEHIND} seconds old (for a single burst: from 5 s into it
     *                        until it is drained)
     */
    record Result(double maxDelaySeconds, double drainSeconds, double workerSeconds, int actions,
                  double[] time, double[] rate, double[] workers, double[] lag, double[] delay) {
    }

    private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

    private Simulation() {
    }

    static Result run(Scenario scenario, Trace trace, double duration, ScalingPolicy policy) {
        int partitions = scenario.partitions();
        int steps = (int) Math.round(duration / STEP);
        double pause = seconds(scenario.rebalancePause());
        double commitLatency = seconds(scenario.commitLatency());
        int pollEvery = Math.max(1, (int) Math.round(seconds(scenario.pollInterval()) / STEP));

        // events produced to each partition so far, by step (the same for all partitions)
        double[] producedPerPartition = new double[steps + 1];
        double[] consumed = new double[partitions];
        double[] consumedThisStep = new double[partitions];
        double[] backlogOfWorker = new double[partitions];
        double[] cycle = new double[partitions];
        double[] commitLag = new double[partitions];
        int workers = 1;
        double pausedUntil = -1;
        double workerSeconds = 0;
        int actions = 0;
        double maxDelay = 0;
        double behind = 0;
        double producedAtPoll = 0;
        double consumedAtPoll = 0;

        int samples = (int) Math.floor(duration) + 1;
        double[] time = new double[samples];
        double[] rate = new double[samples];
        double[] workerSeries = new double[samples];
        double[] lagSeries = new double[samples];
        double[] delaySeries = new double[samples];
        int sample = 0;

        for (int step = 1; step <= steps; step++) {
            double t = step * STEP;
            double incoming = scenario.peakRate() * trace.share(t - STEP / 2, duration);
            producedPerPartition[step] = producedPerPartition[step - 1] + incoming * STEP / partitions;
            double logEnd = producedPerPartition[step];

            Arrays.fill(consumedThisStep, 0);
            Arrays.fill(commitLag, 0);
            if (t > pausedUntil) {
                int consumers = Math.min(workers, partitions);
                Arrays.fill(backlogOfWorker, 0, consumers, 0);
                for (int p = 0; p < partitions; p++) {
                    backlogOfWorker[p % consumers] += logEnd - consumed[p];
                }
                double capacity = scenario.workerRate() * STEP;
                for (int w = 0; w < consumers; w++) {
                    // a worker's batch cycle: the commit round trip, stretched by the share of time it is busy
                    double busy = Math.min(backlogOfWorker[w], capacity) / capacity;
                    cycle[w] = Math.min(commitLatency / Math.max(1 - busy, 1e-9), commitLatency + MAX_POLL_RECORDS / scenario.workerRate());
                }
                for (int p = 0; p < partitions; p++) {
                    double backlog = logEnd - consumed[p];
                    double ofWorker = backlogOfWorker[p % consumers];
                    double take = ofWorker <= capacity ? backlog : backlog * capacity / ofWorker;
                    consumed[p] += take;
                    consumedThisStep[p] = take;
                    commitLag[p] = take / STEP * cycle[p % consumers];
                }
            }
            workerSeconds += workers * STEP;

            double oldest = Arrays.stream(consumed).min().orElse(logEnd);
            double delay = oldest >= logEnd - 1e-9 ? 0 : t - timeProduced(producedPerPartition, step, oldest);
            maxDelay = Math.max(maxDelay, delay);
            if (delay > BEHIND) {
                behind += STEP;
            }

            if (step % pollEvery == 0) {
                double producedTotal = logEnd * partitions;
                double consumedTotal = Arrays.stream(consumed).sum();
                double interval = pollEvery * STEP;
                List<PartitionLag> lags = new ArrayList<>(partitions);
                for (int p = 0; p < partitions; p++) {
                    double committed = Math.max(0, consumed[p] - commitLag[p]);
                    lags.add(new PartitionLag("events", p, (long) Math.floor(logEnd), (long) Math.floor(committed)));
                }
                Decision decision = policy.decide(new Observation(EPOCH.plusMillis(Math.round(t * 1000)), workers, lags,
                        (producedTotal - producedAtPoll) / interval, (consumedTotal - consumedAtPoll) / interval));
                producedAtPoll = producedTotal;
                consumedAtPoll = consumedTotal;
                if (decision.desiredWorkers() != workers) {
                    workers = Math.max(1, decision.desiredWorkers());
                    actions++;
                    pausedUntil = t + pause;
                }
            }

            if (t >= sample && sample < samples) {
                time[sample] = t;
                rate[sample] = incoming;
                workerSeries[sample] = workers;
                lagSeries[sample] = Arrays.stream(consumed).map(c -> logEnd - c).sum();
                delaySeries[sample] = delay;
                sample++;
            }
        }
        return new Result(maxDelay, behind, workerSeconds, actions,
                Arrays.copyOf(time, sample), Arrays.copyOf(rate, sample), Arrays.copyOf(workerSeries, sample),
                Arrays.copyOf(lagSeries, sample), Arrays.copyOf(delaySeries, sample));
    }

    /** When the event at {@code offset} was produced (each partition's log grows alike). */
    private static double timeProduced(double[] produced, int last, double offset) {
        int low = 1;
        int high = last;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (produced[mid] > offset + 1e-9) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        // produced during step `low`, i.e. between (low - 1) x STEP and low x STEP
        double during = produced[low] - produced[low - 1];
        double into = during <= 0 ? 1 : (offset - produced[low - 1]) / during;
        return (low - 1 + Math.max(0, Math.min(1, into))) * STEP;
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
