package shop.contracts.cart;

public record CartOpened(String cartId, String customerId) implements CartEvent {
}
