package shop.projector.order;

import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Component;

import shop.contracts.order.OrderCancelled;
import shop.contracts.order.OrderPaid;
import shop.contracts.order.OrderPlaced;
import shop.contracts.order.OrderShipped;
import shop.contracts.view.OrderView;
import shop.contracts.view.OrderView.Cancellation;
import shop.contracts.view.OrderView.Payment;
import shop.contracts.view.OrderView.Shipment;
import shop.contracts.view.OrderView.Status;
import shop.contracts.view.OrderView.Timestamps;
import shop.contracts.view.ViewKeys;
import shop.projector.apply.Projection;
import shop.projector.apply.ProjectorProperties;

/** Folds order events into the order view, and keeps each customer's orders in a sorted set by time placed. */
@Component
class OrderProjection implements Projection<OrderView> {

    private final String topic;

    OrderProjection(ProjectorProperties properties) {
        this.topic = properties.orderTopic();
    }

    @Override
    public String topic() {
        return topic;
    }

    @Override
    public Class<OrderView> viewType() {
        return OrderView.class;
    }

    @Override
    public String viewKey(String orderId) {
        return ViewKeys.order(orderId);
    }

    @Override
    public OrderView apply(OrderView current, Object event, long sequence, Instant time) {
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

    @Override
    public List<IndexEntry> indexEntries(Object event, Instant time) {
        if (event instanceof OrderPlaced placed) {
            return List.of(new IndexEntry(ViewKeys.customerOrders(placed.customerId()), placed.orderId(), time.toEpochMilli()));
        }
        return List.of();
    }

    private static OrderView with(OrderView current, Status status, Payment payment, Shipment shipment,
                                  Cancellation cancellation, Timestamps timestamps, long sequence) {
        return new OrderView(current.orderId(), current.cartId(), current.customerId(), status, current.lines(),
                current.total(), current.currency(), current.shippingAddress(), payment, shipment, cancellation,
                timestamps, sequence);
    }
}
