package shop.projector.apply;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.autoconfigure.kafka.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

import shop.contracts.envelope.MalformedEnvelopeException;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProjectorProperties.class)
class ProjectorConfiguration {

    static final int PIPELINE_FLUSH_COMMANDS = 64;

    static String deadLetterTopic(String topic) {
        return topic + ".dlt";
    }

    /**
     * Bounded retries, then the record goes to {@code <topic>.dlt} with the error and its origin in headers
     * and the partition moves on. A record that is no readable event is dead-lettered at once; while Redis is
     * unavailable, the batch is retried without limit.
     */
    @Bean
    DefaultErrorHandler projectorErrorHandler(KafkaOperations<Object, Object> kafka, ProjectorProperties properties) {
        var deadLetters = new DeadLetterPublishingRecoverer(kafka,
                (record, failure) -> new TopicPartition(deadLetterTopic(record.topic()), -1));
        var handler = new DefaultErrorHandler(deadLetters,
                new FixedBackOff(properties.retryBackoff().toMillis(), properties.maxRetries()));
        handler.addNotRetryableExceptions(MalformedEnvelopeException.class);
        // an outage is waited out, however long: dead-lettering would drop good events
        handler.setBackOffFunction((record, failure) -> RedisUnavailable.causedIt(failure)
                ? new FixedBackOff(properties.retryBackoff().toMillis(), FixedBackOff.UNLIMITED_ATTEMPTS) : null);
        return handler;
    }

    /**
     * A batch's pipeline goes to Redis every {@value #PIPELINE_FLUSH_COMMANDS} commands rather than a write per
     * command (Spring Data Redis' default, a system call each) or one write at the end: Redis then works on the
     * first commands while the projector is still decoding or folding the rest of the batch.
     */
    @Bean
    static BeanPostProcessor flushPipelinesInChunks() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof LettuceConnectionFactory lettuce) {
                    lettuce.setPipeliningFlushPolicy(LettuceConnection.PipeliningFlushPolicy.buffered(PIPELINE_FLUSH_COMMANDS));
                }
                return bean;
            }
        };
    }

    @Bean
    DefaultKafkaConsumerFactoryCustomizer groupProtocol(ProjectorProperties properties) {
        return properties.groupProtocol()::configure;
    }

    /** Creates the topics this worker reads and writes if they do not exist yet; existing ones are left as they are. */
    @Bean
    KafkaAdmin.NewTopics projectorTopics(Projections projections, ProjectorProperties properties) {
        return new KafkaAdmin.NewTopics(java.util.Arrays.stream(projections.topics())
                .flatMap(topic -> java.util.stream.Stream.of(topic, deadLetterTopic(topic)))
                .map(topic -> TopicBuilder.name(topic).partitions(properties.partitions()).build())
                .toArray(NewTopic[]::new));
    }
}
