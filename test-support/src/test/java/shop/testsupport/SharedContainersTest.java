package shop.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

/** The shared engines are real and usable: SQL round trip, Kafka produce and consume, Redis SET and GET. */
class SharedContainersTest {

    @BeforeAll
    static void startContainers() {
        SharedContainers.start();
    }

    @Test
    void postgresAnswersQueries() throws Exception {
        try (Connection connection = DriverManager.getConnection(SharedContainers.POSTGRES.getJdbcUrl(),
                SharedContainers.POSTGRES.getUsername(), SharedContainers.POSTGRES.getPassword());
             ResultSet result = connection.createStatement().executeQuery("select current_database(), version()")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getString(1)).isEqualTo("shop");
            assertThat(result.getString(2)).startsWith("PostgreSQL 15");
        }
    }

    @Test
    void kafkaRecordProducedIsConsumedBack() throws Exception {
        String topic = "smoke-" + UUID.randomUUID();
        String bootstrap = SharedContainers.KAFKA.getBootstrapServers();
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>(topic, "key", "hello")).get();
        }
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "smoke",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
            assertThat(received).singleElement().satisfies(record -> {
                assertThat(record.key()).isEqualTo("key");
                assertThat(record.value()).isEqualTo("hello");
            });
        }
    }

    @Test
    void redisReturnsWhatWasWritten() {
        RedisClient client = RedisClient.create("redis://" + SharedContainers.redisHost() + ":" + SharedContainers.redisPort());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().set("smoke", "value");
            assertThat(connection.sync().get("smoke")).isEqualTo("value");
        } finally {
            client.shutdown();
        }
    }
}
