package shop.cart.cart;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;

import com.fasterxml.jackson.databind.ObjectMapper;

import shop.cart.CartServiceIT;
import shop.testsupport.FuzzRunner;
import shop.testsupport.HostileRequests;
import shop.testsupport.HostileRequests.Endpoint;
import shop.testsupport.Http;
import shop.testsupport.TestTokens;

/** Hundreds of generated hostile requests across every cart and catalog endpoint: none answers 5xx. */
@CartServiceIT
class CartApiFuzzIT {

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint(HttpMethod.GET, "/api/products", null),
            new Endpoint(HttpMethod.GET, "/api/products/{id}", null),
            new Endpoint(HttpMethod.POST, "/api/carts", "{\"customerId\": \"fuzzer\"}"),
            new Endpoint(HttpMethod.GET, "/api/carts/{id}", null),
            new Endpoint(HttpMethod.POST, "/api/carts/{id}/items", "{\"sku\": \"MUG-CQRS\", \"quantity\": 2}"),
            new Endpoint(HttpMethod.PUT, "/api/carts/{id}/items/MUG-CQRS", "{\"quantity\": 3}"),
            new Endpoint(HttpMethod.DELETE, "/api/carts/{id}/items/MUG-CQRS", null),
            new Endpoint(HttpMethod.POST, "/api/carts/{id}/checkout", CartApiIT.ADDRESS));

    @Autowired
    TestRestTemplate rest;

    @Autowired
    ObjectMapper json;

    @Test
    void noHostileRequestGetsA5xx() throws Exception {
        String token = TestTokens.customer("fuzzer");
        Http http = new Http(rest).as(token);
        String cartId = json.readTree(http.post("/api/carts", null).getBody()).get("cartId").asText();
        http.post("/api/carts/" + cartId + "/items", "{\"sku\": \"MUG-CQRS\", \"quantity\": 1}");
        FuzzRunner.assertNoServerErrors(rest, token, HostileRequests.generate(20261124L, 400, ENDPOINTS, cartId));
    }
}
