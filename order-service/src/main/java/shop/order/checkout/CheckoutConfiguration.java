package shop.order.checkout;

import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

import shop.contracts.envelope.MalformedEnvelopeException;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CheckoutProperties.class)
class CheckoutConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CheckoutConfiguration.class);

    /**
     * Boot's listener container factory picks this up. A checkout whose order could not be placed (the event
     * store down, say) is retried until it succeeds: skipping it would lose a customer's order, and placing an
     * order is idempotent. Only a record that is no readable event, which can never succeed, is logged with
     * its coordinates and skipped.
     */
    @Bean
    DefaultErrorHandler checkoutErrorHandler(CheckoutProperties properties) {
        var handler = new DefaultErrorHandler(
                (record, failure) -> log.error("skipping record {}-{}@{} (key {}) after it failed: {}",
                        record.topic(), record.partition(), record.offset(), record.key(),
                        NestedExceptionUtils.getMostSpecificCause(failure).toString()),
                new FixedBackOff(properties.retryBackoff().toMillis(), FixedBackOff.UNLIMITED_ATTEMPTS));
        handler.addNotRetryableExceptions(MalformedEnvelopeException.class);
        return handler;
    }

    /**
     * Creates the cart topic, partitioned like cart-service's relay creates it, if order-service starts first:
     * left to the broker's auto-creation it would get a single partition. An existing topic is left as it is.
     */
    @Bean
    NewTopic checkoutTopic(CheckoutProperties properties) {
        return TopicBuilder.name(properties.topic()).partitions(properties.partitions()).build();
    }
}
