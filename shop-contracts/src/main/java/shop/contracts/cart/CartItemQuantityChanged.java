package shop.contracts.cart;

/**
 * The line for {@code sku} now holds exactly {@code newQuantity} (1..99); a change to 0 is an
 * {@link ItemRemovedFromCart}. Revision 2: revision 1 called the field {@code quantity}
 * ({@link shop.contracts.revision.EventRevisions} upcasts stored ones).
 */
public record CartItemQuantityChanged(String cartId, String sku, int newQuantity) implements CartEvent {
}
