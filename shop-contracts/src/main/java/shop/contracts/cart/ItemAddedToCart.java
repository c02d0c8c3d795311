package shop.contracts.cart;

/**
 * A quantity of a product was added; when the cart already holds the sku the quantity adds to that line.
 * The unit price is the catalog's price at that moment, in minor units of {@code currency}.
 */
public record ItemAddedToCart(String cartId, String sku, String productName, long unitPrice, String currency,
                              int quantity) implements CartEvent {
}
