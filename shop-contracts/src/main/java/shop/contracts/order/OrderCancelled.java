package shop.contracts.order;

/** The order was cancelled; {@code refundAmount} is what was paid and is refunded (0 when nothing was paid). */
public record OrderCancelled(String orderId, String reason, long refundAmount) implements OrderEvent {
}
