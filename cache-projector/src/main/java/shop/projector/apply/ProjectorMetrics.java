package shop.projector.apply;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Counts what happened to each event: applied, skipped as already applied, or failed. */
@Component
class ProjectorMetrics {

    private final MeterRegistry registry;

    ProjectorMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void applied(String topic, int count) {
        counter(topic, "applied").increment(count);
    }

    void skipped(String topic, int count) {
        counter(topic, "skipped").increment(count);
    }

    void failed(String topic) {
        counter(topic, "failed").increment();
    }

    void gap(String topic) {
        Counter.builder("projector.gaps").description("events whose predecessor was not applied yet")
                .tag("topic", topic).register(registry).increment();
    }

    private Counter counter(String topic, String result) {
        return Counter.builder("projector.events").description("events handled by the projector")
                .tag("topic", topic).tag("result", result).register(registry);
    }
}
