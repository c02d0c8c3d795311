package shop.projector.cart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import shop.contracts.cart.CartCheckedOut;
import shop.contracts.cart.CartItemQuantityChanged;
import shop.contracts.cart.CartOpened;
import shop.contracts.cart.ItemAddedToCart;
import shop.contracts.cart.ItemRemovedFromCart;
import shop.contracts.cart.ShippingAddress;
import shop.contracts.view.CartView;
import shop.contracts.view.CartView.Line;
import shop.contracts.view.CartView.Status;
import shop.projector.apply.GroupProtocol;
import shop.projector.apply.ProjectorProperties;

class CartProjectionTest {

    private final CartProjection projection = new CartProjection(
            new ProjectorProperties("shop.cart.events", "shop.order.events", 12, java.time.Duration.ofMillis(1), 1, GroupProtocol.CLASSIC, 20000));

    private CartView fold(Object... events) {
        CartView view = null;
        for (int i = 0; i < events.length; i++) {
            view = projection.apply(view, events[i], i, java.time.Instant.EPOCH);
        }
        return view;
    }

    @Test
    void aNewCartIsOpenAndEmpty() {
        assertThat(fold(new CartOpened("c", "alice")))
                .isEqualTo(new CartView("c", "alice", Status.OPEN, List.of(), 0, null, 0));
    }

    @Test
    void linesCarryQuantitiesAndTotals() {
        CartView view = fold(
                new CartOpened("c", "alice"),
                new ItemAddedToCart("c", "MUG", "Mug", 1290, "EUR", 2),
                new ItemAddedToCart("c", "BOOK", "Book", 5490, "EUR", 1),
                new ItemAddedToCart("c", "MUG", "Mug", 1290, "EUR", 1),
                new CartItemQuantityChanged("c", "BOOK", 3));
        assertThat(view.lines()).containsExactly(
                new Line("MUG", "Mug", 3, 1290, 3870),
                new Line("BOOK", "Book", 3, 5490, 16470));
        assertThat(view.total()).isEqualTo(3870 + 16470);
        assertThat(view.currency()).isEqualTo("EUR");
        assertThat(view.version()).isEqualTo(4);
    }

    @Test
    void removingTheLastLineEmptiesTheCart() {
        CartView view = fold(
                new CartOpened("c", "alice"),
                new ItemAddedToCart("c", "MUG", "Mug", 1290, "EUR", 2),
                new ItemRemovedFromCart("c", "MUG"));
        assertThat(view.lines()).isEmpty();
        assertThat(view.total()).isZero();
        assertThat(view.currency()).isNull();
    }

    @Test
    void checkoutKeepsTheLinesAndClosesTheCart() {
        CartView view = fold(
                new CartOpened("c", "alice"),
                new ItemAddedToCart("c", "MUG", "Mug", 1290, "EUR", 2),
                new CartCheckedOut("c", "alice", "o", List.of(new CartCheckedOut.PricedLine("MUG", "Mug", 2, 1290)),
                        2580, "EUR", new ShippingAddress("A", "S", "C", "P", "DE")));
        assertThat(view.status()).isEqualTo(Status.CHECKED_OUT);
        assertThat(view.total()).isEqualTo(2580);
        assertThat(view.version()).isEqualTo(2);
    }
}
