package shop.contracts.order;

/** Payment of the order's total was confirmed; {@code amount} is in minor units of {@code currency}. */
public record OrderPaid(String orderId, long amount, String currency, String reference) implements OrderEvent {
}
