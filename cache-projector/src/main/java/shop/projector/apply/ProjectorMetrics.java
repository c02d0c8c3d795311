package shop.projector.apply;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts what happened to each event: applied, skipped as already applied, or failed. The counters are kept,
 * since registering one (building its id and looking it up) costs more than the increment, many times a batch.
 */
@Component
class ProjectorMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    ProjectorMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void applied(String topic, int count) {
        events(topic, "applied").increment(count);
    }

    void skipped(String topic, int count) {
        events(topic, "skipped").increment(count);
    }

    void failed(String topic) {
        events(topic, "failed").increment();
    }

    void gap(String topic) {
        counters.computeIfAbsent("gaps " + topic, name -> Counter.builder("projector.gaps")
                .description("events whose predecessor was not applied yet").tag("topic", topic).register(registry)).increment();
    }

    private Counter events(String topic, String result) {
        return counters.computeIfAbsent(result + " " + topic, name -> Counter.builder("projector.events")
                .description("events handled by the projector").tag("topic", topic).tag("result", result).register(registry));
    }
}
