package shop.cart.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import shop.cart.CartServiceIT;
import shop.testsupport.Http;
import shop.testsupport.TestTokens;

/** The catalog is served from PostgreSQL through the Redis cache, and a price change shows at once. */
@CartServiceIT
class CatalogIT {

    static final String OPS = TestTokens.token("ops-1", "ops");

    @Autowired
    TestRestTemplate rest;

    @Autowired
    ObjectMapper json;

    @Autowired
    MeterRegistry meters;

    @Autowired
    StringRedisTemplate redis;

    @Test
    void listsTheDemoCatalog() throws Exception {
        JsonNode products = json.readTree(new Http(rest).get("/api/products").getBody());
        assertThat(products.isArray()).isTrue();
        assertThat(products.size()).isGreaterThanOrEqualTo(20);
        JsonNode mug = products.findParents("sku").stream().filter(p -> p.get("sku").asText().equals("MUG-ES")).findFirst().orElseThrow();
        assertThat(mug.get("unitPrice").asLong()).isEqualTo(1290);
        assertThat(mug.get("currency").asText()).isEqualTo("EUR");
    }

    @Test
    void aSecondReadIsServedFromRedis() {
        Http http = new Http(rest);
        double hitsBefore = hits();
        assertThat(http.get("/api/products/LAMP-DESK").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(redis.hasKey("cache:products::LAMP-DESK")).isTrue();
        assertThat(http.get("/api/products/LAMP-DESK").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(hits()).isEqualTo(hitsBefore + 1);
        assertThat(redis.getExpire("cache:products::LAMP-DESK")).isPositive();
    }

    @Test
    void aPriceChangeIsVisibleOnTheNextRead() throws Exception {
        Http http = new Http(rest);
        http.get("/api/products/PLANT-FICUS");
        http.get("/api/products");
        assertThat(http.send(HttpMethod.PUT, "/api/products/PLANT-FICUS/price", "{\"unitPrice\": 3190}").getStatusCode())
                .as("a customer may not change prices").isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(http.as(OPS).send(HttpMethod.PUT, "/api/products/PLANT-FICUS/price", "{\"unitPrice\": 3190}").getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(json.readTree(http.get("/api/products/PLANT-FICUS").getBody()).get("unitPrice").asLong()).isEqualTo(3190);
        assertThat(json.readTree(http.get("/api/products").getBody()).findParents("sku").stream()
                .filter(p -> p.get("sku").asText().equals("PLANT-FICUS")).findFirst().orElseThrow()
                .get("unitPrice").asLong()).isEqualTo(3190);
    }

    @Test
    void anUnknownProductIsAProblem() {
        var response = new Http(rest).get("/api/products/NO-SUCH-SKU");
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(response.getBody()).contains("\"status\":404");
        assertThat(new Http(rest).as(OPS).send(HttpMethod.PUT, "/api/products/MUG-ES/price", "{\"unitPrice\": -5}").getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
    }

    private double hits() {
        var counter = meters.find("cache.gets").tag("cache", "products").tag("result", "hit").functionCounter();
        return counter == null ? 0 : counter.count();
    }
}
