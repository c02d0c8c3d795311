package shop.autoscaler.control;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import shop.autoscaler.lag.GroupLag;
import shop.autoscaler.lag.LagReader;
import shop.autoscaler.lag.LagTracker;
import shop.autoscaler.policy.Decision;
import shop.autoscaler.policy.Observation;
import shop.autoscaler.policy.PartitionLag;
import shop.autoscaler.policy.ScalingPolicy;
import shop.autoscaler.workers.WorkerSupervisor;

/**
 * Every poll interval: read the lag, ask the policy, bring the worker count to its answer (within the
 * supervisor's bounds), and publish the figures (state, timeline, metrics, log). Without supervision
 * (Kubernetes) it only publishes: KEDA reads {@code desiredWorkers} and scales the Deployment. One thread, so polls never
 * overlap; a scale-down waits for the stopped workers, and the next poll measures rates over the real
 * elapsed time.
 */
final class ControlLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ControlLoop.class);

    private final AutoscalerProperties properties;
    private final LagReader lagReader;
    private final ScalingPolicy policy;
    private final WorkerSupervisor supervisor;
    private final boolean supervise;
    private final AtomicReference<AutoscalerState> state;
    private final Timeline timeline;
    private final AutoscalerMetrics metrics;
    private final Clock clock;
    private final LagTracker tracker = new LagTracker();
    private ScheduledExecutorService executor;
    private int lastDesired = -1;

    ControlLoop(AutoscalerProperties properties, LagReader lagReader, ScalingPolicy policy, WorkerSupervisor supervisor,
                boolean supervise, AtomicReference<AutoscalerState> state, Timeline timeline, AutoscalerMetrics metrics,
                Clock clock) {
        this.supervise = supervise;
        this.properties = properties;
        this.lagReader = lagReader;
        this.policy = policy;
        this.supervisor = supervisor;
        this.state = state;
        this.timeline = timeline;
        this.metrics = metrics;
        this.clock = clock;
    }

    void poll() {
        try {
            List<PartitionLag> partitions = lagReader.read();
            GroupLag lag = tracker.next(clock.instant(), partitions);
            int workers = supervise ? supervisor.workers().size() : lagReader.members();
            Decision decision = policy.decide(new Observation(lag.at(), workers, partitions, lag.produceRate(), lag.consumeRate()));
            int desired = supervisor.bound(decision.desiredWorkers(), largestTopic(partitions));
            metrics.record(lag, decision, workers, desired);
            state.set(AutoscalerState.of(properties.mode().label(), workers, desired, lag, decision));
            timeline.add(new Sample(lag.at(), workers, desired, lag.totalLag(), AutoscalerState.finite(lag.lagSeconds()),
                    lag.produceRate(), lag.consumeRate()));
            logDecision(lag, decision, workers, desired);
            if (supervise && desired != workers) {
                supervisor.scaleTo(desired);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // Kafka unreachable or a worker that cannot start: keep the workers as they are and try again
            log.warn("poll failed, workers unchanged: {}", e.toString());
        }
    }

    private void logDecision(GroupLag lag, Decision decision, int workers, int desired) {
        String message = String.format(Locale.ROOT,
                "decision: %d -> %d workers (policy %d): %s; lag %d events, %.1f s, produce %.1f/s, consume %.1f/s; %s",
                workers, desired, decision.desiredWorkers(), decision.reason(), lag.totalLag(), lag.lagSeconds(),
                lag.produceRate(), lag.consumeRate(), numbers(decision.numbers()));
        // every decision at debug; those that change the count or the target at info
        if (desired != workers || desired != lastDesired) {
            log.info(message);
        } else {
            log.debug(message);
        }
        lastDesired = desired;
    }

    private static String numbers(Map<String, Double> numbers) {
        return new java.util.TreeMap<>(numbers).entrySet().stream()
                .map(e -> e.getKey() + "=" + String.format(Locale.ROOT, "%.3f", e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static int largestTopic(List<PartitionLag> partitions) {
        return partitions.stream().collect(Collectors.groupingBy(PartitionLag::topic, Collectors.counting()))
                .values().stream().mapToInt(Long::intValue).max().orElse(0);
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> new Thread(runnable, "autoscaler-loop"));
        executor.scheduleWithFixedDelay(this::poll, 0, properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        log.info("autoscaler: mode {}, group {} on {}, poll every {}", properties.mode().label(), properties.group(),
                properties.topics(), properties.pollInterval());
    }

    /** Lets a running poll (and a scale-down it waits for) finish; the supervisor then stops every worker. */
    @Override
    public synchronized void stop() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(60, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null && !executor.isShutdown();
    }
}
