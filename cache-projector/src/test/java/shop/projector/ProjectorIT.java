package shop.projector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import com.fasterxml.jackson.databind.ObjectMapper;

import shop.contracts.cart.CartCheckedOut.PricedLine;
import shop.contracts.cart.CartOpened;
import shop.contracts.cart.ShippingAddress;
import shop.contracts.order.OrderPaid;
import shop.contracts.order.OrderPlaced;
import shop.contracts.view.OrderView;
import shop.contracts.cart.ItemAddedToCart;
import shop.contracts.envelope.EventCodec;
import shop.contracts.envelope.EventEnvelope;
import shop.contracts.view.CartView;
import shop.contracts.view.ViewKeys;
import shop.testsupport.InfrastructureContainers;
import shop.testsupport.SharedContainers;
import shop.testsupport.TopicReader;
import shop.tools.redrive.DeadLetterRedrive;

/** The projector against real Kafka and Redis: views appear, duplicates change nothing, bad records go aside. */
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // small polls, so that a backlog of a few hundred events comes as full polls, which are written ahead
        properties = {"shop.projector.retry-backoff=50ms", "shop.projector.max-retries=3",
                "spring.kafka.consumer.max-poll-records=" + ProjectorIT.MAX_POLL_RECORDS})
@Import(InfrastructureContainers.class)
class ProjectorIT {

    static final String TOPIC = "shop.cart.events";
    static final int MAX_POLL_RECORDS = 25;
    static KafkaProducer<String, byte[]> producer;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    ObjectMapper json;

    @Autowired
    TestRestTemplate http;

    @Autowired
    LoggingSystem logging;

    @Autowired
    KafkaListenerEndpointRegistry registry;

    @BeforeAll
    static void connect() {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedContainers.KAFKA.getBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    @AfterAll
    static void disconnect() {
        producer.close();
    }

    static ProducerRecord<String, byte[]> record(String cartId, long sequence, Object event) {
        return record(TOPIC, cartId, sequence, Instant.now(), event);
    }

    static ProducerRecord<String, byte[]> record(String topic, String aggregateId, long sequence, Instant time, Object event) {
        return new EventEnvelope(UUID.randomUUID().toString(), EventCodec.typeOf(event.getClass()), "/test",
                time, aggregateId, sequence, sequence, null, EventCodec.encode(event)).toRecord(topic);
    }

    static void send(ProducerRecord<String, byte[]> record) throws Exception {
        producer.send(record).get();
    }

    CartView view(String cartId) throws Exception {
        Object stored = redis.opsForHash().get(currentKey(ViewKeys.Family.CARTS, cartId), ViewKeys.JSON_FIELD);
        return stored == null ? null : json.readValue((String) stored, CartView.class);
    }

    /** The key of {@code id}'s view in the generation readers use now. */
    private String currentKey(ViewKeys.Family family, String id) {
        return family.key(ViewKeys.generation(redis.opsForHash().get(family.control(), ViewKeys.CURRENT_FIELD)), id);
    }

    @Test
    void eventsBecomeTheCartViewAndADuplicateChangesNothing() throws Exception {
        String cartId = UUID.randomUUID().toString();
        var opened = record(cartId, 0, new CartOpened(cartId, "alice"));
        var added = record(cartId, 1, new ItemAddedToCart(cartId, "MUG", "Mug", 1290, "EUR", 2));
        send(opened);
        send(added);
        await().atMost(Duration.ofSeconds(30)).until(() -> view(cartId) != null && view(cartId).version() == 1);

        send(added);
        send(opened);
        var marker = UUID.randomUUID().toString();
        send(record(marker, 0, new CartOpened(marker, "marker")));
        // the marker lands on some partition after the duplicates were sent; wait for the projector to pass it
        await().atMost(Duration.ofSeconds(30)).until(() -> view(marker) != null);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(() -> view(cartId).lines().get(0).quantity() == 2);
        assertThat(view(cartId).version()).isEqualTo(1);
        assertThat(view(cartId).total()).isEqualTo(2580);
        assertThat(redis.opsForHash().get(currentKey(ViewKeys.Family.CARTS, cartId), ViewKeys.VERSION_FIELD)).isEqualTo("1");
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void anAppliedEventIsLoggedInTheTraceOfTheRequestThatCausedIt(CapturedOutput output) throws Exception {
        String cartId = UUID.randomUUID().toString();
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String requestSpan = "00f067aa0ba902b7";
        var opened = new CartOpened(cartId, "dora");
        String logger = "shop.projector.apply.BatchProjector";
        logging.setLogLevel(logger, LogLevel.DEBUG);
        try {
            send(new EventEnvelope(UUID.randomUUID().toString(), EventCodec.typeOf(CartOpened.class), "/test",
                    Instant.now(), cartId, 0, 0, "00-" + traceId + "-" + requestSpan + "-01", EventCodec.encode(opened))
                    .toRecord(TOPIC));
            await().atMost(Duration.ofSeconds(30)).until(() -> view(cartId) != null);

            // the record's own span (so not the request's span id) in the request's trace
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output.getOut()).containsPattern(
                    traceId + "-(?!" + requestSpan + ")\\p{XDigit}{16}.*applied CartOpened#0 to "
                            + Pattern.quote(currentKey(ViewKeys.Family.CARTS, cartId))));
        } finally {
            logging.setLogLevel(logger, null);
        }
    }

    @Test
    void afterAGenerationSwitchTheNextBatchWritesTheNewGeneration() throws Exception {
        String before = UUID.randomUUID().toString();
        send(record(before, 0, new CartOpened(before, "alice")));
        // the projector has now seen the generation in use, which its next batch assumes
        await().atMost(Duration.ofSeconds(30)).until(() -> view(before) != null);
        Object current = redis.opsForHash().get(ViewKeys.Family.CARTS.control(), ViewKeys.CURRENT_FIELD);
        long switched = ViewKeys.generation(current) + 1;
        redis.opsForHash().put(ViewKeys.Family.CARTS.control(), ViewKeys.CURRENT_FIELD, Long.toString(switched));
        try {
            String after = UUID.randomUUID().toString();
            send(record(after, 0, new CartOpened(after, "bob")));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> redis.hasKey(ViewKeys.Family.CARTS.key(switched, after)));
            assertThat(redis.hasKey(ViewKeys.Family.CARTS.key(switched - 1, after))).isFalse();
        } finally {
            if (current == null) {
                redis.opsForHash().delete(ViewKeys.Family.CARTS.control(), ViewKeys.CURRENT_FIELD);
            } else {
                redis.opsForHash().put(ViewKeys.Family.CARTS.control(), ViewKeys.CURRENT_FIELD, current);
            }
        }
    }

    @Test
    void anUnreadableRecordGoesToTheDeadLetterTopicAndThePartitionMovesOn() throws Exception {
        String cartId = UUID.randomUUID().toString();
        var poison = record(cartId, 0, new CartOpened(cartId, "x"));
        send(new ProducerRecord<>(TOPIC, null, cartId, "not json".getBytes(StandardCharsets.UTF_8), poison.headers()));
        String next = UUID.randomUUID().toString();
        // same key, so same partition, behind the poison record
        send(new ProducerRecord<>(TOPIC, null, cartId, record(next, 0, new CartOpened(next, "bob")).value(),
                record(next, 0, new CartOpened(next, "bob")).headers()));

        await().atMost(Duration.ofSeconds(30)).until(() -> view(next) != null);
        var deadLetters = TopicReader.readUntil(SharedContainers.KAFKA.getBootstrapServers(), TOPIC + ".dlt",
                Duration.ofSeconds(30), records -> records.stream().anyMatch(r -> cartId.equals(r.key())));
        var deadLetter = deadLetters.stream().filter(r -> cartId.equals(r.key())).findFirst().orElseThrow();
        assertThat(new String(deadLetter.headers().lastHeader("kafka_dlt-original-topic").value(), StandardCharsets.UTF_8))
                .isEqualTo(TOPIC);
        assertThat(new String(deadLetter.headers().lastHeader("kafka_dlt-exception-message").value(), StandardCharsets.UTF_8))
                .contains("not a valid shop.cart.CartOpened");
        assertThat(http.getForObject("/actuator/prometheus", String.class))
                .containsPattern("projector_events_total\\{.*result=\"failed\".*} [1-9]");
    }

    @Test
    void anEventBeyondTheNextIsNeverAppliedSilently() throws Exception {
        String cartId = UUID.randomUUID().toString();
        send(record(cartId, 0, new CartOpened(cartId, "carol")));
        await().atMost(Duration.ofSeconds(30)).until(() -> view(cartId) != null);
        // sequence 2 without 1: a gap
        send(record(cartId, 2, new ItemAddedToCart(cartId, "MUG", "Mug", 1290, "EUR", 5)));

        var deadLetters = TopicReader.readUntil(SharedContainers.KAFKA.getBootstrapServers(), TOPIC + ".dlt",
                Duration.ofSeconds(30), records -> records.stream().anyMatch(r -> cartId.equals(r.key())));
        assertThat(deadLetters).anySatisfy(r -> assertThat(r.key()).isEqualTo(cartId));
        assertThat(view(cartId).version()).isZero();
        assertThat(view(cartId).lines()).isEmpty();
        assertThat(http.getForObject("/actuator/prometheus", String.class)).containsPattern("projector_gaps_total\\{.*} [1-9]");
        assertThat(http.getForObject("/actuator/health", String.class)).contains("\"status\":\"UP\"");

        // once the missing event arrives, re-driving the dead letter applies the one that had to wait
        send(record(cartId, 1, new ItemAddedToCart(cartId, "PEN", "Pen", 250, "EUR", 1)));
        await().atMost(Duration.ofSeconds(30)).until(() -> view(cartId).version() == 1);
        int redriven = new DeadLetterRedrive(SharedContainers.KAFKA.getBootstrapServers())
                .redrive(TOPIC + ".dlt", Duration.ofSeconds(30));
        assertThat(redriven).isPositive();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(view(cartId).version()).isEqualTo(2);
            assertThat(view(cartId).lines()).extracting(CartView.Line::quantity).containsExactly(1, 5);
        });
    }

    @Test
    void ordersBecomeViewsAndTheirCustomersHistoryNewestFirst() throws Exception {
        String customer = "customer-" + UUID.randomUUID();
        Instant t0 = Instant.parse("2026-11-01T10:00:00Z");
        List<String> orders = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString());
        List<ProducerRecord<String, byte[]>> placed = new java.util.ArrayList<>();
        for (int i = 0; i < orders.size(); i++) {
            placed.add(record("shop.order.events", orders.get(i), 0, t0.plusSeconds(i), new OrderPlaced(orders.get(i),
                    "cart-" + i, customer, List.of(new PricedLine("MUG", "Mug", 1, 1290)), 1290, "EUR",
                    new ShippingAddress("A", "S", "C", "P", "DE"))));
            send(placed.get(i));
        }
        send(record("shop.order.events", orders.get(0), 1, t0.plusSeconds(5), new OrderPaid(orders.get(0), 1290, "EUR", "ref")));
        // a redelivered OrderPlaced changes neither the view nor the history
        send(placed.get(0));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Object stored = redis.opsForHash().get(currentKey(ViewKeys.Family.ORDERS, orders.get(0)), ViewKeys.JSON_FIELD);
            assertThat(stored).isNotNull();
            OrderView view = json.readValue((String) stored, OrderView.class);
            assertThat(view.status()).isEqualTo(OrderView.Status.PAID);
            assertThat(view.timestamps().paidAt()).isEqualTo(t0.plusSeconds(5));
        });
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                redis.opsForZSet().reverseRange(currentKey(ViewKeys.Family.CUSTOMER_ORDERS, customer), 0, -1))
                .containsExactly(orders.get(1), orders.get(0)));
        assertThat(redis.opsForZSet().score(currentKey(ViewKeys.Family.CUSTOMER_ORDERS, customer), orders.get(0)))
                .isEqualTo((double) t0.toEpochMilli());
    }

    @Test
    void aViewAnotherWriterChangedIsFoldedFromWhatRedisHolds() throws Exception {
        String cartId = UUID.randomUUID().toString();
        send(record(cartId, 0, new CartOpened(cartId, "erin")));
        await().atMost(Duration.ofSeconds(30)).until(() -> view(cartId) != null);
        // another worker (after a rebalance, say) applied event 1 and wrote version 1: this worker never saw it
        CartView byAnother = new CartView(cartId, "erin", CartView.Status.OPEN,
                List.of(new CartView.Line("PEN", "Pen", 3, 250, 750)), 750, "EUR", 1);
        redis.opsForHash().putAll(currentKey(ViewKeys.Family.CARTS, cartId),
                Map.of(ViewKeys.JSON_FIELD, json.writeValueAsString(byAnother), ViewKeys.VERSION_FIELD, "1"));

        send(record(cartId, 2, new ItemAddedToCart(cartId, "MUG", "Mug", 1290, "EUR", 1)));

        await().atMost(Duration.ofSeconds(30)).until(() -> view(cartId).version() == 2);
        assertThat(view(cartId).lines()).extracting(CartView.Line::sku).containsExactly("PEN", "MUG");
    }

    @Test
    void afterRedisForgetsItsScriptsEventsStillApplyAndCountOnce() throws Exception {
        String cartId = UUID.randomUUID().toString();
        double appliedBefore = counter("applied");
        double skippedBefore = counter("skipped");
        // what a Redis restart without persistence, or a failover, does to the compare-and-set script
        redis.execute((org.springframework.data.redis.core.RedisCallback<Object>) connection -> {
            connection.scriptingCommands().scriptFlush();
            return null;
        });

        send(record(cartId, 0, new CartOpened(cartId, "frank")));
        send(record(cartId, 1, new ItemAddedToCart(cartId, "MUG", "Mug", 1290, "EUR", 1)));

        await().atMost(Duration.ofSeconds(30)).until(() -> view(cartId) != null && view(cartId).version() == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> counter("applied") >= appliedBefore + 2);
        assertThat(counter("skipped")).isEqualTo(skippedBefore);
    }

    /** The projector's events_total of the cart topic with this result, 0 before the first. */
    private double counter(String result) {
        return Pattern.compile("projector_events_total\\{[^}]*result=\"" + result + "\"[^}]*topic=\"" + TOPIC + "\"[^}]*} (\\S+)")
                .matcher(http.getForObject("/actuator/prometheus", String.class)).results()
                .mapToDouble(match -> Double.parseDouble(match.group(1))).sum();
    }

    @Test
    void onceIdleTheWorkersCommittedOffsetsReachTheEndOfEveryPartition() throws Exception {
        String cartId = UUID.randomUUID().toString();
        send(record(cartId, 0, new CartOpened(cartId, "gina")));
        await().atMost(Duration.ofSeconds(30)).until(() -> view(cartId) != null);

        assertCommittedOffsetsReachTheEndOfEveryPartition();
    }

    /** What the autoscaler reads as lag: committed offsets behind the end of a partition. */
    private static void assertCommittedOffsetsReachTheEndOfEveryPartition() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedContainers.KAFKA.getBootstrapServers()))) {
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("cache-projector")
                        .partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> partitions = new java.util.HashMap<>();
                admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC).partitions()
                        .forEach(partition -> partitions.put(new TopicPartition(TOPIC, partition.partition()), OffsetSpec.latest()));
                admin.listOffsets(partitions).all().get().forEach((partition, end) -> {
                    if (end.offset() > 0) {
                        assertThat(committed.get(partition)).as("committed offset of " + partition).isNotNull()
                                .extracting(OffsetAndMetadata::offset).isEqualTo(end.offset());
                    }
                });
            });
        }
    }

    @Test
    void reportsLagMetrics() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(http.getForObject("/actuator/prometheus", String.class)).contains("kafka_consumer_fetch_manager_records_lag"));
    }

    @Test
    void failuresAndGapsAreCountedFromZeroBeforeTheFirstOne() {
        // no test makes the order stream fail or skip ahead: its counters exist anyway, at 0
        String metrics = http.getForObject("/actuator/prometheus", String.class);
        assertThat(metrics).containsPattern("projector_events_total\\{[^}]*result=\"failed\"[^}]*topic=\"shop.order.events\"[^}]*} 0.0")
                .containsPattern("projector_gaps_total\\{[^}]*topic=\"shop.order.events\"[^}]*} 0.0");
    }

    @Test
    void aBacklogWrittenAheadBatchByBatchLandsWithEveryEventCountedOnce() throws Exception {
        double appliedBefore = counter("applied");
        double skippedBefore = counter("skipped");
        // carts interleaved, so that consecutive full polls touch the same views: the next batch folds from what
        // the batch in flight wrote, once that is confirmed
        List<String> carts = java.util.stream.IntStream.range(0, 30).mapToObj(i -> UUID.randomUUID().toString()).toList();
        int events = 0;
        for (int sequence = 0; sequence <= 12; sequence++) {
            for (String cart : carts) {
                producer.send(record(cart, sequence, sequence == 0 ? new CartOpened(cart, "backlog")
                        : new ItemAddedToCart(cart, "MUG", "Mug", 100, "EUR", 1)));
                events++;
            }
        }
        producer.flush();
        assertThat(events).isGreaterThan(10 * MAX_POLL_RECORDS);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (String cart : carts) {
                CartView view = view(cart);
                assertThat(view).isNotNull();
                assertThat(view.version()).isEqualTo(12);
                assertThat(view.lines().get(0).quantity()).isEqualTo(12);
            }
        });
        int expected = events;
        await().atMost(Duration.ofSeconds(10)).until(() -> counter("applied") >= appliedBefore + expected);
        assertThat(counter("applied")).isEqualTo(appliedBefore + expected);
        assertThat(counter("skipped")).isEqualTo(skippedBefore);
        assertCommittedOffsetsReachTheEndOfEveryPartition();
    }

    @Test
    void theFullPollThatEndsABacklogIsAppliedAndCountedAtOnce() throws Exception {
        MessageListenerContainer container = registry.getListenerContainer("cache-projector");
        double appliedBefore = counter("applied");
        double skippedBefore = counter("skipped");
        List<String> carts = java.util.stream.IntStream.range(0, 10).mapToObj(i -> UUID.randomUUID().toString()).toList();
        int events = 4 * MAX_POLL_RECORDS;
        // produced while the worker is paused, the backlog comes in one fetch and leaves as four full polls
        container.pause();
        await().atMost(Duration.ofSeconds(10)).until(container::isContainerPaused);
        try {
            for (int sequence = 0; sequence < events / carts.size(); sequence++) {
                for (String cart : carts) {
                    producer.send(record(cart, sequence, sequence == 0 ? new CartOpened(cart, "burst")
                            : new ItemAddedToCart(cart, "MUG", "Mug", 100, "EUR", 1)));
                }
            }
            producer.flush();
        } finally {
            container.resume();
        }

        // within less than the poll timeout (5 s), which a last batch left in flight waited for with no next poll
        // to confirm it, and so longer than Redis' command timeout (3 s): it failed, and was delivered again
        long lastSequence = events / carts.size() - 1;
        await().atMost(Duration.ofMillis(4000)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            assertThat(counter("applied")).isEqualTo(appliedBefore + events);
            for (String cart : carts) {
                assertThat(view(cart)).isNotNull().extracting(CartView::version).isEqualTo(lastSequence);
            }
        });
        assertThat(counter("skipped")).isEqualTo(skippedBefore);
    }
}
