package shop.cart.cart;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;

import shop.cart.CartServiceIT;
import shop.testsupport.Http;
import shop.contracts.envelope.EventCodec;
import shop.contracts.envelope.EventEnvelope;
import shop.platform.relay.KafkaEventRelay;
import shop.testsupport.SharedContainers;
import shop.testsupport.TestTokens;
import shop.testsupport.TopicReader;

/** Cart events reach shop.cart.events in the one envelope, keyed by cart, in per-cart order, none lost. */
@CartServiceIT
class CartEventRelayIT {

    static final String TOPIC = "shop.cart.events";

    @Autowired
    TestRestTemplate rest;

    @Autowired
    ObjectMapper json;

    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void everyEventOfACartReachesKafkaInOrderInTheEnvelope() throws Exception {
        Http http = new Http(rest).as(TestTokens.customer("bob"));
        String cartId = json.readTree(http.post("/api/carts", null).getBody()).get("cartId").asText();
        http.post("/api/carts/" + cartId + "/items", "{\"sku\": \"MUG-CQRS\", \"quantity\": 2}");
        http.post("/api/carts/" + cartId + "/checkout", CartApiIT.ADDRESS);

        List<ConsumerRecord<String, byte[]>> records = recordsOf(List.of(cartId), Map.of(cartId, 3L)).get(cartId);

        assertThat(records).extracting(record -> EventEnvelope.from(record).type())
                .containsExactly("shop.cart.CartOpened", "shop.cart.ItemAddedToCart", "shop.cart.CartCheckedOut");
        assertThat(records).extracting(record -> EventEnvelope.from(record).sequence()).containsExactly(0L, 1L, 2L);
        assertThat(records).extracting(ConsumerRecord::partition).containsOnly(records.get(0).partition());
        List<Long> positions = records.stream().map(record -> EventEnvelope.from(record).position()).toList();
        assertThat(positions).isSorted().doesNotHaveDuplicates();
        ConsumerRecord<String, byte[]> first = records.get(0);
        assertThat(header(first, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(first, "ce_source")).isEqualTo("/cart-service");
        assertThat(header(first, "ce_subject")).isEqualTo(cartId);
        assertThat(header(first, "content-type")).isEqualTo("application/json");
        assertThat(header(first, "ce_time")).isNotBlank();
        assertThat(header(first, "ce_id")).isNotBlank();
        assertThat(EventCodec.decode(EventEnvelope.from(first)))
                .isEqualTo(new shop.contracts.cart.CartOpened(cartId, "bob"));
        assertThat(json.readTree(first.value()).get("customerId").asText()).isEqualTo("bob");
    }

    @Test
    void theRelayStoppedMidStreamAndRestartedDeliversEveryEventInOrder() throws Exception {
        Http http = new Http(rest);
        List<String> carts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            carts.add(json.readTree(http.post("/api/carts", null).getBody()).get("cartId").asText());
        }
        Map<String, Long> eventsPerCart = Collections.synchronizedMap(new LinkedHashMap<>());
        carts.forEach(cart -> eventsPerCart.put(cart, 1L));
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread writer = new Thread(() -> {
            String[] skus = {"MUG-CQRS", "MUG-ES", "PEN-GEL", "TEA-GREEN"};
            for (int round = 0; writing.get() && round < 20; round++) {
                for (String cart : carts) {
                    var response = http.post("/api/carts/" + cart + "/items",
                            "{\"sku\": \"" + skus[round % skus.length] + "\", \"quantity\": 1}");
                    if (response.getStatusCode().is2xxSuccessful()) {
                        eventsPerCart.merge(cart, 1L, Long::sum);
                    }
                }
            }
        });
        writer.start();
        TrackingEventProcessor relay = processing.eventProcessor(KafkaEventRelay.PROCESSING_GROUP, TrackingEventProcessor.class)
                .orElseThrow();
        Thread.sleep(150);
        relay.shutDown();
        assertThat(relay.isRunning()).isFalse();
        Thread.sleep(300);
        relay.start();
        writer.join(Duration.ofSeconds(60).toMillis());
        writing.set(false);

        Map<String, List<ConsumerRecord<String, byte[]>>> byCart = recordsOf(carts, Map.copyOf(eventsPerCart));

        for (String cart : carts) {
            assertThat(byCart.get(cart)).extracting(record -> EventEnvelope.from(record).sequence())
                    .as("events of cart %s", cart)
                    .containsExactlyElementsOf(LongStream.range(0, eventsPerCart.get(cart)).boxed().toList());
        }
    }

    private Map<String, List<ConsumerRecord<String, byte[]>>> recordsOf(List<String> carts, Map<String, Long> expected) {
        List<ConsumerRecord<String, byte[]>> all = TopicReader.readUntil(SharedContainers.KAFKA.getBootstrapServers(),
                TOPIC, Duration.ofSeconds(30), records -> {
                    Map<String, Long> counts = records.stream().filter(record -> carts.contains(record.key()))
                            .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
                    return expected.entrySet().stream().allMatch(entry -> counts.getOrDefault(entry.getKey(), 0L) >= entry.getValue());
                });
        return all.stream().filter(record -> carts.contains(record.key()))
                .collect(Collectors.groupingBy(ConsumerRecord::key));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
