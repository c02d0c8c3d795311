package shop.cart.cart.domain;

import java.util.List;
import java.util.stream.IntStream;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import shop.cart.cart.domain.CartCommands.AddItemToCart;
import shop.cart.cart.domain.CartCommands.ChangeCartItemQuantity;
import shop.cart.cart.domain.CartCommands.CheckOutCart;
import shop.cart.cart.domain.CartCommands.OpenCart;
import shop.cart.cart.domain.CartCommands.RemoveItemFromCart;
import shop.contracts.cart.CartCheckedOut;
import shop.contracts.cart.CartCheckedOut.PricedLine;
import shop.contracts.cart.CartItemQuantityChanged;
import shop.contracts.cart.CartOpened;
import shop.contracts.cart.ItemAddedToCart;
import shop.contracts.cart.ItemRemovedFromCart;
import shop.contracts.cart.ShippingAddress;
import shop.platform.domain.InvalidCommand;
import shop.platform.domain.NotFound;
import shop.platform.domain.RuleViolation;
import shop.platform.domain.StaleVersion;

class CartTest {

    private static final String CART = "cart-1";
    private static final String ALICE = "alice";
    private static final CartOpened OPENED = new CartOpened(CART, "alice");
    private static final ItemAddedToCart TWO_MUGS = new ItemAddedToCart(CART, "MUG-CQRS", "CQRS mug", 1290, "EUR", 2);
    private static final ItemAddedToCart ONE_BOOK = new ItemAddedToCart(CART, "BOOK-DDD", "DDD", 5490, "EUR", 1);
    private static final ShippingAddress ADDRESS = new ShippingAddress("Alice", "Main St 1", "Berlin", "10115", "DE");

    private AggregateTestFixture<Cart> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Cart.class);
    }

    private static AddItemToCart add(String sku, int quantity) {
        return new AddItemToCart(CART, ALICE, sku, "name of " + sku, 100, "EUR", quantity);
    }

    @Test
    void opensACartForACustomer() {
        fixture.givenNoPriorActivity()
                .when(new OpenCart(CART, "alice"))
                .expectEvents(OPENED);
    }


    @Test
    void addsAPricedLineAndAnswersTheNewVersion() {
        fixture.given(OPENED)
                .when(new AddItemToCart(CART, ALICE, "MUG-CQRS", "CQRS mug", 1290, "EUR", 2))
                .expectEvents(TWO_MUGS)
                .expectResultMessagePayload(1L);
    }

    @Test
    void addingASkuAlreadyInTheCartAddsToItsLine() {
        fixture.given(OPENED, TWO_MUGS)
                .when(new AddItemToCart(CART, ALICE, "MUG-CQRS", "CQRS mug", 1290, "EUR", 97))
                .expectEvents(new ItemAddedToCart(CART, "MUG-CQRS", "CQRS mug", 1290, "EUR", 97));
    }

    @Test
    void refusesALineThatWouldPass99() {
        fixture.given(OPENED, TWO_MUGS)
                .when(new AddItemToCart(CART, ALICE, "MUG-CQRS", "CQRS mug", 1290, "EUR", 98))
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void acceptsQuantitiesFrom1To99() {
        fixture.given(OPENED).when(add("A", 1)).expectSuccessfulHandlerExecution();
        fixture.given(OPENED).when(add("A", 99)).expectSuccessfulHandlerExecution();
    }

    @Test
    void refusesQuantitiesOutside1To99() {
        fixture.given(OPENED).when(add("A", 0)).expectException(InvalidCommand.class).expectNoEvents();
        fixture.given(OPENED).when(add("A", 100)).expectException(InvalidCommand.class).expectNoEvents();
        fixture.given(OPENED).when(add("A", -1)).expectException(InvalidCommand.class).expectNoEvents();
    }

    @Test
    void acceptsThe50thLineButNotThe51st() {
        List<Object> fortyNineLines = IntStream.range(0, 49)
                .mapToObj(i -> (Object) new ItemAddedToCart(CART, "SKU-" + i, "n", 100, "EUR", 1)).toList();
        fixture.given(OPENED).andGiven(fortyNineLines)
                .when(add("SKU-49", 1))
                .expectSuccessfulHandlerExecution();
        List<Object> fiftyLines = IntStream.range(0, 50)
                .mapToObj(i -> (Object) new ItemAddedToCart(CART, "SKU-" + i, "n", 100, "EUR", 1)).toList();
        fixture.given(OPENED).andGiven(fiftyLines)
                .when(add("SKU-50", 1))
                .expectException(RuleViolation.class)
                .expectNoEvents();
        fixture.given(OPENED).andGiven(fiftyLines)
                .when(add("SKU-0", 1))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void refusesAnItemInAnotherCurrency() {
        fixture.given(OPENED, TWO_MUGS)
                .when(new AddItemToCart(CART, ALICE, "X", "x", 100, "USD", 1))
                .expectException(RuleViolation.class);
    }


    @Test
    void setsTheLinesQuantity() {
        fixture.given(OPENED, TWO_MUGS)
                .when(new ChangeCartItemQuantity(CART, ALICE, "MUG-CQRS", 5))
                .expectEvents(new CartItemQuantityChanged(CART, "MUG-CQRS", 5))
                .expectResultMessagePayload(2L);
    }

    @Test
    void zeroRemovesTheLine() {
        fixture.given(OPENED, TWO_MUGS)
                .when(new ChangeCartItemQuantity(CART, ALICE, "MUG-CQRS", 0))
                .expectEvents(new ItemRemovedFromCart(CART, "MUG-CQRS"));
    }

    @Test
    void theSameQuantityChangesNothing() {
        fixture.given(OPENED, TWO_MUGS)
                .when(new ChangeCartItemQuantity(CART, ALICE, "MUG-CQRS", 2))
                .expectNoEvents()
                .expectResultMessagePayload(1L);
    }

    @Test
    void refusesQuantitiesAbove99() {
        fixture.given(OPENED, TWO_MUGS)
                .when(new ChangeCartItemQuantity(CART, ALICE, "MUG-CQRS", 100))
                .expectException(InvalidCommand.class);
    }

    @Test
    void changingASkuNotInTheCartIsNotFound() {
        fixture.given(OPENED, TWO_MUGS)
                .when(new ChangeCartItemQuantity(CART, ALICE, "BOOK-DDD", 3))
                .expectException(NotFound.class);
    }


    @Test
    void removesTheLine() {
        fixture.given(OPENED, TWO_MUGS)
                .when(new RemoveItemFromCart(CART, ALICE, "MUG-CQRS"))
                .expectEvents(new ItemRemovedFromCart(CART, "MUG-CQRS"));
    }

    @Test
    void removingASkuNotInTheCartIsNotFound() {
        fixture.given(OPENED)
                .when(new RemoveItemFromCart(CART, ALICE, "MUG-CQRS"))
                .expectException(NotFound.class);
    }


    @Test
    void checksOutThePricedLinesWithTheirTotal() {
        fixture.given(OPENED, TWO_MUGS, ONE_BOOK)
                .when(new CheckOutCart(CART, ALICE, ADDRESS))
                .expectEvents(new CartCheckedOut(CART, "alice", Cart.orderIdFor(CART), List.of(
                        new PricedLine("MUG-CQRS", "CQRS mug", 2, 1290),
                        new PricedLine("BOOK-DDD", "DDD", 1, 5490)), 2 * 1290 + 5490, "EUR", ADDRESS))
                .expectResultMessagePayload(3L);
    }

    @Test
    void refusesAnEmptyCart() {
        fixture.given(OPENED)
                .when(new CheckOutCart(CART, ALICE, ADDRESS))
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void refusesACartWhoseLinesWereAllRemoved() {
        fixture.given(OPENED, TWO_MUGS, new ItemRemovedFromCart(CART, "MUG-CQRS"))
                .when(new CheckOutCart(CART, ALICE, ADDRESS))
                .expectException(RuleViolation.class);
    }

    @Test
    void aCheckedOutCartAcceptsNoChange() {
        CartCheckedOut checkedOut = new CartCheckedOut(CART, "alice", Cart.orderIdFor(CART),
                List.of(new PricedLine("MUG-CQRS", "CQRS mug", 2, 1290)), 2580, "EUR", ADDRESS);
        fixture.given(OPENED, TWO_MUGS, checkedOut).when(add("A", 1)).expectException(RuleViolation.class);
        fixture.given(OPENED, TWO_MUGS, checkedOut)
                .when(new ChangeCartItemQuantity(CART, ALICE, "MUG-CQRS", 3)).expectException(RuleViolation.class);
        fixture.given(OPENED, TWO_MUGS, checkedOut)
                .when(new RemoveItemFromCart(CART, ALICE, "MUG-CQRS")).expectException(RuleViolation.class);
        fixture.given(OPENED, TWO_MUGS, checkedOut)
                .when(new CheckOutCart(CART, ALICE, ADDRESS)).expectException(RuleViolation.class);
    }

    @Test
    void toAnyoneButItsOwnerTheCartDoesNotExist() {
        fixture.given(OPENED, TWO_MUGS)
                .when(new AddItemToCart(CART, "mallory", "MUG-CQRS", "CQRS mug", 1290, "EUR", 1))
                .expectException(NotFound.class).expectNoEvents();
        fixture.given(OPENED, TWO_MUGS)
                .when(new ChangeCartItemQuantity(CART, "mallory", "MUG-CQRS", 5)).expectException(NotFound.class);
        fixture.given(OPENED, TWO_MUGS)
                .when(new RemoveItemFromCart(CART, "mallory", "MUG-CQRS")).expectException(NotFound.class);
        fixture.given(OPENED, TWO_MUGS)
                .when(new CheckOutCart(CART, "mallory", ADDRESS)).expectException(NotFound.class).expectNoEvents();
    }

    @Test
    void aCommandForAnotherVersionThanTheCurrentIsStale() {
        fixture.given(OPENED, TWO_MUGS)
                .when(new AddItemToCart(CART, ALICE, "BOOK-DDD", "DDD", 5490, "EUR", 1, 0L))
                .expectException(StaleVersion.class).expectNoEvents();
        fixture.given(OPENED, TWO_MUGS)
                .when(new AddItemToCart(CART, ALICE, "BOOK-DDD", "DDD", 5490, "EUR", 1, 1L))
                .expectEvents(ONE_BOOK);
        fixture.given(OPENED, TWO_MUGS)
                .when(new CheckOutCart(CART, ALICE, ADDRESS, 5L)).expectException(StaleVersion.class);
    }

    @Test
    void theOrderIdIsDerivedFromTheCart() {
        org.assertj.core.api.Assertions.assertThat(Cart.orderIdFor(CART))
                .isEqualTo(Cart.orderIdFor(CART))
                .isNotEqualTo(Cart.orderIdFor("cart-2"));
    }
}
