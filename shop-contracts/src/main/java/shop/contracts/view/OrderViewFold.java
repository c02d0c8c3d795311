package shop.contracts.view;

import java.time.Instant;

import shop.contracts.order.OrderCancelled;
import shop.contracts.order.OrderPaid;
import shop.contracts.order.OrderPlaced;
import shop.contracts.order.OrderShipped;
import shop.contracts.view.OrderView.Cancellation;
import shop.contracts.view.OrderView.Payment;
import shop.contracts.view.OrderView.Shipment;
import shop.contracts.view.OrderView.Status;
import shop.contracts.view.OrderView.Timestamps;

/**
 * How order events fold into the order view: the one definition that the projector applies live and the
 * verifier replays from the event store.
 */
public final class OrderViewFold {

    private OrderViewFold() {
    }

    /**
     * The view after {@code event}, the order's event number {@code sequence}, which happened at {@code time}.
     *
     * @param current the view before, or {@code null} before the order's first event
     */
    public static OrderView apply(OrderView current, Object event, long sequence, Instant time) {
        if (event instanceof OrderPlaced placed) {
            return new OrderView(placed.orderId(), placed.cartId(), placed.customerId(), Status.PLACED, placed.lines(),
                    placed.total(), placed.currency(), placed.shippingAddress(), null, null, null,
                    new Timestamps(time, null, null, null), sequence);
        }
        Timestamps at = current.timestamps();
        if (event instanceof OrderPaid paid) {
            return with(current, Status.PAID, new Payment(paid.amount(), paid.currency(), paid.reference()),
                    current.shipment(), null, new Timestamps(at.placedAt(), time, null, null), sequence);
        }
        if (event instanceof OrderShipped shipped) {
            return with(current, Status.SHIPPED, current.payment(), new Shipment(shipped.carrier(), shipped.trackingNumber()),
                    null, new Timestamps(at.placedAt(), at.paidAt(), time, null), sequence);
        }
        if (event instanceof OrderCancelled cancelled) {
            return with(current, Status.CANCELLED, current.payment(), current.shipment(),
                    new Cancellation(cancelled.reason(), cancelled.refundAmount()),
                    new Timestamps(at.placedAt(), at.paidAt(), at.shippedAt(), time), sequence);
        }
        throw new IllegalArgumentException("not an order event: " + event.getClass().getName());
    }

    private static OrderView with(OrderView current, Status status, Payment payment, Shipment shipment,
                                  Cancellation cancellation, Timestamps timestamps, long sequence) {
        return new OrderView(current.orderId(), current.cartId(), current.customerId(), status, current.lines(),
                current.total(), current.currency(), current.shippingAddress(), payment, shipment, cancellation,
                timestamps, sequence);
    }
}
