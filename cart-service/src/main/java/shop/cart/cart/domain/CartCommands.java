package shop.cart.cart.domain;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import shop.contracts.cart.ShippingAddress;

/** What a customer can ask of a cart. */
public final class CartCommands {

    private CartCommands() {
    }

    public record OpenCart(String cartId, String customerId) {
    }

    /** Price and name come from the catalog at the moment of adding, never from the client. */
    public record AddItemToCart(@TargetAggregateIdentifier String cartId, String sku, String productName,
                                long unitPrice, String currency, int quantity) {
    }

    /** A quantity of 0 removes the line. */
    public record ChangeCartItemQuantity(@TargetAggregateIdentifier String cartId, String sku, int quantity) {
    }

    public record RemoveItemFromCart(@TargetAggregateIdentifier String cartId, String sku) {
    }

    public record CheckOutCart(@TargetAggregateIdentifier String cartId, ShippingAddress shippingAddress) {
    }
}
