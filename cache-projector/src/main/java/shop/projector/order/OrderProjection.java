package shop.projector.order;

import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Component;

import shop.contracts.order.OrderPlaced;
import shop.contracts.view.OrderView;
import shop.contracts.view.OrderViewFold;
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
    public ViewKeys.Family family() {
        return ViewKeys.Family.ORDERS;
    }

    @Override
    public OrderView apply(OrderView current, Object event, long sequence, Instant time) {
        return OrderViewFold.apply(current, event, sequence, time);
    }

    @Override
    public List<IndexEntry> indexEntries(Object event, Instant time) {
        if (event instanceof OrderPlaced placed) {
            return List.of(new IndexEntry(ViewKeys.Family.CUSTOMER_ORDERS, placed.customerId(), placed.orderId(),
                    time.toEpochMilli()));
        }
        return List.of();
    }
}
