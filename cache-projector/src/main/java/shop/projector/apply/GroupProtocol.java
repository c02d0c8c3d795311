package shop.projector.apply;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;

/**
 * The consumer group protocol the workers speak ({@code shop.projector.group-protocol}).
 *
 * <p>{@link #CLASSIC} (the default) with the cooperative-sticky assignor (application.yml): a worker joining
 * or leaving moves only the partitions that must move, and the others keep being consumed during the
 * rebalance. {@link #CONSUMER} is KIP-848's protocol, where the broker assigns partitions and rebalances
 * are fully incremental. It is generally available from Kafka 4.0 (brokers enable it by default); Kafka
 * 3.9, the broker and client here, ships it only as a preview that the broker must opt into
 * ({@code group.coordinator.rebalance.protocols=classic,consumer}), so deployments on Kafka 4 switch it
 * on with {@code shop.projector.group-protocol=consumer}. Assignor, session timeout and heartbeat interval
 * are then the broker's ({@code group.consumer.*}), and the client refuses its own, so they are dropped.
 */
public enum GroupProtocol {
    CLASSIC, CONSUMER;

    private static final List<String> CLASSIC_ONLY = List.of(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
            ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG);

    void configure(DefaultKafkaConsumerFactory<?, ?> factory) {
        factory.updateConfigs(Map.of(ConsumerConfig.GROUP_PROTOCOL_CONFIG, name().toLowerCase(java.util.Locale.ROOT)));
        if (this == CONSUMER) {
            CLASSIC_ONLY.forEach(factory::removeConfig);
        }
    }
}
