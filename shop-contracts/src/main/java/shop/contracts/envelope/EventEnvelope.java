package shop.contracts.envelope;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Objects;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The one envelope of every event on Kafka: CloudEvents 1.0 in Kafka binary mode. The attributes
 * travel as {@code ce_*} headers, the event itself is the JSON value, the aggregate id is the key.
 * Extension attributes: {@code ce_sequence} (the aggregate's sequence number), {@code ce_position}
 * (the event store's global position) and {@code ce_traceparent} (W3C trace context of the request
 * that caused the event, when there was one).
 */
public record EventEnvelope(String id, String type, String source, Instant time, String subject,
                            long sequence, long position, String traceparent, byte[] data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";
    /** The stored event's metadata entry that holds the W3C trace context, when there is one. */
    public static final String TRACEPARENT_METADATA = "traceparent";

    static final String ID = "ce_id";
    static final String TYPE = "ce_type";
    static final String SOURCE = "ce_source";
    static final String TIME = "ce_time";
    static final String SUBJECT = "ce_subject";
    static final String SPECVERSION = "ce_specversion";
    static final String SEQUENCE = "ce_sequence";
    static final String POSITION = "ce_position";
    static final String TRACEPARENT = "ce_traceparent";
    static final String CONTENT_TYPE_HEADER = "content-type";

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(data, "data");
    }

    /**
     * The envelope of a stored event: how the relay publishes live and how a republish re-sends from the event
     * store, so both put exactly the same on Kafka.
     *
     * @param position    the event store's global position
     * @param traceparent the trace context the event was stored with, or null
     */
    public static EventEnvelope of(Object event, String eventId, String source, Instant time, String aggregateId,
                                   long sequence, long position, String traceparent) {
        return new EventEnvelope(eventId, EventCodec.typeOf(event.getClass()), source, time, aggregateId, sequence,
                position, traceparent, EventCodec.encode(event));
    }

    public ProducerRecord<String, byte[]> toRecord(String topic) {
        Headers headers = new RecordHeaders();
        put(headers, ID, id);
        put(headers, TYPE, type);
        put(headers, SOURCE, source);
        put(headers, TIME, time.toString());
        put(headers, SUBJECT, subject);
        put(headers, SPECVERSION, SPEC_VERSION);
        put(headers, CONTENT_TYPE_HEADER, CONTENT_TYPE);
        put(headers, SEQUENCE, Long.toString(sequence));
        put(headers, POSITION, Long.toString(position));
        if (traceparent != null) {
            put(headers, TRACEPARENT, traceparent);
        }
        return new ProducerRecord<>(topic, null, subject, data, headers);
    }

    /**
     * Reads the envelope of a consumed record.
     *
     * @throws MalformedEnvelopeException when a required attribute is missing or unreadable
     */
    public static EventEnvelope from(ConsumerRecord<String, byte[]> record) {
        Headers headers = record.headers();
        if (record.value() == null) {
            throw new MalformedEnvelopeException("record has no value");
        }
        try {
            return new EventEnvelope(
                    required(headers, ID),
                    required(headers, TYPE),
                    required(headers, SOURCE),
                    Instant.parse(required(headers, TIME)),
                    required(headers, SUBJECT),
                    Long.parseLong(required(headers, SEQUENCE)),
                    Long.parseLong(required(headers, POSITION)),
                    optional(headers, TRACEPARENT),
                    record.value());
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new MalformedEnvelopeException("unreadable attribute: " + e.getMessage());
        }
    }

    private static void put(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String required(Headers headers, String name) {
        String value = optional(headers, name);
        if (value == null) {
            throw new MalformedEnvelopeException("missing header " + name);
        }
        return value;
    }

    private static String optional(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EventEnvelope that
                && sequence == that.sequence && position == that.position
                && id.equals(that.id) && type.equals(that.type) && source.equals(that.source)
                && time.equals(that.time) && subject.equals(that.subject)
                && Objects.equals(traceparent, that.traceparent) && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, sequence, position);
    }

    @Override
    public String toString() {
        return "EventEnvelope[id=%s, type=%s, subject=%s, sequence=%d, position=%d]"
                .formatted(id, type, subject, sequence, position);
    }
}
