package shop.contracts.view;

import java.util.List;

/**
 * The cart read model as the projector writes it to Redis and cart-service serves it.
 * {@code version} is the sequence number of the last event applied.
 */
public record CartView(String cartId, String customerId, Status status, List<Line> lines, long total,
                       String currency, long version) {

    public enum Status { OPEN, CHECKED_OUT }

    public CartView {
        lines = List.copyOf(lines);
    }

    public record Line(String sku, String name, int quantity, long unitPrice, long lineTotal) {
    }
}
