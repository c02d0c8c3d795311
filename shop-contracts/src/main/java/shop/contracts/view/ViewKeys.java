package shop.contracts.view;

/**
 * Where read models live in Redis. A view is one hash holding its JSON ({@link #JSON_FIELD}) and the
 * sequence number of the last event applied ({@link #VERSION_FIELD}), so the version check and the write
 * touch one key. The aggregate id sits in a hash tag so that, in Redis Cluster, everything about one
 * aggregate shares a slot.
 */
public final class ViewKeys {

    public static final String JSON_FIELD = "json";
    public static final String VERSION_FIELD = "v";

    /**
     * The one way a view is written: a Lua compare-and-set that replaces a view's JSON and version together,
     * and only if the stored version is still the one the new view was folded from
     * ({@code KEYS[1]} the view key; {@code ARGV} expected version or '' for none, new version, JSON).
     * Answers 1 when it wrote, 0 when the view had moved on.
     */
    public static final String COMPARE_AND_SET = """
            local current = redis.call('HGET', KEYS[1], '%s')
            if current == false then current = '' end
            if current ~= ARGV[1] then return 0 end
            redis.call('HSET', KEYS[1], '%s', ARGV[2], '%s', ARGV[3])
            return 1
            """.formatted(VERSION_FIELD, VERSION_FIELD, JSON_FIELD);

    private ViewKeys() {
    }

    public static String cart(String cartId) {
        return "view:cart:{" + cartId + "}";
    }

    public static String order(String orderId) {
        return "view:order:{" + orderId + "}";
    }

    /**
     * A sorted set of the customer's order ids, scored by the time each order was placed (epoch millis),
     * so newest first is a reverse range and a page is an index range.
     */
    public static String customerOrders(String customerId) {
        return "view:customer-orders:{" + customerId + "}";
    }
}
