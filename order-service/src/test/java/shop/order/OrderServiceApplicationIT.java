package shop.order;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import shop.testsupport.InfrastructureContainers;

/** order-service starts against real PostgreSQL, Kafka and Redis, migrates its schema and reports UP. */
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(InfrastructureContainers.class)
class OrderServiceApplicationIT {

    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcClient jdbc;

    @Test
    void migratesItsSchemaAndReportsHealthy() {
        assertThat(jdbc.sql("select count(*) from orders.domainevententry").query(Long.class).single()).isNotNull();
        assertThat(http.getForObject("/actuator/health", String.class)).contains("\"status\":\"UP\"");
        assertThat(http.getForObject("/actuator/health/readiness", String.class)).contains("\"status\":\"UP\"");
        assertThat(http.getForObject("/actuator/health/liveness", String.class)).contains("\"status\":\"UP\"");
        assertThat(http.getForObject("/actuator/prometheus", String.class)).contains("jvm_memory_used_bytes");
    }
}
