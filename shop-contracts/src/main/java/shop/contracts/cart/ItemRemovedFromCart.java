package shop.contracts.cart;

public record ItemRemovedFromCart(String cartId, String sku) implements CartEvent {
}
