package shop.cart.cart;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;

import shop.cart.CartServiceIT;
import shop.contracts.envelope.EventEnvelope;
import shop.testsupport.Http;
import shop.testsupport.SharedContainers;
import shop.testsupport.TopicReader;

/** The envelope of every event names the trace of the request that caused it: the caller's, or a new one. */
@CartServiceIT
class CartTraceIT {

    static final String TOPIC = "shop.cart.events";
    static final String TRACEPARENT = "00-(\\p{XDigit}{32})-(\\p{XDigit}{16})-01";

    @Autowired
    TestRestTemplate rest;

    @Autowired
    ObjectMapper json;

    @Test
    void eventsCarryTheTraceOfTheRequestThatCausedThem() throws Exception {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String callersSpan = "00f067aa0ba902b7";
        Http http = new Http(rest).withHeader("traceparent", "00-" + traceId + "-" + callersSpan + "-01");
        String cartId = json.readTree(http.post("/api/carts", null).getBody()).get("cartId").asText();
        http.post("/api/carts/" + cartId + "/items", "{\"sku\": \"MUG-CQRS\", \"quantity\": 1}");

        List<String> traceparents = traceparentsOf(cartId, 2);

        assertThat(traceparents).hasSize(2).allSatisfy(traceparent -> {
            assertThat(traceparent).matches(TRACEPARENT);
            assertThat(traceIdOf(traceparent)).isEqualTo(traceId);
            // the service's own span of the request, a child of the caller's
            assertThat(traceparent).doesNotContain(callersSpan);
        });
    }

    @Test
    void aRequestWithoutATraceStartsOne() throws Exception {
        Http http = new Http(rest);
        String first = json.readTree(http.post("/api/carts", null).getBody()).get("cartId").asText();
        String second = json.readTree(http.post("/api/carts", null).getBody()).get("cartId").asText();

        String firstTrace = traceparentsOf(first, 1).get(0);
        String secondTrace = traceparentsOf(second, 1).get(0);

        assertThat(firstTrace).matches(TRACEPARENT);
        assertThat(secondTrace).matches(TRACEPARENT);
        assertThat(traceIdOf(firstTrace)).isNotEqualTo(traceIdOf(secondTrace));
    }

    private static List<String> traceparentsOf(String cartId, int events) {
        List<ConsumerRecord<String, byte[]>> records = TopicReader.readUntil(SharedContainers.KAFKA.getBootstrapServers(),
                TOPIC, Duration.ofSeconds(30),
                read -> read.stream().filter(record -> cartId.equals(record.key())).count() >= events);
        return records.stream().filter(record -> cartId.equals(record.key()))
                .map(record -> EventEnvelope.from(record).traceparent()).toList();
    }

    private static String traceIdOf(String traceparent) {
        return traceparent.split("-")[1];
    }
}
