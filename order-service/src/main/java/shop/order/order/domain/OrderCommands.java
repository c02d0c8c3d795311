package shop.order.order.domain;

import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import shop.contracts.cart.CartCheckedOut.PricedLine;
import shop.contracts.cart.ShippingAddress;

/** What can be asked of an order: placing it (from a checked-out cart), then paying, shipping or cancelling it. */
public final class OrderCommands {

    private OrderCommands() {
    }

    /**
     * Sent once per {@code CartCheckedOut}, perhaps more than once for the same checkout: a redelivered
     * checkout places nothing a second time. Lines and total are priced as they were at checkout.
     */
    public record PlaceOrder(@TargetAggregateIdentifier String orderId, String cartId, String customerId,
                             List<PricedLine> lines, long total, String currency, ShippingAddress shippingAddress) {

        public PlaceOrder {
            lines = List.copyOf(lines);
        }
    }

    /*
     * Payment, shipment and cancellation may name the version the sender last saw (If-Match); null accepts
     * any version.
     */

    /** {@code amount} in minor units of {@code currency}; it must be exactly the order's total. */
    public record ConfirmPayment(@TargetAggregateIdentifier String orderId, long amount, String currency,
                                 String reference, Long expectedVersion) {

        public ConfirmPayment(String orderId, long amount, String currency, String reference) {
            this(orderId, amount, currency, reference, null);
        }
    }

    public record ConfirmShipment(@TargetAggregateIdentifier String orderId, String carrier, String trackingNumber,
                                  Long expectedVersion) {

        public ConfirmShipment(String orderId, String carrier, String trackingNumber) {
            this(orderId, carrier, trackingNumber, null);
        }
    }

    public record CancelOrder(@TargetAggregateIdentifier String orderId, String reason, Long expectedVersion) {

        public CancelOrder(String orderId, String reason) {
            this(orderId, reason, null);
        }
    }
}
