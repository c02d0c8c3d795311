package shop.autoscaler.lag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import shop.autoscaler.policy.PartitionLag;
import shop.testsupport.SharedContainers;

/** The lag reader against a real broker: offsets written and committed here are read back, with rates and lag seconds. */
class LagReaderIT {

    static final String GROUP = "lag-reader-it";
    static final String CARTS = "lag-it-carts-" + UUID.randomUUID();
    static final String ORDERS = "lag-it-orders-" + UUID.randomUUID();
    static final String MISSING = "lag-it-not-created-" + UUID.randomUUID();

    static Admin admin;
    static KafkaProducer<String, String> producer;
    static KafkaConsumer<String, String> committer;
    static LagReader reader;

    @BeforeAll
    static void connect() throws Exception {
        SharedContainers.start();
        String bootstrap = SharedContainers.KAFKA.getBootstrapServers();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        admin.createTopics(List.of(new NewTopic(CARTS, 3, (short) 1), new NewTopic(ORDERS, 2, (short) 1))).all().get();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
        // commits offsets for the group the way a projector worker does, without consuming
        committer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, GROUP,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        reader = new LagReader(Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap)), GROUP,
                List.of(CARTS, ORDERS, MISSING), Duration.ofSeconds(10));
    }

    @AfterAll
    static void disconnect() {
        reader.close();
        committer.close();
        producer.close();
        admin.close();
    }

    static void produce(String topic, int partition, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            producer.send(new ProducerRecord<>(topic, partition, "key", "value")).get();
        }
    }

    static void commit(String topic, int partition, long offset) {
        committer.commitSync(Map.of(new TopicPartition(topic, partition), new OffsetAndMetadata(offset)));
    }

    static PartitionLag partition(List<PartitionLag> lags, String topic, int partition) {
        return lags.stream().filter(p -> p.topic().equals(topic) && p.partition() == partition).findFirst().orElseThrow();
    }

    @Test
    void readsLogEndAndCommittedOffsetsAndTurnsThemIntoLagAndRates() throws Exception {
        produce(CARTS, 0, 10);
        produce(CARTS, 1, 4);
        produce(ORDERS, 1, 6);
        commit(CARTS, 0, 7);
        commit(CARTS, 1, 4);
        commit(ORDERS, 1, 1);

        List<PartitionLag> first = reader.read();
        // every partition of the existing topics, ordered; a topic that does not exist yet has none
        assertThat(first).extracting(p -> p.topic() + "-" + p.partition()).containsExactlyElementsOf(
                (CARTS.compareTo(ORDERS) < 0 ? List.of(CARTS + "-0", CARTS + "-1", CARTS + "-2", ORDERS + "-0", ORDERS + "-1")
                        : List.of(ORDERS + "-0", ORDERS + "-1", CARTS + "-0", CARTS + "-1", CARTS + "-2")));
        assertThat(partition(first, CARTS, 0)).isEqualTo(new PartitionLag(CARTS, 0, 10, 7));
        assertThat(partition(first, CARTS, 1)).isEqualTo(new PartitionLag(CARTS, 1, 4, 4));
        assertThat(partition(first, CARTS, 2)).isEqualTo(new PartitionLag(CARTS, 2, 0, PartitionLag.NO_COMMIT));
        assertThat(partition(first, ORDERS, 0)).isEqualTo(new PartitionLag(ORDERS, 0, 0, PartitionLag.NO_COMMIT));
        assertThat(partition(first, ORDERS, 1)).isEqualTo(new PartitionLag(ORDERS, 1, 6, 1));

        LagTracker tracker = new LagTracker();
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        GroupLag before = tracker.next(t0, first);
        assertThat(before.totalLag()).isEqualTo(3 + 0 + 0 + 0 + 5);
        // the first read has nothing to measure rates against, so the drain time is not known yet
        assertThat(before.produceRate()).isZero();
        assertThat(before.consumeRate()).isZero();
        assertThat(before.lagSeconds()).isInfinite();

        // two seconds later: 8 more produced, 6 more consumed, and a partition without commits gets events
        produce(CARTS, 0, 4);
        produce(ORDERS, 1, 2);
        produce(CARTS, 2, 2);
        commit(CARTS, 0, 12);
        commit(ORDERS, 1, 2);
        GroupLag after = tracker.next(t0.plusSeconds(2), reader.read());
        assertThat(after.totalLag()).isEqualTo((14 - 12) + 0 + 2 + 0 + (8 - 2));
        assertThat(after.produceRate()).isCloseTo(8 / 2.0, within(1e-9));
        assertThat(after.consumeRate()).isCloseTo(6 / 2.0, within(1e-9));
        assertThat(after.lagSeconds()).isCloseTo(10 / 3.0, within(1e-9));

        // nothing consumed in the next interval: the backlog drains at the last rate measured, not never
        GroupLag stalled = tracker.next(t0.plusSeconds(4), reader.read());
        assertThat(stalled.consumeRate()).isZero();
        assertThat(stalled.lagSeconds()).isCloseTo(10 / 3.0, within(1e-9));

        // all consumed: no lag, no drain time
        commit(CARTS, 0, 14);
        commit(CARTS, 2, 2);
        commit(ORDERS, 1, 8);
        GroupLag drained = tracker.next(t0.plusSeconds(6), reader.read());
        assertThat(drained.totalLag()).isZero();
        assertThat(drained.lagSeconds()).isZero();
        assertThat(drained.consumeRate()).isCloseTo((2 + 6) / 2.0, within(1e-9));
    }

    @Test
    void aGroupWithNoTopicsYetHasNoPartitionsAndNoMembers() throws Exception {
        try (LagReader empty = new LagReader(Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedContainers.KAFKA.getBootstrapServers())), "nobody", List.of(MISSING), Duration.ofSeconds(10))) {
            assertThat(empty.read()).isEmpty();
            assertThat(empty.members()).isZero();
        }
    }
}
