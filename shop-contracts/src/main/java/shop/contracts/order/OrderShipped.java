package shop.contracts.order;

public record OrderShipped(String orderId, String carrier, String trackingNumber) implements OrderEvent {
}
