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
