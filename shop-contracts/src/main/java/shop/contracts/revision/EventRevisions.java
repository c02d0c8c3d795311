package shop.contracts.revision;

import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.node.ObjectNode;

import shop.contracts.cart.CartItemQuantityChanged;

/**
 * How a stored event's JSON of an older revision becomes the current one: the one list of schema changes,
 * which the services apply through Axon's upcasters and the tools apply when they read the event store
 * themselves. A change to an event's fields adds a {@link Step} here and raises that event's revision;
 * stored rows are never rewritten.
 */
public final class EventRevisions {

    /**
     * One schema change: the JSON of {@code payloadType} at {@code fromRevision} (null for the first, which
     * stored no revision) becomes {@code toRevision} by {@code change}.
     */
    public record Step(String payloadType, String fromRevision, String toRevision, UnaryOperator<ObjectNode> change) {
    }

    public static final List<Step> STEPS = List.of(
            // revision 2 names the line's new quantity as such: "quantity" read like a delta next to ItemAddedToCart's
            new Step(CartItemQuantityChanged.class.getName(), null, "2",
                    json -> rename(json, "quantity", "newQuantity")));

    private EventRevisions() {
    }

    /** The revision an event of {@code payloadType} is stored with today; null for one that never changed. */
    public static String current(String payloadType) {
        String revision = null;
        for (Step step : STEPS) {
            if (step.payloadType().equals(payloadType)) {
                revision = step.toRevision();
            }
        }
        return revision;
    }

    /** The payload at the current revision; {@code payload} itself when it already is. */
    public static ObjectNode upcast(String payloadType, String revision, ObjectNode payload) {
        ObjectNode json = payload;
        String at = revision;
        for (Step step : STEPS) {
            if (step.payloadType().equals(payloadType) && Objects.equals(step.fromRevision(), at)) {
                json = step.change().apply(json.deepCopy());
                at = step.toRevision();
            }
        }
        return json;
    }

    /** Whether a payload stored at {@code revision} needs {@link #upcast}. */
    public static boolean isOutdated(String payloadType, String revision) {
        return !Objects.equals(current(payloadType), revision);
    }

    private static ObjectNode rename(ObjectNode json, String from, String to) {
        if (json.has(from)) {
            json.set(to, json.remove(from));
        }
        return json;
    }
}
