package shop.order.checkout;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How order-service consumes checkouts. The consumer group, deserializers and offset reset are
 * {@code spring.kafka.consumer.*} settings (application.yml).
 *
 * @param topic        the topic carrying the cart stream, {@code CartCheckedOut} among it
 * @param partitions   partitions the topic is created with when it does not exist yet (as cart-service's relay does)
 * @param retryBackoff pause between attempts at a record that failed
 */
@ConfigurationProperties("shop.checkout")
public record CheckoutProperties(@DefaultValue("shop.cart.events") String topic,
                                 @DefaultValue("12") int partitions,
                                 @DefaultValue("1s") Duration retryBackoff) {
}
