package shop.projector.apply;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts what happened to each event: applied, skipped as already applied, or failed. The counters are kept,
 * since registering one (building its id and looking it up) costs more than the increment, many times a batch.
 * Every counter of every topic this worker consumes exists from the start, at 0: an alert on failures or gaps
 * then sees 0, not a series that does not exist until the first one.
 */
@Component
class ProjectorMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    ProjectorMetrics(MeterRegistry registry, Projections projections) {
        this.registry = registry;
        for (String topic : projections.topics()) {
            for (String result : new String[]{"applied", "skipped", "failed"}) {
                events(topic, result);
            }
            gaps(topic);
        }
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
        gaps(topic).increment();
    }

    private Counter gaps(String topic) {
        return counters.computeIfAbsent("gaps " + topic, name -> Counter.builder("projector.gaps")
                .description("events whose predecessor was not applied yet").tag("topic", topic).register(registry));
    }

    private Counter events(String topic, String result) {
        return counters.computeIfAbsent(result + " " + topic, name -> Counter.builder("projector.events")
                .description("events handled by the projector").tag("topic", topic).tag("result", result).register(registry));
    }
}
