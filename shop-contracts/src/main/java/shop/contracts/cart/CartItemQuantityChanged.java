package shop.contracts.cart;

/** The line for {@code sku} now holds exactly {@code quantity} (1..99); a change to 0 is an {@link ItemRemovedFromCart}. */
public record CartItemQuantityChanged(String cartId, String sku, int quantity) implements CartEvent {
}
