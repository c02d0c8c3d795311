package shop.contracts.order;

import java.util.List;

import shop.contracts.cart.CartCheckedOut.PricedLine;
import shop.contracts.cart.ShippingAddress;

/** A checked-out cart became an order; the lines are priced as they were at checkout. */
public record OrderPlaced(String orderId, String cartId, String customerId, List<PricedLine> lines, long total,
                          String currency, ShippingAddress shippingAddress) implements OrderEvent {

    public OrderPlaced {
        lines = List.copyOf(lines);
    }
}
