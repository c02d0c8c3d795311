package shop.contracts.view;

import java.time.Instant;
import java.util.List;

import shop.contracts.cart.CartCheckedOut.PricedLine;
import shop.contracts.cart.ShippingAddress;

/**
 * The order read model as the projector writes it and order-service serves it. Each transition's time is
 * the time of its event; {@code version} is the sequence number of the last event applied.
 */
public record OrderView(String orderId, String cartId, String customerId, Status status, List<PricedLine> lines,
                        long total, String currency, ShippingAddress shippingAddress, Payment payment,
                        Shipment shipment, Cancellation cancellation, Timestamps timestamps, long version) {

    public enum Status { PLACED, PAID, SHIPPED, CANCELLED }

    public OrderView {
        lines = List.copyOf(lines);
    }

    public record Payment(long amount, String currency, String reference) {
    }

    public record Shipment(String carrier, String trackingNumber) {
    }

    public record Cancellation(String reason, long refundAmount) {
    }

    public record Timestamps(Instant placedAt, Instant paidAt, Instant shippedAt, Instant cancelledAt) {
    }
}
