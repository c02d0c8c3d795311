package shop.projector.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import shop.contracts.cart.CartOpened;
import shop.contracts.cart.ItemAddedToCart;
import shop.contracts.envelope.EventCodec;
import shop.contracts.envelope.EventEnvelope;
import shop.contracts.view.ViewKeys;
import shop.testsupport.InfrastructureContainers;
import shop.testsupport.SharedContainers;

/**
 * A full poll with a backlog behind it leaves its writes in flight until the next batch (or idleness, or a
 * revocation) confirms them; the full poll that ends a backlog is confirmed at once. When writes cannot be
 * confirmed, the batch must neither be committed nor skipped: the consumer goes back to its first record.
 * The listener container is not started here; the test hands batches to the projector as the container would,
 * with a real consumer of a real group.
 */
@SpringBootTest(properties = {
        "spring.kafka.listener.auto-startup=false",
        "spring.kafka.consumer.max-poll-records=" + InFlightBatchIT.FULL_POLL,
        "shop.projector.cart-topic=in-flight-it-carts",
        "shop.projector.order-topic=in-flight-it-orders",
        // a reply held up longer than this fails the confirmation
        "spring.data.redis.timeout=500ms"})
@Import(InfrastructureContainers.class)
class InFlightBatchIT {

    static final int FULL_POLL = 5;
    static final String TOPIC = "in-flight-it-carts";

    @Autowired
    BatchProjector projector;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    MeterRegistry meters;

    @Test
    void writesThatCannotBeConfirmedAreNeitherCommittedNorSkippedButDeliveredAgain() throws Exception {
        String cartId = UUID.randomUUID().toString();
        // two full polls, so that the first has a backlog behind it and is left in flight
        Produced cart = produceCart(cartId, 2 * FULL_POLL);
        TopicPartition partition = cart.partition();
        try (KafkaConsumer<String, byte[]> consumer = consumerAt(cart);
             RedisClient client = RedisClient.create("redis://" + SharedContainers.redisHost() + ":" + SharedContainers.redisPort());
             StatefulRedisConnection<String, String> operator = client.connect()) {
            List<ConsumerRecord<String, byte[]>> batch = poll(consumer);
            long first = batch.get(0).offset();

            // Redis takes reads but holds every script (the writes) longer than the projector waits for a reply
            client(operator, "PAUSE", "3000", "WRITE");
            try {
                projector.project(batch, consumer);
                assertThat(projector.confirmInFlight(consumer, true)).as("confirmed").isFalse();
            } finally {
                client(operator, "UNPAUSE");
            }
            assertThat(consumer.position(partition)).as("position after the failed confirmation").isEqualTo(first);
            assertThat(consumer.committed(java.util.Set.of(partition)).get(partition)).as("committed").isNull();

            // delivered again, the batch goes through: its view is whole and its offsets committed
            List<ConsumerRecord<String, byte[]>> again = poll(consumer);
            assertThat(again).extracting(ConsumerRecord::offset).containsExactlyElementsOf(batch.stream().map(ConsumerRecord::offset).toList());
            projector.project(again, consumer);
            assertThat(projector.confirmInFlight(consumer, true)).as("confirmed the second time").isTrue();
            assertThat(redis.opsForHash().get(currentKey(cartId), ViewKeys.VERSION_FIELD)).isEqualTo(String.valueOf(FULL_POLL - 1));
            assertThat(consumer.committed(java.util.Set.of(partition)).get(partition).offset()).isEqualTo(first + FULL_POLL);
        }
    }

    @Test
    void aFullPollWithNothingBehindItIsConfirmedAtOnce() throws Exception {
        String cartId = UUID.randomUUID().toString();
        Produced cart = produceCart(cartId, FULL_POLL);
        try (KafkaConsumer<String, byte[]> consumer = consumerAt(cart)) {
            List<ConsumerRecord<String, byte[]>> batch = poll(consumer);
            double appliedBefore = applied();

            projector.project(batch, consumer);

            // counted, and its view whole, before the listener returns: no next poll would come to confirm it
            assertThat(applied()).isEqualTo(appliedBefore + FULL_POLL);
            assertThat(redis.opsForHash().get(currentKey(cartId), ViewKeys.VERSION_FIELD)).isEqualTo(String.valueOf(FULL_POLL - 1));
        }
    }

    @Test
    void theWritesOfABatchInFlightGoToRedisAtOnceAndOutliveTheCommandTimeout() throws Exception {
        String cartId = UUID.randomUUID().toString();
        Produced cart = produceCart(cartId, 2 * FULL_POLL);
        try (KafkaConsumer<String, byte[]> consumer = consumerAt(cart)) {
            List<ConsumerRecord<String, byte[]>> batch = poll(consumer);
            double appliedBefore = applied();

            projector.project(batch, consumer);
            assertThat(applied()).as("left in flight, not counted yet").isEqualTo(appliedBefore);

            // the view is written before anything confirms it: fewer writes than a pipeline flush holds went out too
            await().atMost(Duration.ofSeconds(2)).until(() ->
                    String.valueOf(FULL_POLL - 1).equals(redis.opsForHash().get(currentKey(cartId), ViewKeys.VERSION_FIELD)));
            // and the replies wait, however long the next poll takes, beyond the 500 ms command timeout
            Thread.sleep(1000);
            assertThat(projector.confirmInFlight(consumer, true)).as("confirmed").isTrue();
            assertThat(applied()).isEqualTo(appliedBefore + FULL_POLL);
        }
    }

    private double applied() {
        Counter applied = meters.find("projector.events").tags("topic", TOPIC, "result", "applied").counter();
        return applied == null ? 0 : applied.count();
    }

    /** {@code CLIENT <arguments>}, which this Lettuce has no method for in every form. */
    private static void client(StatefulRedisConnection<String, String> connection, String... arguments) {
        connection.sync().dispatch(CommandType.CLIENT, new StatusOutput<>(StringCodec.UTF8),
                new CommandArgs<>(StringCodec.UTF8).addValues(arguments));
    }

    /** Where a cart's events went: its partition and the offset of its first. */
    record Produced(TopicPartition partition, long firstOffset) {
    }

    /** A cart's first {@code events} events, all on its partition (the key's). */
    private static Produced produceCart(String cartId, int events) throws Exception {
        try (var producer = new KafkaProducer<String, byte[]>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedContainers.KAFKA.getBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            RecordMetadata first = null;
            for (int sequence = 0; sequence < events; sequence++) {
                Object event = sequence == 0 ? new CartOpened(cartId, "ivan") : new ItemAddedToCart(cartId, "MUG", "Mug", 100, "EUR", 1);
                RecordMetadata sent = producer.send(new EventEnvelope(UUID.randomUUID().toString(), EventCodec.typeOf(event.getClass()), "/test",
                        Instant.now(), cartId, sequence, sequence, null, EventCodec.encode(event)).toRecord(TOPIC)).get();
                first = first == null ? sent : first;
            }
            return new Produced(new TopicPartition(first.topic(), first.partition()), first.offset());
        }
    }

    /** A consumer of a group of its own, at the cart's first event. */
    private static KafkaConsumer<String, byte[]> consumerAt(Produced cart) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedContainers.KAFKA.getBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "in-flight-it-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, FULL_POLL,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        consumer.assign(List.of(cart.partition()));
        consumer.seek(cart.partition(), cart.firstOffset());
        return consumer;
    }

    private static List<ConsumerRecord<String, byte[]>> poll(KafkaConsumer<String, byte[]> consumer) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            return records.size() >= FULL_POLL;
        });
        assertThat(records).hasSize(FULL_POLL);
        return records;
    }

    private String currentKey(String cartId) {
        return ViewKeys.Family.CARTS.key(ViewKeys.generation(redis.opsForHash().get(ViewKeys.Family.CARTS.control(), ViewKeys.CURRENT_FIELD)), cartId);
    }
}
