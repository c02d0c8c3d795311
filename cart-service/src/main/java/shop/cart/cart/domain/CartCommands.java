package shop.cart.cart.domain;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import shop.contracts.cart.ShippingAddress;

/**
 * What a customer can ask of a cart. Every command on an existing cart names the customer who sends it
 * (only the owner may change a cart; to anyone else it does not exist) and may name the version the
 * sender last saw ({@code If-Match}); null accepts any version.
 */
public final class CartCommands {

    private CartCommands() {
    }

    public record OpenCart(String cartId, String customerId) {
    }

    /** Price and name come from the catalog at the moment of adding, never from the client. */
    public record AddItemToCart(@TargetAggregateIdentifier String cartId, String customerId, String sku,
                                String productName, long unitPrice, String currency, int quantity,
                                Long expectedVersion) {

        public AddItemToCart(String cartId, String customerId, String sku, String productName, long unitPrice,
                             String currency, int quantity) {
            this(cartId, customerId, sku, productName, unitPrice, currency, quantity, null);
        }
    }

    /** A quantity of 0 removes the line. */
    public record ChangeCartItemQuantity(@TargetAggregateIdentifier String cartId, String customerId, String sku,
                                         int quantity, Long expectedVersion) {

        public ChangeCartItemQuantity(String cartId, String customerId, String sku, int quantity) {
            this(cartId, customerId, sku, quantity, null);
        }
    }

    public record RemoveItemFromCart(@TargetAggregateIdentifier String cartId, String customerId, String sku,
                                     Long expectedVersion) {

        public RemoveItemFromCart(String cartId, String customerId, String sku) {
            this(cartId, customerId, sku, null);
        }
    }

    public record CheckOutCart(@TargetAggregateIdentifier String cartId, String customerId,
                               ShippingAddress shippingAddress, Long expectedVersion) {

        public CheckOutCart(String cartId, String customerId, ShippingAddress shippingAddress) {
            this(cartId, customerId, shippingAddress, null);
        }
    }
}
