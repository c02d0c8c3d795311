package shop.autoscaler.control;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import shop.autoscaler.lag.GroupLag;
import shop.autoscaler.policy.Decision;

/** What {@code GET /api/autoscaler} answers: the last poll's figures and decision. */
record AutoscalerState(String mode, int workers, int desiredWorkers, long totalLag, Double lagSeconds,
                       double produceRate, double consumeRate, List<Partition> partitions, LastDecision lastDecision) {

    record Partition(String topic, int partition, long logEndOffset, Long committedOffset, long lag) {
    }

    record LastDecision(Instant at, int desiredWorkers, String reason, Map<String, Double> numbers) {
    }

    static AutoscalerState initial(String mode) {
        return new AutoscalerState(mode, 0, 0, 0, 0.0, 0, 0, List.of(), null);
    }

    static AutoscalerState of(String mode, int workers, int desiredWorkers, GroupLag lag, Decision decision) {
        List<Partition> partitions = lag.partitions().stream()
                .map(p -> new Partition(p.topic(), p.partition(), p.logEndOffset(),
                        p.hasCommit() ? p.committedOffset() : null, GroupLag.lag(p)))
                .toList();
        return new AutoscalerState(mode, workers, desiredWorkers, lag.totalLag(), finite(lag.lagSeconds()),
                lag.produceRate(), lag.consumeRate(), partitions,
                new LastDecision(lag.at(), decision.desiredWorkers(), decision.reason(), decision.numbers()));
    }

    static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
