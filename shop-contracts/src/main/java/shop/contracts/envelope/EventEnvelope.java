package shop.contracts.envelope;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
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
        if (record.value() == null) {
            throw new MalformedEnvelopeException("record has no value");
        }
        // one pass over the headers rather than a lookup per attribute: this runs for every record a consumer reads
        String id = null, type = null, source = null, time = null, subject = null, sequence = null, position = null,
                traceparent = null;
        for (Header header : record.headers()) {
            String value = header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
            switch (header.key()) {
                case ID -> id = value;
                case TYPE -> type = value;
                case SOURCE -> source = value;
                case TIME -> time = value;
                case SUBJECT -> subject = value;
                case SEQUENCE -> sequence = value;
                case POSITION -> position = value;
                case TRACEPARENT -> traceparent = value;
                default -> {
                    // specversion, content-type and anything a producer added are not part of the record
                }
            }
        }
        try {
            return new EventEnvelope(required(ID, id), required(TYPE, type), required(SOURCE, source),
                    time(required(TIME, time)), required(SUBJECT, subject),
                    Long.parseLong(required(SEQUENCE, sequence)), Long.parseLong(required(POSITION, position)),
                    traceparent, record.value());
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new MalformedEnvelopeException("unreadable attribute: " + e.getMessage());
        }
    }

    private static void put(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The {@code ce_time} attribute. The relay writes {@link Instant#toString()}, which is read here by hand:
     * {@link Instant#parse} cost a seventh of a projector's CPU. Any other ISO-8601 form goes to {@code Instant.parse}.
     */
    static Instant time(String text) {
        int length = text.length();
        int fractionDigits = length - 21;
        boolean instantShape = length >= 20 && text.charAt(4) == '-' && text.charAt(7) == '-' && text.charAt(10) == 'T'
                && text.charAt(13) == ':' && text.charAt(16) == ':' && text.charAt(length - 1) == 'Z'
                && (length == 20 || text.charAt(19) == '.' && fractionDigits >= 1 && fractionDigits <= 9);
        if (instantShape) {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 7);
            int day = digits(text, 8, 10);
            int hour = digits(text, 11, 13);
            int minute = digits(text, 14, 16);
            int second = digits(text, 17, 19);
            int fraction = length == 20 ? 0 : digits(text, 20, length - 1);
            if (Math.min(Math.min(year, month), Math.min(Math.min(day, hour), Math.min(Math.min(minute, second), fraction))) >= 0
                    && month >= 1 && month <= 12 && day >= 1 && day <= YearMonth.of(year, month).lengthOfMonth()
                    && hour <= 23 && minute <= 59 && second <= 59) {
                long epochSecond = LocalDate.of(year, month, day).toEpochDay() * 86_400 + hour * 3_600L + minute * 60L + second;
                long nanos = fraction;
                for (int digit = Math.max(fractionDigits, 0); digit < 9; digit++) {
                    nanos *= 10;
                }
                return Instant.ofEpochSecond(epochSecond, nanos);
            }
        }
        return Instant.parse(text);
    }

    /** The decimal number in {@code text[from, to)}, or -1 if a character there is not a digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static String required(String name, String value) {
        if (value == null) {
            throw new MalformedEnvelopeException("missing header " + name);
        }
        return value;
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
