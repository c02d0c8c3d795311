package shop.system;

import static shop.system.Views.currentKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

import shop.contracts.cart.CartOpened;
import shop.contracts.cart.ItemAddedToCart;
import shop.contracts.envelope.EventCodec;
import shop.contracts.envelope.EventEnvelope;
import shop.contracts.view.ViewKeys;
import shop.testsupport.SharedContainers;

/**
 * A cache-projector worker stopped by SIGTERM in the middle of a backlog (what a scale-down does): it exits by
 * itself (not killed), leaves the group at once (no wait for the session timeout), and its committed
 * offsets are exactly what it applied: every event below a partition's committed offset is in Redis and
 * none above it. So the next worker neither loses nor repeats anything: it skips no event.
 */
class WorkerShutdownIT {

    static final int CARTS = 6000;
    static final int EVENTS_PER_CART = 10;

    /** Where each produced event landed. */
    record Sent(String cartId, long sequence, TopicPartition partition, long offset) {
    }

    @Test
    void aWorkerStoppedBySigtermFinishesItsBatchCommitsAndLeavesTheGroup() throws Exception {
        SharedContainers.start();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String group = "shutdown-it-" + run;
        String cartTopic = "shutdown-it-carts-" + run;
        String[] worker = {"--spring.kafka.consumer.group-id=" + group, "--shop.projector.cart-topic=" + cartTopic,
                "--shop.projector.order-topic=shutdown-it-orders-" + run};
        String bootstrap = SharedContainers.KAFKA.getBootstrapServers();

        // a worker creates the topics; it then has nothing to do until the backlog is written
        ServiceProcess first = ServiceProcess.start("cache-projector", worker);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
             RedisClient redisClient = RedisClient.create("redis://" + SharedContainers.redisHost() + ":" + SharedContainers.redisPort());
             StatefulRedisConnection<String, String> redis = redisClient.connect()) {
            List<Sent> sent = produceBacklog(bootstrap, cartTopic);

            // SIGTERM once the worker is into the backlog
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                    .until(() -> committed(admin, group).values().stream().mapToLong(Long::longValue).sum() > 0);
            Instant stopping = Instant.now();
            first.stop();
            Duration stopTook = Duration.between(stopping, Instant.now());
            assertThat(first.exitValue()).as("exit status after SIGTERM (143: the JVM shut down by itself)").isEqualTo(143);
            assertThat(stopTook).as("time to stop").isLessThan(Duration.ofSeconds(20));

            // it left the group: no member waits out the 10 s session timeout
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
            assertThat(description.members()).as("members right after the worker exited").isEmpty();

            // its commits are exactly what it applied
            Map<TopicPartition, Long> committed = committed(admin, group);
            long below = 0;
            Map<String, Long> expectedVersion = new HashMap<>();
            for (Sent event : sent) {
                if (event.offset() < committed.getOrDefault(event.partition(), 0L)) {
                    expectedVersion.merge(event.cartId(), event.sequence(), Math::max);
                    below++;
                }
            }
            assertThat(below).as("events committed when stopped (the SIGTERM came mid-backlog)").isBetween(1L, (long) sent.size() - 1);
            List<String> wrong = new ArrayList<>();
            for (String cartId : sent.stream().map(Sent::cartId).distinct().toList()) {
                String version = redis.sync().hget(currentKey(redis.sync(), ViewKeys.Family.CARTS, cartId), ViewKeys.VERSION_FIELD);
                Long expected = expectedVersion.get(cartId);
                if (expected == null ? version != null : !String.valueOf(expected).equals(version)) {
                    wrong.add(cartId + ": committed up to version " + expected + ", view at " + version);
                }
            }
            assertThat(wrong).as("views that differ from the committed offsets").isEmpty();

            // the next worker takes over from the commits: it applies the rest and skips nothing
            ServiceProcess second = ServiceProcess.start("cache-projector", worker);
            try {
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() ->
                        committed(admin, group).values().stream().mapToLong(Long::longValue).sum() == sent.size());
                String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(second.baseUrl() + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString()).body();
                assertThat(counter(metrics, "applied")).as("events the second worker applied").isEqualTo(sent.size() - below);
                assertThat(counter(metrics, "skipped")).as("events the second worker found already applied").isZero();
            } finally {
                second.stop();
            }
        } finally {
            first.stop();
        }
    }

    static List<Sent> produceBacklog(String bootstrap, String topic) throws Exception {
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        List<Sent> sent = new ArrayList<>();
        List<String[]> keys = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.LINGER_MS_CONFIG, 20))) {
            Instant now = Instant.now();
            for (int cart = 0; cart < CARTS; cart++) {
                String cartId = UUID.randomUUID().toString();
                for (int sequence = 0; sequence < EVENTS_PER_CART; sequence++) {
                    Object event = sequence == 0 ? new CartOpened(cartId, "shutdown-it")
                            : new ItemAddedToCart(cartId, "MUG-CQRS", "CQRS mug", 1290, "EUR", 1);
                    acks.add(producer.send(new EventEnvelope(UUID.randomUUID().toString(), EventCodec.typeOf(event.getClass()),
                            "/shutdown-it", now, cartId, sequence, sequence, null, EventCodec.encode(event)).toRecord(topic)));
                    keys.add(new String[]{cartId, Long.toString(sequence)});
                }
            }
            for (int i = 0; i < acks.size(); i++) {
                RecordMetadata ack = acks.get(i).get();
                sent.add(new Sent(keys.get(i)[0], Long.parseLong(keys.get(i)[1]), new TopicPartition(ack.topic(), ack.partition()),
                        ack.offset()));
            }
        }
        return sent;
    }

    static Map<TopicPartition, Long> committed(Admin admin, String group) throws Exception {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (Map.Entry<TopicPartition, OffsetAndMetadata> entry
                : admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet()) {
            if (entry.getValue() != null && entry.getKey().topic().startsWith("shutdown-it-carts-")) {
                offsets.put(entry.getKey(), entry.getValue().offset());
            }
        }
        return offsets;
    }

    static long counter(String prometheus, String result) {
        Matcher matcher = Pattern.compile("projector_events_total\\{[^}]*result=\"" + result + "\"[^}]*} ([0-9.E]+)").matcher(prometheus);
        long total = 0;
        while (matcher.find()) {
            total += (long) Double.parseDouble(matcher.group(1));
        }
        return total;
    }
}
