package shop.contracts.envelope;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import shop.contracts.cart.CartEvent;
import shop.contracts.order.OrderEvent;

/**
 * Turns events into the envelope's JSON data and back. An event's CloudEvents type is
 * {@code shop.<package>.<record name>}, e.g. {@code shop.cart.ItemAddedToCart}; the known types are the
 * permitted records of each aggregate's sealed event interface, so a new event needs no registration.
 */
public final class EventCodec {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // events evolve by adding fields: an older reader must not choke on a newer payload
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** A reader per known type: resolved once, not on every decode. */
    private static final Map<String, ObjectReader> TYPES = new HashMap<>();

    static {
        for (Class<?> sealedEvents : new Class<?>[]{CartEvent.class, OrderEvent.class}) {
            Arrays.stream(sealedEvents.getPermittedSubclasses()).forEach(type -> TYPES.put(typeOf(type), JSON.readerFor(type)));
        }
    }

    private EventCodec() {
    }

    public static String typeOf(Class<?> eventClass) {
        String pkg = eventClass.getPackageName();
        return "shop." + pkg.substring(pkg.lastIndexOf('.') + 1) + "." + eventClass.getSimpleName();
    }

    public static byte[] encode(Object event) {
        try {
            return JSON.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot encode " + event.getClass().getName(), e);
        }
    }

    /**
     * @throws MalformedEnvelopeException for an unknown type or data that does not parse as that type
     */
    public static Object decode(String type, byte[] data) {
        ObjectReader reader = TYPES.get(type);
        if (reader == null) {
            throw new MalformedEnvelopeException("unknown event type " + type);
        }
        try {
            return reader.readValue(data);
        } catch (IOException e) {
            throw new MalformedEnvelopeException("data is not a valid " + type + ": " + e.getMessage(), e);
        }
    }

    public static Object decode(EventEnvelope envelope) {
        return decode(envelope.type(), envelope.data());
    }
}
