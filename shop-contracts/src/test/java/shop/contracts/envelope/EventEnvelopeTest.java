package shop.contracts.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import shop.contracts.cart.CartOpened;

class EventEnvelopeTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void aRecordReadsBackAsTheEnvelopeItWasMadeFrom() {
        EventEnvelope sent = EventEnvelope.of(new CartOpened("cart-1", "alice"), "event-1", "/cart-service",
                Instant.parse("2026-12-07T02:00:56.998123Z"), "cart-1", 3, 42, TRACEPARENT);

        assertThat(EventEnvelope.from(consumed(sent.toRecord("shop.cart.events")))).isEqualTo(sent);
    }

    @Test
    void theLastOfARepeatedHeaderCounts() {
        var record = EventEnvelope.of(new CartOpened("cart-1", "alice"), "event-1", "/cart-service", Instant.EPOCH,
                "cart-1", 3, 42, null).toRecord("shop.cart.events");
        record.headers().add("ce_sequence", "4".getBytes());

        assertThat(EventEnvelope.from(consumed(record)).sequence()).isEqualTo(4);
    }

    @Test
    void aMissingOrUnreadableAttributeIsAMalformedEnvelope() {
        var record = EventEnvelope.of(new CartOpened("cart-1", "alice"), "event-1", "/cart-service", Instant.EPOCH,
                "cart-1", 3, 42, null).toRecord("shop.cart.events");
        record.headers().remove("ce_subject");
        assertThatThrownBy(() -> EventEnvelope.from(consumed(record)))
                .isInstanceOf(MalformedEnvelopeException.class).hasMessageContaining("ce_subject");

        record.headers().add("ce_subject", "cart-1".getBytes()).remove("ce_time").add("ce_time", "yesterday".getBytes());
        assertThatThrownBy(() -> EventEnvelope.from(consumed(record))).isInstanceOf(MalformedEnvelopeException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-07T02:00:56Z", "2026-12-07T02:00:56.9Z", "2026-12-07T02:00:56.998Z",
            "2026-12-07T02:00:56.998123Z", "2026-12-07T02:00:56.998123456Z", "1970-01-01T00:00:00Z",
            "1969-12-31T23:59:59.999999999Z", "2024-02-29T23:59:59Z", "0001-01-01T00:00:00Z",
            // not Instant.toString()'s shape: left to Instant.parse
            "+12026-12-07T02:00:56Z", "2026-12-07T02:00:56.998+01:00", "2026-12-07T24:00:00Z", "2026-12-31T23:59:60Z",
            "2026-12-07T02:00:56.Z"})
    void timeIsReadAsInstantParseReadsIt(String text) {
        assertThat(EventEnvelope.time(text)).isEqualTo(Instant.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-13-07T02:00:56Z", "2026-02-30T02:00:56Z", "2025-02-29T02:00:56Z",
            "2026-12-07T25:00:00Z", "2026-12-07T02:60:00Z", "2026-12-07T02:00:56.9981234567Z",
            "2026-1a-07T02:00:56Z", "2026-12-07 02:00:56Z", "2026-12-07T02:00:56"})
    void timeThatIsNoInstantIsRefusedAsInstantParseRefusesIt(String text) {
        assertThatThrownBy(() -> Instant.parse(text)).isInstanceOf(java.time.format.DateTimeParseException.class);
        assertThatThrownBy(() -> EventEnvelope.time(text)).isInstanceOf(java.time.format.DateTimeParseException.class);
    }

    private static ConsumerRecord<String, byte[]> consumed(ProducerRecord<String, byte[]> sent) {
        return new ConsumerRecord<>(sent.topic(), 0, 7, 0, TimestampType.CREATE_TIME, 0, sent.value().length,
                sent.key(), sent.value(), new RecordHeaders(sent.headers().toArray()), java.util.Optional.empty());
    }
}
