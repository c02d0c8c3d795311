package shop.cart.catalog;

/** A product on sale; {@code unitPrice} is in minor units of {@code currency}. */
public record Product(String sku, String name, long unitPrice, String currency) {
}
