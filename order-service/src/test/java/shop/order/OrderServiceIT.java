package shop.order;

import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import shop.testsupport.InfrastructureContainers;
import shop.testsupport.TestSecurity;

/**
 * The one application context of order-service's integration tests, against real PostgreSQL, Kafka and
 * Redis. Test classes carry this annotation and nothing that changes the context, so Spring builds it once.
 */
@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
@java.lang.annotation.Target(java.lang.annotation.ElementType.TYPE)
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({InfrastructureContainers.class, TestSecurity.class})
public @interface OrderServiceIT {
}
