package shop.testsupport;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.kafka.KafkaContainer;

/**
 * Connects a Spring application to the {@link SharedContainers}: import it in a test
 * ({@code @Import(InfrastructureContainers.class)}) or a TestApplication. The containers outlive every
 * application context ({@code destroyMethod = ""}): the cached contexts of other test classes use them too.
 */
@TestConfiguration(proxyBeanMethods = false)
public class InfrastructureContainers {

    @Bean(destroyMethod = "")
    @ServiceConnection
    PostgreSQLContainer<?> postgres() {
        SharedContainers.start();
        return SharedContainers.POSTGRES;
    }

    @Bean(destroyMethod = "")
    @ServiceConnection
    KafkaContainer kafka() {
        SharedContainers.start();
        return SharedContainers.KAFKA;
    }

    @Bean(destroyMethod = "")
    @ServiceConnection(name = "redis")
    GenericContainer<?> redis() {
        SharedContainers.start();
        return SharedContainers.REDIS;
    }
}
