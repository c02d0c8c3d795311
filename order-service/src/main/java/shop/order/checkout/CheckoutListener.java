package shop.order.checkout;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import shop.contracts.cart.CartCheckedOut;
import shop.contracts.envelope.EventCodec;
import shop.contracts.envelope.EventEnvelope;
import shop.order.order.domain.OrderCommands.PlaceOrder;
import shop.platform.tracing.Traces;

/**
 * Places an order for every checked-out cart on the cart topic; the cart's other events are not for us.
 * The container commits a record's offset only after this returned, i.e. after PlaceOrder was stored. A
 * crash in between delivers the checkout again, and PlaceOrder of an order that exists changes nothing:
 * exactly one order per checkout. The order continues the checkout's trace: PlaceOrder, OrderPlaced and
 * its envelope carry it on.
 */
@Component
class CheckoutListener {

    static final String CHECKED_OUT = EventCodec.typeOf(CartCheckedOut.class);
    private static final Logger log = LoggerFactory.getLogger(CheckoutListener.class);

    private final CommandGateway commands;
    private final Traces traces;

    CheckoutListener(CommandGateway commands, Traces traces) {
        this.commands = commands;
        this.traces = traces;
    }

    @KafkaListener(id = "order-service-checkout", idIsGroup = false, topics = "${shop.checkout.topic:shop.cart.events}")
    void on(ConsumerRecord<String, byte[]> record) {
        EventEnvelope envelope = EventEnvelope.from(record);
        if (!CHECKED_OUT.equals(envelope.type())) {
            return;
        }
        CartCheckedOut checkout = (CartCheckedOut) EventCodec.decode(envelope);
        traces.inTrace(envelope.traceparent(), "place order", () -> {
            long version = commands.sendAndWait(new PlaceOrder(checkout.orderId(), checkout.cartId(),
                    checkout.customerId(), checkout.lines(), checkout.total(), checkout.currency(),
                    checkout.shippingAddress()));
            log.debug("cart {} checked out: order {} at version {}", checkout.cartId(), checkout.orderId(), version);
        });
    }
}
