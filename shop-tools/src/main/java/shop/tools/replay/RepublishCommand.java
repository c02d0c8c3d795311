package shop.tools.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import shop.contracts.envelope.EventEnvelope;
import shop.tools.EventStoreOptions;
import shop.tools.KafkaOptions;
import shop.tools.Progress;
import shop.tools.Usage;
import shop.tools.store.EventStore;
import shop.tools.store.EventStream;

/** {@code ./shop replay republish --stream cart --from-position P [--to-position Q] [--aggregate ID] [--rate R]}. */
@Command(name = "republish", mixinStandardHelpOptions = true,
        description = "Send events from the event store to Kafka again, in store order, in the envelope the relay uses"
                + " (after topic loss, or for a new consumer). Consumers skip what they already applied.")
public class RepublishCommand implements Callable<Integer> {

    @Mixin
    EventStoreOptions store;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--stream", required = true, description = "whose event store: ${COMPLETION-CANDIDATES}")
    EventStream stream;

    @Option(names = "--topic", description = "send to this topic instead of the stream's own")
    String topic;

    @Option(names = "--from-position", required = true, description = "first global position (the envelope's ce_position) to send")
    long from;

    @Option(names = "--to-position", defaultValue = "9223372036854775807", description = "last global position to send (default: the end)")
    long to;

    @Option(names = "--aggregate", description = "only this aggregate's events")
    String aggregateId;

    @Option(names = "--rate", defaultValue = "1000", description = "events per second at most; 0 for no limit (default: ${DEFAULT-VALUE})")
    double rate;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Usage.require(from >= 0, spec, "--from-position must be 0 or more");
        Usage.require(to >= from, spec, "--to-position must not be below --from-position");
        Usage.require(rate >= 0, spec, "--rate must be 0 (no limit) or more");
        String where = "globalindex between ? and ?" + (aggregateId == null ? "" : " and aggregateidentifier = ?");
        List<Object> parameters = aggregateId == null ? List.of(from, to) : List.of(from, to, aggregateId);
        String target = topic == null ? stream.topic : topic;
        try (EventStore events = new EventStore(store);
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(kafka.clientConfig(Map.of(
                     ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                     ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                     // the relay's guarantees: nothing lost, one aggregate's events in order
                     ProducerConfig.ACKS_CONFIG, "all",
                     ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)))) {
            Progress progress = new Progress("republish " + stream.schema, events.count(stream, where, parameters), "events", System.err);
            List<Future<?>> sends = new ArrayList<>();
            long started = System.nanoTime();
            events.read(stream, where, parameters, "globalindex", event -> {
                EventEnvelope envelope = EventEnvelope.of(event.event(), event.eventId(), stream.source, event.time(),
                        event.aggregateId(), event.sequence(), event.position(), EventStore.traceparent(event.metadata()));
                sends.add(producer.send(envelope.toRecord(target)));
                progress.advance(1);
                if (rate > 0) {
                    long wait = started + (long) (progress.done() / rate * 1e9) - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
            });
            producer.flush();
            for (Future<?> send : sends) {
                send.get(60, TimeUnit.SECONDS);
            }
            progress.finish();
            System.out.printf("republish: %d events from %s.domainevententry (positions %d..%s) sent to %s%n", progress.done(),
                    stream.schema, from, to == Long.MAX_VALUE ? "end" : Long.toString(to), target);
            return 0;
        }
    }
}
