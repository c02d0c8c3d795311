package shop.projector.apply;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

/** Every projection of this worker, by the topic it consumes. */
@Component("projections")
public class Projections {

    private final Map<String, Projection<?>> byTopic;

    Projections(List<Projection<?>> projections) {
        this.byTopic = projections.stream().collect(Collectors.toUnmodifiableMap(Projection::topic, Function.identity()));
    }

    public String[] topics() {
        return byTopic.keySet().stream().sorted().toArray(String[]::new);
    }

    Projection<?> forTopic(String topic) {
        Projection<?> projection = byTopic.get(topic);
        if (projection == null) {
            throw new IllegalStateException("no projection consumes " + topic);
        }
        return projection;
    }
}
