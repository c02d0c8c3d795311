package shop.order;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import shop.testsupport.Http;
import shop.testsupport.TestTokens;

/** order-service starts against real PostgreSQL, Kafka and Redis, migrates its schema and reports UP. */
@OrderServiceIT
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
        // metrics are for ops only
        assertThat(new Http(http).as(TestTokens.token("ops-1", "ops")).get("/actuator/prometheus").getBody())
                .contains("jvm_memory_used_bytes");
        assertThat(new Http(http).as(null).get("/actuator/prometheus").getStatusCode().value()).isEqualTo(401);
    }
}
