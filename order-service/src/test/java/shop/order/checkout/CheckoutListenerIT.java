package shop.order.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import shop.contracts.cart.CartCheckedOut;
import shop.contracts.cart.CartCheckedOut.PricedLine;
import shop.contracts.cart.CartOpened;
import shop.contracts.cart.ShippingAddress;
import shop.contracts.envelope.EventCodec;
import shop.contracts.envelope.EventEnvelope;
import shop.contracts.order.OrderPlaced;
import shop.order.OrderServiceIT;
import shop.testsupport.SharedContainers;
import shop.testsupport.TopicReader;

/**
 * A checkout on shop.cart.events becomes exactly one order, however often it is delivered; the cart's other
 * events are ignored and a record that is no event does not hold up the partition.
 */
@OrderServiceIT
class CheckoutListenerIT {

    static final String CART_TOPIC = "shop.cart.events";
    static final String ORDER_TOPIC = "shop.order.events";

    @Autowired
    JdbcClient jdbc;

    KafkaProducer<String, byte[]> producer;

    @BeforeEach
    void setUp() {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedContainers.KAFKA.getBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    @AfterEach
    void tearDown() {
        producer.close();
    }

    @Test
    void aCheckoutDeliveredTwicePlacesExactlyOneOrder() throws Exception {
        String cartId = UUID.randomUUID().toString();
        String orderId = UUID.randomUUID().toString();
        List<PricedLine> lines = List.of(new PricedLine("MUG-CQRS", "CQRS mug", 2, 1290));
        ShippingAddress address = new ShippingAddress("Alice", "Main St 1", "Berlin", "10115", "DE");
        CartCheckedOut checkout = new CartCheckedOut(cartId, "alice", orderId, lines, 2580, "EUR", address);
        EventEnvelope opened = envelope(cartId, 0, new CartOpened(cartId, "alice"));
        EventEnvelope checkedOut = envelope(cartId, 2, checkout);

        send(opened.toRecord(CART_TOPIC));
        send(checkedOut.toRecord(CART_TOPIC));
        RecordMetadata last = send(checkedOut.toRecord(CART_TOPIC));

        // once the group has committed past the second delivery, both deliveries have been handled
        await().atMost(Duration.ofSeconds(60)).until(() -> committedOffset(last) > last.offset());
        assertThat(eventRows(orderId)).isEqualTo(1);
        assertThat(jdbc.sql("select payloadtype from orders.domainevententry where aggregateidentifier = ?")
                .param(orderId).query(String.class).single()).isEqualTo(OrderPlaced.class.getName());

        List<ConsumerRecord<String, byte[]>> relayed = TopicReader.readUntil(SharedContainers.KAFKA.getBootstrapServers(),
                ORDER_TOPIC, Duration.ofSeconds(30), records -> records.stream().anyMatch(r -> orderId.equals(r.key())));
        List<EventEnvelope> placed = relayed.stream().filter(r -> orderId.equals(r.key())).map(EventEnvelope::from)
                .filter(envelope -> envelope.type().equals("shop.order.OrderPlaced")).toList();
        assertThat(placed).hasSize(1);
        assertThat(EventCodec.decode(placed.get(0)))
                .isEqualTo(new OrderPlaced(orderId, cartId, "alice", lines, 2580, "EUR", address));
        assertThat(placed.get(0).sequence()).isZero();
        assertThat(placed.get(0).source()).isEqualTo("/order-service");
    }

    @Test
    void otherCartEventsPlaceNothingAndAnUnreadableRecordIsSkipped() throws Exception {
        String cartId = UUID.randomUUID().toString();
        String orderId = UUID.randomUUID().toString();
        send(envelope(cartId, 0, new CartOpened(cartId, "bob")).toRecord(CART_TOPIC));
        // same key, so the same partition, ahead of the checkout: no headers, no JSON
        send(new ProducerRecord<>(CART_TOPIC, cartId, "not an event".getBytes()));
        CartCheckedOut checkout = new CartCheckedOut(cartId, "bob", orderId,
                List.of(new PricedLine("PEN-GEL", "Gel pen", 1, 390)), 390, "EUR",
                new ShippingAddress("Bob", "Side St 2", "Paris", "75001", "FR"));
        RecordMetadata last = send(envelope(cartId, 2, checkout).toRecord(CART_TOPIC));

        await().atMost(Duration.ofSeconds(60)).until(() -> committedOffset(last) > last.offset());
        assertThat(eventRows(orderId)).isEqualTo(1);
        assertThat(eventRows(cartId)).isZero();
    }

    private static EventEnvelope envelope(String cartId, long sequence, Object event) {
        return envelope(cartId, sequence, event, null);
    }

    private static EventEnvelope envelope(String cartId, long sequence, Object event, String traceparent) {
        return new EventEnvelope(UUID.randomUUID().toString(), EventCodec.typeOf(event.getClass()), "/cart-service",
                Instant.now(), cartId, sequence, 1000 + sequence, traceparent, EventCodec.encode(event));
    }

    @Test
    void theOrderContinuesTheTraceOfItsCheckout() throws Exception {
        String cartId = UUID.randomUUID().toString();
        String orderId = UUID.randomUUID().toString();
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String checkoutSpan = "00f067aa0ba902b7";
        CartCheckedOut checkout = new CartCheckedOut(cartId, "erin", orderId,
                List.of(new PricedLine("TEA-GREEN", "Green tea", 1, 790)), 790, "EUR",
                new ShippingAddress("Erin", "Quay 3", "Dublin", "D01", "IE"));
        send(envelope(cartId, 2, checkout, "00-" + traceId + "-" + checkoutSpan + "-01").toRecord(CART_TOPIC));

        List<ConsumerRecord<String, byte[]>> relayed = TopicReader.readUntil(SharedContainers.KAFKA.getBootstrapServers(),
                ORDER_TOPIC, Duration.ofSeconds(60), records -> records.stream().anyMatch(r -> orderId.equals(r.key())));
        EventEnvelope placed = relayed.stream().filter(r -> orderId.equals(r.key())).map(EventEnvelope::from)
                .findFirst().orElseThrow();
        // the same trace, continued by the listener's own span
        assertThat(placed.traceparent()).matches("00-" + traceId + "-\\p{XDigit}{16}-01").doesNotContain(checkoutSpan);
    }

    private RecordMetadata send(ProducerRecord<String, byte[]> record) throws Exception {
        return producer.send(record).get();
    }

    private long eventRows(String aggregateId) {
        return jdbc.sql("select count(*) from orders.domainevententry where aggregateidentifier = ?")
                .param(aggregateId).query(Long.class).single();
    }

    private static long committedOffset(RecordMetadata record) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedContainers.KAFKA.getBootstrapServers()))) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            OffsetAndMetadata committed = admin.listConsumerGroupOffsets("order-service")
                    .partitionsToOffsetAndMetadata().get().get(partition);
            return committed == null ? -1 : committed.offset();
        }
    }
}
