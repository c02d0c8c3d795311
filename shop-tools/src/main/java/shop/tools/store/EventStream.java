package shop.tools.store;

import java.util.List;

import shop.contracts.cart.CartEvent;
import shop.contracts.order.OrderPlaced;
import shop.contracts.view.CartView;
import shop.contracts.view.CartViewFold;
import shop.contracts.view.OrderView;
import shop.contracts.view.OrderViewFold;
import shop.contracts.view.ViewKeys;

/**
 * One service's event store and what derives from it: the schema holding its events, the topic and source
 * its relay publishes with, and the view families folded from it, with the shared folds of shop-contracts.
 */
public enum EventStream {

    CART("cart", "shop.cart.events", "/cart-service", CartView.class, List.of(ViewKeys.Family.CARTS)) {
        @Override
        public Object fold(Object view, StoredEvent event) {
            return CartViewFold.apply((CartView) view, event.event(), event.sequence());
        }
    },
    ORDER("orders", "shop.order.events", "/order-service", OrderView.class,
            List.of(ViewKeys.Family.ORDERS, ViewKeys.Family.CUSTOMER_ORDERS)) {
        @Override
        public Object fold(Object view, StoredEvent event) {
            return OrderViewFold.apply((OrderView) view, event.event(), event.sequence(), event.time());
        }
    };

    public final String schema;
    public final String topic;
    public final String source;
    public final Class<?> viewType;
    public final List<ViewKeys.Family> families;

    EventStream(String schema, String topic, String source, Class<?> viewType, List<ViewKeys.Family> families) {
        this.schema = schema;
        this.topic = topic;
        this.source = source;
        this.viewType = viewType;
        this.families = families;
    }

    /** The aggregate's view after {@code event}; {@code view} is null before its first event. */
    public abstract Object fold(Object view, StoredEvent event);

    /** The stream whose events {@code family} folds. */
    public static EventStream of(ViewKeys.Family family) {
        return family == ViewKeys.Family.CARTS ? CART : ORDER;
    }

    /** The stream an event belongs to, by its type. */
    public static EventStream of(Object event) {
        return event instanceof CartEvent ? CART : ORDER;
    }

    /** The customer-orders entry an order event adds (customer, order id, time placed), or null. */
    public static CustomerOrder customerOrder(StoredEvent event) {
        return event.event() instanceof OrderPlaced placed
                ? new CustomerOrder(placed.customerId(), placed.orderId(), event.time().toEpochMilli()) : null;
    }

    public record CustomerOrder(String customerId, String orderId, long placedAtMillis) {
    }
}
