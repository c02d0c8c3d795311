package shop.contracts.cart;

/**
 * Everything that can happen to a cart. The cart id is the aggregate id and the Kafka key.
 */
public sealed interface CartEvent
        permits CartOpened, ItemAddedToCart, CartItemQuantityChanged, ItemRemovedFromCart, CartCheckedOut {

    String cartId();
}
