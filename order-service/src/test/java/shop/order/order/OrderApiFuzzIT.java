package shop.order.order;

import java.util.List;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;

import shop.contracts.cart.CartCheckedOut.PricedLine;
import shop.contracts.cart.ShippingAddress;
import shop.order.OrderServiceIT;
import shop.order.order.domain.OrderCommands.PlaceOrder;
import shop.testsupport.FuzzRunner;
import shop.testsupport.HostileRequests;
import shop.testsupport.HostileRequests.Endpoint;
import shop.testsupport.TestTokens;

/** Hundreds of generated hostile requests across every order endpoint: none answers 5xx. */
@OrderServiceIT
class OrderApiFuzzIT {

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint(HttpMethod.GET, "/api/orders/{id}", null),
            new Endpoint(HttpMethod.GET, "/api/customers/{id}/orders?page=0&size=5", null),
            new Endpoint(HttpMethod.POST, "/api/orders/{id}/payment", "{\"amount\": 2580, \"currency\": \"EUR\", \"reference\": \"p\"}"),
            new Endpoint(HttpMethod.POST, "/api/orders/{id}/shipment", "{\"carrier\": \"DHL\", \"trackingNumber\": \"T\"}"),
            new Endpoint(HttpMethod.POST, "/api/orders/{id}/cancellation", "{\"reason\": \"because\"}"));

    @Autowired
    TestRestTemplate rest;

    @Autowired
    CommandGateway commands;

    @Test
    void noHostileRequestGetsA5xx() {
        String orderId = UUID.randomUUID().toString();
        commands.sendAndWait(new PlaceOrder(orderId, "cart", "fuzzer", List.of(new PricedLine("MUG", "Mug", 2, 1290)),
                2580, "EUR", new ShippingAddress("A", "S", "C", "P", "DE")));
        String staff = TestTokens.token("fuzzer", "customer", "fulfilment", "ops");
        FuzzRunner.assertNoServerErrors(rest, staff, HostileRequests.generate(20261124L, 400, ENDPOINTS, orderId));
    }
}
