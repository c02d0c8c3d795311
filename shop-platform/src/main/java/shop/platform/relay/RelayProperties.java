package shop.platform.relay;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The relay of one service's events to its Kafka topic.
 *
 * @param topic      the topic that carries this service's aggregate stream, e.g. {@code shop.cart.events}
 * @param source     the CloudEvents source of the events, e.g. {@code /cart-service}
 * @param partitions partitions the topic is created with when it does not exist
 * @param replicas   replication factor the topic is created with
 * @param batchSize  events per event-store read and per Kafka acknowledgement wait
 * @param ackTimeout how long a batch may wait for Kafka's acknowledgements before it is retried
 */
@ConfigurationProperties("shop.relay")
public record RelayProperties(String topic,
                              String source,
                              @DefaultValue("12") int partitions,
                              @DefaultValue("1") short replicas,
                              @DefaultValue("200") int batchSize,
                              @DefaultValue("30s") Duration ackTimeout) {
}
