package shop.order.order.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import shop.contracts.order.OrderCancelled;
import shop.contracts.order.OrderPaid;
import shop.contracts.order.OrderPlaced;
import shop.contracts.order.OrderShipped;
import shop.order.order.domain.OrderCommands.CancelOrder;
import shop.order.order.domain.OrderCommands.ConfirmPayment;
import shop.order.order.domain.OrderCommands.ConfirmShipment;
import shop.order.order.domain.OrderCommands.PlaceOrder;
import shop.platform.domain.RuleViolation;
import shop.platform.domain.StaleVersion;

/**
 * An order, event-sourced: PLACED, then PAID, then SHIPPED; PLACED or PAID can be CANCELLED. Every other
 * transition is refused. Command handlers return the aggregate's version (the sequence number of its last
 * event) so that clients can ask the read side for at least that version.
 */
public class Order {

    enum Status { PLACED, PAID, SHIPPED, CANCELLED }

    @AggregateIdentifier
    private String orderId;
    private Status status;
    private long total;
    private String currency;
    private long amountPaid;

    protected Order() {
        // for Axon's event sourcing, and for a PlaceOrder of an order that does not exist yet
    }

    /**
     * Places the order, or does nothing when it was placed already: a checkout delivered twice (a consumer
     * that crashed before committing its offset) still makes exactly one order.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(PlaceOrder command) {
        if (status == null) {
            apply(new OrderPlaced(command.orderId(), command.cartId(), command.customerId(), command.lines(),
                    command.total(), command.currency(), command.shippingAddress()));
        }
        return getVersion();
    }

    @CommandHandler
    public long handle(ConfirmPayment command) {
        StaleVersion.requireAt("order " + orderId, command.expectedVersion(), getVersion());
        require(Status.PLACED, "paid");
        if (!currency.equals(command.currency()) || command.amount() != total) {
            throw new RuleViolation("order " + orderId + " totals " + total + " " + currency + "; a payment of "
                    + command.amount() + " " + command.currency() + " does not settle it");
        }
        apply(new OrderPaid(orderId, command.amount(), command.currency(), command.reference()));
        return getVersion();
    }

    @CommandHandler
    public long handle(ConfirmShipment command) {
        StaleVersion.requireAt("order " + orderId, command.expectedVersion(), getVersion());
        require(Status.PAID, "shipped");
        apply(new OrderShipped(orderId, command.carrier(), command.trackingNumber()));
        return getVersion();
    }

    @CommandHandler
    public long handle(CancelOrder command) {
        StaleVersion.requireAt("order " + orderId, command.expectedVersion(), getVersion());
        if (status != Status.PLACED && status != Status.PAID) {
            throw new RuleViolation("order " + orderId + " is " + status + " and can no longer be cancelled");
        }
        apply(new OrderCancelled(orderId, command.reason(), status == Status.PAID ? amountPaid : 0));
        return getVersion();
    }

    @EventSourcingHandler
    void on(OrderPlaced event) {
        orderId = event.orderId();
        status = Status.PLACED;
        total = event.total();
        currency = event.currency();
    }

    @EventSourcingHandler
    void on(OrderPaid event) {
        status = Status.PAID;
        amountPaid = event.amount();
    }

    @EventSourcingHandler
    void on(OrderShipped event) {
        status = Status.SHIPPED;
    }

    @EventSourcingHandler
    void on(OrderCancelled event) {
        status = Status.CANCELLED;
    }

    private void require(Status expected, String transition) {
        if (status != expected) {
            throw new RuleViolation("order " + orderId + " is " + status + "; only a " + expected
                    + " order can be " + transition);
        }
    }
}
