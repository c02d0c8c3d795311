package shop.projector.apply;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param cartTopic    the cart event stream
 * @param orderTopic   the order event stream
 * @param partitions   partitions of the event topics and their dead-letter topics, when this worker creates them
 * @param retryBackoff pause between retries of a record that could not be applied
 * @param maxRetries   retries before a record goes to {@code <topic>.dlt}
 * @param groupProtocol the consumer group protocol: {@code classic} (cooperative-sticky) or {@code consumer}
 *                     (KIP-848, Kafka 4 brokers); see {@link GroupProtocol}
 * @param writtenViews  views kept as objects after this worker wrote them, so that folding the next events of
 *                      each does not parse its JSON again ({@link WrittenViews}); 0 keeps none
 */
@ConfigurationProperties("shop.projector")
public record ProjectorProperties(@DefaultValue("shop.cart.events") String cartTopic,
                                  @DefaultValue("shop.order.events") String orderTopic,
                                  @DefaultValue("12") int partitions,
                                  @DefaultValue("200ms") Duration retryBackoff,
                                  @DefaultValue("10") int maxRetries,
                                  @DefaultValue("classic") GroupProtocol groupProtocol,
                                  @DefaultValue("20000") int writtenViews) {
}
