package shop.contracts.cart;

import java.util.List;

/**
 * The cart became an order. It carries the priced lines and the shipping address so that
 * order-service needs nothing but this event to place the order.
 */
public record CartCheckedOut(String cartId, String customerId, String orderId, List<PricedLine> lines,
                             long total, String currency, ShippingAddress shippingAddress) implements CartEvent {

    public CartCheckedOut {
        lines = List.copyOf(lines);
    }

    public record PricedLine(String sku, String productName, int quantity, long unitPrice) {
    }
}
