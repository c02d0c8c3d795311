package shop.autoscaler.control;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import shop.autoscaler.lag.GroupLag;
import shop.autoscaler.policy.Decision;
import shop.autoscaler.policy.PartitionLag;

/**
 * The lag figures and the decisions as Prometheus metrics: {@code autoscaler_lag_events},
 * {@code autoscaler_partition_lag_events{topic,partition}}, {@code autoscaler_lag_seconds} (+Inf while the
 * drain time is unknown), {@code autoscaler_produce_rate}, {@code autoscaler_consume_rate} (events/s),
 * {@code autoscaler_workers}, {@code autoscaler_workers_desired},
 * {@code autoscaler_decisions_total{action=up|down|hold}} and {@code autoscaler_decision_number{name}} (the
 * numbers behind the last decision).
 */
final class AutoscalerMetrics {

    private final MeterRegistry registry;
    private final AtomicReference<AutoscalerState> state;
    private final Map<String, Long> partitionLags = new ConcurrentHashMap<>();
    private final Map<String, Double> decisionNumbers = new ConcurrentHashMap<>();
    private final Map<String, Counter> decisions = new ConcurrentHashMap<>();
    private volatile double lagSeconds;

    AutoscalerMetrics(MeterRegistry registry, AtomicReference<AutoscalerState> state) {
        this.registry = registry;
        this.state = state;
        Gauge.builder("autoscaler.lag", state, s -> s.get().totalLag()).baseUnit("events")
                .description("events the group has still to consume").register(registry);
        Gauge.builder("autoscaler.lag.seconds", this, m -> m.lagSeconds)
                .description("time to drain the backlog at the consume rate").register(registry);
        Gauge.builder("autoscaler.produce.rate", state, s -> s.get().produceRate())
                .description("events/s appended to the group's topics").register(registry);
        Gauge.builder("autoscaler.consume.rate", state, s -> s.get().consumeRate())
                .description("events/s committed by the group").register(registry);
        Gauge.builder("autoscaler.workers", state, s -> s.get().workers())
                .description("projector workers running").register(registry);
        Gauge.builder("autoscaler.workers.desired", state, s -> s.get().desiredWorkers())
                .description("projector workers the policy wants, within the bounds").register(registry);
    }

    void record(GroupLag lag, Decision decision, int workers, int desired) {
        lagSeconds = lag.lagSeconds();
        for (PartitionLag partition : lag.partitions()) {
            String key = partition.topic() + "|" + partition.partition();
            if (partitionLags.put(key, GroupLag.lag(partition)) == null) {
                Gauge.builder("autoscaler.partition.lag", partitionLags, lags -> lags.getOrDefault(key, 0L))
                        .baseUnit("events").tag("topic", partition.topic()).tag("partition", Integer.toString(partition.partition()))
                        .register(registry);
            }
        }
        decision.numbers().forEach((name, value) -> {
            if (decisionNumbers.put(name, value) == null) {
                Gauge.builder("autoscaler.decision.number", decisionNumbers, numbers -> numbers.getOrDefault(name, Double.NaN))
                        .tag("name", name).description("a number behind the last decision").register(registry);
            }
        });
        String action = desired > workers ? "up" : desired < workers ? "down" : "hold";
        decisions.computeIfAbsent(action, a -> Counter.builder("autoscaler.decisions").tag("action", a)
                .description("policy decisions, by what they did to the worker count").register(registry)).increment();
    }
}
