package shop.autoscaler.policy;

import java.util.Map;

/**
 * What a policy decided at one poll: the worker count it wants and, for the log, the metrics and
 * the JSON state, why (the numbers behind the decision, by name).
 */
public record Decision(int desiredWorkers, String reason, Map<String, Double> numbers) {

    public Decision {
        numbers = Map.copyOf(numbers);
    }
}
