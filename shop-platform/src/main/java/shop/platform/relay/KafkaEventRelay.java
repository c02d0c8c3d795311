package shop.platform.relay;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;

import shop.contracts.envelope.EventEnvelope;
import shop.platform.tracing.Traces;

/**
 * Publishes every event of the service's event store, in store order, to the service's topic, keyed by
 * aggregate id. It runs in a tracking event processor whose token lives in PostgreSQL: sends of a batch go
 * out asynchronously and the batch's unit of work waits for all their acknowledgements before it commits
 * the token. A crash or a Kafka failure therefore rolls the token back and the batch is sent again: at
 * least once, never lost, per-aggregate order kept by the idempotent producer.
 *
 * <p>The envelope carries the {@code traceparent} stored with the event, and each send is a span of that trace
 * that ends with Kafka's acknowledgement.
 */
@ProcessingGroup(KafkaEventRelay.PROCESSING_GROUP)
public class KafkaEventRelay {

    public static final String PROCESSING_GROUP = "kafka-relay";
    private static final String PENDING_SENDS = KafkaEventRelay.class.getName() + ".pending";
    private static final Logger log = LoggerFactory.getLogger(KafkaEventRelay.class);

    private final KafkaTemplate<String, byte[]> kafka;
    private final RelayProperties properties;
    private final Traces traces;

    KafkaEventRelay(KafkaTemplate<String, byte[]> kafka, RelayProperties properties, Traces traces) {
        this.kafka = kafka;
        this.properties = properties;
        this.traces = traces;
    }

    @EventHandler
    void relay(Object event, DomainEventMessage<?> message, TrackingToken token) {
        EventEnvelope envelope = EventEnvelope.of(event, message.getIdentifier(), properties.source(),
                message.getTimestamp(), message.getAggregateIdentifier(), message.getSequenceNumber(),
                token.position().orElse(-1), (String) message.getMetaData().get(Traces.TRACEPARENT));
        Span span = traces.continueTrace(envelope.traceparent(), "relay");
        try (Tracer.SpanInScope scope = traces.inScope(span)) {
            log.debug("relaying {} {}#{} (position {})", envelope.type(), envelope.subject(), envelope.sequence(),
                    envelope.position());
            pendingSendsOfThisBatch().add(kafka.send(envelope.toRecord(properties.topic()))
                    .whenComplete((result, failure) -> {
                        if (failure != null) {
                            span.error(failure);
                        }
                        span.end();
                    }));
        }
    }

    private List<CompletableFuture<?>> pendingSendsOfThisBatch() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(PENDING_SENDS, key -> {
            List<CompletableFuture<?>> sends = new ArrayList<>();
            batch.onPrepareCommit(unitOfWork -> awaitAcknowledgements(sends));
            return sends;
        });
    }

    private void awaitAcknowledgements(List<CompletableFuture<?>> sends) {
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                    .get(properties.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RelayFailure("interrupted while awaiting Kafka acknowledgements", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new RelayFailure("Kafka did not acknowledge the batch; it will be sent again", e);
        }
    }

    static class RelayFailure extends RuntimeException {
        RelayFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
