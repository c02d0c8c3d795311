package shop.cart.cart.domain;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import shop.contracts.cart.ShippingAddress;

/** What a customer can ask of a cart. */
public final class CartCommands {

    private CartCommands() {
    }

    public record OpenCart(String cartId, String customerId) {
    }

    /*
     * Every command on an existing cart names the customer who sends it: only the cart's owner may change it,
     * and to anyone else the cart does not exist.
     */

    /** Price and name come from the catalog at the moment of adding, never from the client. */
    public record AddItemToCart(@TargetAggregateIdentifier String cartId, String customerId, String sku,
                                String productName, long unitPrice, String currency, int quantity) {
    }

    /** A quantity of 0 removes the line. */
    public record ChangeCartItemQuantity(@TargetAggregateIdentifier String cartId, String customerId, String sku,
                                         int quantity) {
    }

    public record RemoveItemFromCart(@TargetAggregateIdentifier String cartId, String customerId, String sku) {
    }

    public record CheckOutCart(@TargetAggregateIdentifier String cartId, String customerId,
                               ShippingAddress shippingAddress) {
    }
}
