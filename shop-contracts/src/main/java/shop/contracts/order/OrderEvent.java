package shop.contracts.order;

/** Everything that can happen to an order. The order id is the aggregate id and the Kafka key. */
public sealed interface OrderEvent permits OrderPlaced, OrderPaid, OrderShipped, OrderCancelled {

    String orderId();
}
