package shop.platform.relay;

import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.kafka.KafkaConnectionDetails;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import shop.platform.tracing.Traces;

/** Relays the service's events to Kafka when {@code shop.relay.topic} is set. */
@AutoConfiguration
@ConditionalOnProperty(prefix = "shop.relay", name = "topic")
@EnableConfigurationProperties(RelayProperties.class)
public class EventRelayAutoConfiguration {

    @Bean
    NewTopic relayTopic(RelayProperties properties) {
        return TopicBuilder.name(properties.topic())
                .partitions(properties.partitions())
                .replicas(properties.replicas())
                .build();
    }

    @Bean
    KafkaEventRelay kafkaEventRelay(KafkaProperties kafkaProperties, KafkaConnectionDetails connection,
                                    RelayProperties properties, Traces traces) {
        Map<String, Object> config = kafkaProperties.buildProducerProperties(null);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, connection.getProducer().getBootstrapServers());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        // the guarantees the relay promises rest on these three; they are not left to configuration
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 1);
        var template = new KafkaTemplate<>(new DefaultKafkaProducerFactory<String, byte[]>(config));
        return new KafkaEventRelay(template, properties, traces);
    }

    @Bean
    ConfigurerModule kafkaRelayProcessor(RelayProperties properties) {
        return configurer -> configurer.eventProcessing()
                .registerTrackingEventProcessor(KafkaEventRelay.PROCESSING_GROUP,
                        org.axonframework.config.Configuration::eventStore,
                        axon -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(properties.batchSize()))
                // a failed send must stop the relay at that event, never skip it
                .registerListenerInvocationErrorHandler(KafkaEventRelay.PROCESSING_GROUP,
                        axon -> PropagatingErrorHandler.instance());
    }
}
