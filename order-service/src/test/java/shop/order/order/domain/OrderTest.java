package shop.order.order.domain;

import java.util.List;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import shop.contracts.cart.CartCheckedOut.PricedLine;
import shop.contracts.cart.ShippingAddress;
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

class OrderTest {

    private static final String ORDER = "order-1";
    private static final ShippingAddress ADDRESS = new ShippingAddress("Alice", "Main St 1", "Berlin", "10115", "DE");
    private static final List<PricedLine> LINES = List.of(
            new PricedLine("MUG-CQRS", "CQRS mug", 2, 1290),
            new PricedLine("BOOK-DDD", "DDD", 1, 5490));
    private static final long TOTAL = 2 * 1290 + 5490;

    private static final PlaceOrder PLACE = new PlaceOrder(ORDER, "cart-1", "alice", LINES, TOTAL, "EUR", ADDRESS);
    private static final OrderPlaced PLACED = new OrderPlaced(ORDER, "cart-1", "alice", LINES, TOTAL, "EUR", ADDRESS);
    private static final OrderPaid PAID = new OrderPaid(ORDER, TOTAL, "EUR", "psp-42");
    private static final OrderShipped SHIPPED = new OrderShipped(ORDER, "DHL", "JD0001");

    private static final ConfirmPayment PAY = new ConfirmPayment(ORDER, TOTAL, "EUR", "psp-42");
    private static final ConfirmShipment SHIP = new ConfirmShipment(ORDER, "DHL", "JD0001");
    private static final CancelOrder CANCEL = new CancelOrder(ORDER, "changed my mind");

    private AggregateTestFixture<Order> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Order.class);
    }

    @Test
    void placesAnOrderFromACheckout() {
        fixture.givenNoPriorActivity()
                .when(PLACE)
                .expectEvents(PLACED)
                .expectResultMessagePayload(0L);
    }

    @Test
    void placingAnOrderAgainChangesNothingAndAnswersItsVersion() {
        fixture.given(PLACED)
                .when(PLACE)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(0L);
        fixture.given(PLACED, PAID)
                .when(PLACE)
                .expectNoEvents()
                .expectResultMessagePayload(1L);
        fixture.given(PLACED, new OrderCancelled(ORDER, "no", 0))
                .when(PLACE)
                .expectNoEvents()
                .expectResultMessagePayload(1L);
    }

    @Test
    void confirmsAPaymentOfTheTotal() {
        fixture.given(PLACED)
                .when(PAY)
                .expectEvents(PAID)
                .expectResultMessagePayload(1L);
    }

    @Test
    void refusesAPaymentOfAnotherAmount() {
        fixture.given(PLACED)
                .when(new ConfirmPayment(ORDER, TOTAL - 1, "EUR", "psp-42"))
                .expectException(RuleViolation.class)
                .expectNoEvents();
        fixture.given(PLACED)
                .when(new ConfirmPayment(ORDER, TOTAL + 1, "EUR", "psp-42"))
                .expectException(RuleViolation.class)
                .expectNoEvents();
        fixture.given(PLACED)
                .when(new ConfirmPayment(ORDER, 0, "EUR", "psp-42"))
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void refusesAPaymentInAnotherCurrency() {
        fixture.given(PLACED)
                .when(new ConfirmPayment(ORDER, TOTAL, "USD", "psp-42"))
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void refusesASecondPayment() {
        fixture.given(PLACED, PAID)
                .when(PAY)
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void shipsAPaidOrder() {
        fixture.given(PLACED, PAID)
                .when(SHIP)
                .expectEvents(SHIPPED)
                .expectResultMessagePayload(2L);
    }

    @Test
    void aCommandForAnotherVersionThanTheCurrentIsStale() {
        fixture.given(PLACED)
                .when(new ConfirmPayment(ORDER, TOTAL, "EUR", "psp-42", 1L))
                .expectException(StaleVersion.class).expectNoEvents();
        fixture.given(PLACED)
                .when(new ConfirmPayment(ORDER, TOTAL, "EUR", "psp-42", 0L))
                .expectEvents(PAID);
        fixture.given(PLACED, PAID).when(new ConfirmShipment(ORDER, "DHL", "JD0001", 0L)).expectException(StaleVersion.class);
        fixture.given(PLACED, PAID).when(new CancelOrder(ORDER, "x", 0L)).expectException(StaleVersion.class);
    }

    @Test
    void refusesToShipAnUnpaidOrder() {
        fixture.given(PLACED)
                .when(SHIP)
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void refusesToShipTwice() {
        fixture.given(PLACED, PAID, SHIPPED)
                .when(SHIP)
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void refusesToPayAShippedOrder() {
        fixture.given(PLACED, PAID, SHIPPED)
                .when(PAY)
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void cancelsAPlacedOrderWithNothingToRefund() {
        fixture.given(PLACED)
                .when(CANCEL)
                .expectEvents(new OrderCancelled(ORDER, "changed my mind", 0))
                .expectResultMessagePayload(1L);
    }

    @Test
    void cancelsAPaidOrderRefundingWhatWasPaid() {
        fixture.given(PLACED, PAID)
                .when(CANCEL)
                .expectEvents(new OrderCancelled(ORDER, "changed my mind", TOTAL))
                .expectResultMessagePayload(2L);
    }

    @Test
    void refusesToCancelAShippedOrder() {
        fixture.given(PLACED, PAID, SHIPPED)
                .when(CANCEL)
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void aCancelledOrderRefusesEveryTransition() {
        OrderCancelled unpaid = new OrderCancelled(ORDER, "changed my mind", 0);
        fixture.given(PLACED, unpaid).when(PAY).expectException(RuleViolation.class).expectNoEvents();
        fixture.given(PLACED, unpaid).when(SHIP).expectException(RuleViolation.class).expectNoEvents();
        fixture.given(PLACED, unpaid).when(CANCEL).expectException(RuleViolation.class).expectNoEvents();
        OrderCancelled refunded = new OrderCancelled(ORDER, "changed my mind", TOTAL);
        fixture.given(PLACED, PAID, refunded).when(PAY).expectException(RuleViolation.class).expectNoEvents();
        fixture.given(PLACED, PAID, refunded).when(SHIP).expectException(RuleViolation.class).expectNoEvents();
        fixture.given(PLACED, PAID, refunded).when(CANCEL).expectException(RuleViolation.class).expectNoEvents();
    }

    @Test
    void anOrderThatWasNeverPlacedCannotBePaidShippedOrCancelled() {
        fixture.givenNoPriorActivity().when(PAY).expectException(org.axonframework.modelling.command.AggregateNotFoundException.class);
        fixture.givenNoPriorActivity().when(SHIP).expectException(org.axonframework.modelling.command.AggregateNotFoundException.class);
        fixture.givenNoPriorActivity().when(CANCEL).expectException(org.axonframework.modelling.command.AggregateNotFoundException.class);
    }
}
