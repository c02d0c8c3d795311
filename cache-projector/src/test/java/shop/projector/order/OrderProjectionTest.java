package shop.projector.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import shop.contracts.cart.CartCheckedOut.PricedLine;
import shop.contracts.cart.ShippingAddress;
import shop.contracts.order.OrderCancelled;
import shop.contracts.order.OrderPaid;
import shop.contracts.order.OrderPlaced;
import shop.contracts.order.OrderShipped;
import shop.contracts.view.OrderView;
import shop.contracts.view.OrderView.Status;
import shop.contracts.view.ViewKeys;
import shop.projector.apply.Projection.IndexEntry;
import shop.projector.apply.GroupProtocol;
import shop.projector.apply.ProjectorProperties;

class OrderProjectionTest {

    static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    static final OrderPlaced PLACED = new OrderPlaced("o", "c", "alice", List.of(new PricedLine("MUG", "Mug", 2, 1290)),
            2580, "EUR", new ShippingAddress("A", "S", "C", "P", "DE"));

    final OrderProjection projection = new OrderProjection(
            new ProjectorProperties("shop.cart.events", "shop.order.events", 12, Duration.ofMillis(1), 1, GroupProtocol.CLASSIC, 20000));

    @Test
    void aPlacedOrderCarriesItsLinesAndWhenItWasPlaced() {
        OrderView view = projection.apply(null, PLACED, 0, T0);
        assertThat(view.status()).isEqualTo(Status.PLACED);
        assertThat(view.total()).isEqualTo(2580);
        assertThat(view.lines()).hasSize(1);
        assertThat(view.timestamps().placedAt()).isEqualTo(T0);
        assertThat(view.version()).isZero();
    }

    @Test
    void everyTransitionRecordsItsTime() {
        OrderView view = projection.apply(null, PLACED, 0, T0);
        view = projection.apply(view, new OrderPaid("o", 2580, "EUR", "pay-1"), 1, T0.plusSeconds(1));
        view = projection.apply(view, new OrderShipped("o", "DHL", "TRACK-1"), 2, T0.plusSeconds(2));
        assertThat(view.status()).isEqualTo(Status.SHIPPED);
        assertThat(view.payment().reference()).isEqualTo("pay-1");
        assertThat(view.shipment().trackingNumber()).isEqualTo("TRACK-1");
        assertThat(view.timestamps().paidAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(view.timestamps().shippedAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(view.version()).isEqualTo(2);
    }

    @Test
    void aCancelledPaidOrderRecordsItsRefund() {
        OrderView view = projection.apply(null, PLACED, 0, T0);
        view = projection.apply(view, new OrderPaid("o", 2580, "EUR", "pay-1"), 1, T0.plusSeconds(1));
        view = projection.apply(view, new OrderCancelled("o", "changed my mind", 2580), 2, T0.plusSeconds(3));
        assertThat(view.status()).isEqualTo(Status.CANCELLED);
        assertThat(view.cancellation().refundAmount()).isEqualTo(2580);
        assertThat(view.timestamps().cancelledAt()).isEqualTo(T0.plusSeconds(3));
    }

    @Test
    void aPlacedOrderJoinsItsCustomersHistoryByTime() {
        assertThat(projection.indexEntries(PLACED, T0))
                .containsExactly(new IndexEntry(ViewKeys.Family.CUSTOMER_ORDERS, "alice", "o", T0.toEpochMilli()));
        assertThat(projection.indexEntries(new OrderPaid("o", 1, "EUR", "r"), T0)).isEmpty();
    }
}
