package shop.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

import shop.testsupport.SharedContainers;
import shop.testsupport.TestTokens;
import shop.tools.verify.ViewVerifier;

/**
 * A cart's whole journey through the real processes: HTTP → Cart aggregate → PostgreSQL event store →
 * relay → Kafka → cache-projector → Redis → HTTP.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the fault tests, which kill processes, come last
class CartJourneyIT {

    static ServiceProcess cartService;
    static ServiceProcess projector;
    static ServiceProcess orderService;

    @BeforeAll
    static void startTheShop() {
        SharedContainers.start();
        cartService = ServiceProcess.start("cart-service");
        orderService = ServiceProcess.start("order-service");
        projector = ServiceProcess.start("cache-projector");
    }

    @AfterAll
    static void stopTheShop() {
        for (ServiceProcess service : new ServiceProcess[]{projector, orderService, cartService}) {
            if (service != null) {
                service.stop();
            }
        }
    }

    static final String CUSTOMER = "journey-" + System.nanoTime();
    static final String TOKEN = TestTokens.customer(CUSTOMER);
    static final String FULFILMENT = TestTokens.token("picker-1", "fulfilment");

    static JsonNode call(String method, String path, String body, int expectedStatus) throws Exception {
        return call(cartService, TOKEN, method, path, body, expectedStatus);
    }

    static JsonNode call(ServiceProcess service, String token, String method, String path, String body,
                         int expectedStatus) throws Exception {
        return Api.call(service, token, method, path, body, expectedStatus);
    }

    static JsonNode awaitView(ServiceProcess service, String path) throws Exception {
        return Api.awaitView(service, TOKEN, path);
    }

    static HttpResponse<String> awaitViewResponse(ServiceProcess service, String path) throws Exception {
        return Api.awaitViewResponse(service, TOKEN, path);
    }

    @Test
    @Order(1)
    void aCartTravelsThePipelineAndIsReadBackFromRedis() throws Exception {
        String cartId = call("POST", "/api/carts", null, 201).get("cartId").asText();
        call("POST", "/api/carts/" + cartId + "/items", "{\"sku\": \"MUG-CQRS\", \"quantity\": 2}", 200);
        call("POST", "/api/carts/" + cartId + "/items", "{\"sku\": \"BOOK-DDD\", \"quantity\": 1}", 200);
        call("POST", "/api/carts/" + cartId + "/items", "{\"sku\": \"PEN-GEL\", \"quantity\": 4}", 200);
        call("PUT", "/api/carts/" + cartId + "/items/MUG-CQRS", "{\"quantity\": 3}", 200);
        call("DELETE", "/api/carts/" + cartId + "/items/PEN-GEL", null, 200);
        JsonNode checkedOut = call("POST", "/api/carts/" + cartId + "/checkout", """
                {"shippingAddress": {"name": "J", "street": "S 1", "city": "C", "postalCode": "1", "country": "NL"}}""", 202);
        long version = checkedOut.get("version").asLong();
        String orderId = checkedOut.get("orderId").asText();
        assertThat(version).isEqualTo(6);

        // read-your-writes: the query waits until the projector has applied the checkout
        assertThat(awaitView(cartService, "/api/carts/" + cartId + "?minVersion=" + version).get("version").asLong())
                .isEqualTo(version);
        JsonNode view = call("GET", "/api/carts/" + cartId, null, 200);
        assertThat(view.get("version").asLong()).isEqualTo(version);
        assertThat(view.get("cartId").asText()).isEqualTo(cartId);
        assertThat(view.get("customerId").asText()).isEqualTo(CUSTOMER);
        assertThat(view.get("status").asText()).isEqualTo("CHECKED_OUT");
        assertThat(view.get("currency").asText()).isEqualTo("EUR");
        assertThat(view.get("lines")).hasSize(2);
        JsonNode mugs = view.get("lines").get(0);
        assertThat(mugs.get("sku").asText()).isEqualTo("MUG-CQRS");
        assertThat(mugs.get("name").asText()).isEqualTo("CQRS mug");
        assertThat(mugs.get("quantity").asInt()).isEqualTo(3);
        assertThat(mugs.get("unitPrice").asLong()).isEqualTo(1290);
        assertThat(mugs.get("lineTotal").asLong()).isEqualTo(3870);
        JsonNode book = view.get("lines").get(1);
        assertThat(book.get("sku").asText()).isEqualTo("BOOK-DDD");
        assertThat(book.get("lineTotal").asLong()).isEqualTo(5490);
        assertThat(view.get("total").asLong()).isEqualTo(3870 + 5490);

        // the checkout crosses to order-service through Kafka only, and the order is sold
        JsonNode placed = awaitView(orderService, "/api/orders/" + orderId + "?minVersion=0");
        assertThat(placed.get("status").asText()).isEqualTo("PLACED");
        assertThat(placed.get("total").asLong()).isEqualTo(3870 + 5490);
        assertThat(placed.get("shippingAddress").get("country").asText()).isEqualTo("NL");
        call(orderService, TOKEN, "POST", "/api/orders/" + orderId + "/payment",
                "{\"amount\": 9360, \"currency\": \"EUR\", \"reference\": \"pay-1\"}", 403);
        assertThat(call(orderService, FULFILMENT, "POST", "/api/orders/" + orderId + "/payment",
                "{\"amount\": 9360, \"currency\": \"EUR\", \"reference\": \"pay-1\"}", 200).get("version").asLong()).isEqualTo(1);
        assertThat(call(orderService, FULFILMENT, "POST", "/api/orders/" + orderId + "/shipment",
                "{\"carrier\": \"DHL\", \"trackingNumber\": \"TRACK-1\"}", 200).get("version").asLong()).isEqualTo(2);
        JsonNode shipped = awaitView(orderService, "/api/orders/" + orderId + "?minVersion=2");
        assertThat(shipped.get("status").asText()).isEqualTo("SHIPPED");
        assertThat(shipped.get("timestamps").get("placedAt").asText()).isNotBlank();
        assertThat(shipped.get("timestamps").get("paidAt").asText()).isNotBlank();
        assertThat(shipped.get("timestamps").get("shippedAt").asText()).isNotBlank();
        JsonNode history = call(orderService, TOKEN, "GET", "/api/customers/" + CUSTOMER + "/orders", null, 200);
        assertThat(history.get("orders").get(0).get("orderId").asText()).isEqualTo(orderId);

        // the views equal a fold of the event store, and a corrupted one is caught
        ViewVerifier verifier = new ViewVerifier(SharedContainers.POSTGRES.getJdbcUrl(), SharedContainers.POSTGRES.getUsername(),
                SharedContainers.POSTGRES.getPassword(), "redis://" + SharedContainers.redisHost() + ":" + SharedContainers.redisPort());
        assertThat(verifier.verify(cartId, null).lastLine()).isEqualTo("verify: 1 views checked, 0 drifted");
        // the order's view and its entry in its customer's list
        assertThat(verifier.verify(orderId, null).lastLine()).isEqualTo("verify: 2 views checked, 0 drifted");
        try (var redis = io.lettuce.core.RedisClient.create("redis://" + SharedContainers.redisHost() + ":"
                + SharedContainers.redisPort()).connect()) {
            var orders = shop.contracts.view.ViewKeys.Family.ORDERS;
            String key = orders.key(shop.contracts.view.ViewKeys.generation(
                    redis.sync().hget(orders.control(), shop.contracts.view.ViewKeys.CURRENT_FIELD)), orderId);
            String json = redis.sync().hget(key, "json");
            redis.sync().hset(key, "json", json.replace("\"SHIPPED\"", "\"CANCELLED\""));
            ViewVerifier.Report report = verifier.verify(orderId, null);
            assertThat(report.lastLine()).isEqualTo("verify: 2 views checked, 1 drifted");
            assertThat(report.drifted().get(0).actual()).contains("CANCELLED");
            redis.sync().hset(key, "json", json);

            // an order missing from its customer's list is drift too
            var lists = shop.contracts.view.ViewKeys.Family.CUSTOMER_ORDERS;
            String list = lists.key(shop.contracts.view.ViewKeys.generation(
                    redis.sync().hget(lists.control(), shop.contracts.view.ViewKeys.CURRENT_FIELD)), CUSTOMER);
            Double placedAt = redis.sync().zscore(list, orderId);
            redis.sync().zrem(list, orderId);
            for (String scope : new String[]{orderId, null}) {
                ViewVerifier.Report withoutIt = verifier.verify(scope, null);
                assertThat(withoutIt.drifted()).as(withoutIt.lastLine()).extracting(ViewVerifier.Drift::key).containsExactly(list);
            }
            redis.sync().zadd(list, placedAt, orderId);
            assertThat(verifier.verify(orderId, null).lastLine()).isEqualTo("verify: 2 views checked, 0 drifted");
        }
    }

    @Test
    @Order(3)
    void orderServiceKilledAroundACheckoutStillPlacesExactlyOneOrder() throws Exception {
        for (long killAfterMillis : new long[]{0, 150}) {
            String cartId = call("POST", "/api/carts", null, 201).get("cartId").asText();
            call("POST", "/api/carts/" + cartId + "/items", "{\"sku\": \"TEA-GREEN\", \"quantity\": 1}", 200);
            String orderId = call("POST", "/api/carts/" + cartId + "/checkout", """
                    {"shippingAddress": {"name": "K", "street": "S 1", "city": "C", "postalCode": "1", "country": "FR"}}""", 202)
                    .get("orderId").asText();
            Thread.sleep(killAfterMillis);
            orderService.kill();
            orderService.launch();

            // a killed consumer stays in its group until its session times out; then the new one takes over
            JsonNode order = awaitView(orderService, "/api/orders/" + orderId + "?minVersion=0");
            assertThat(order.get("status").asText()).isEqualTo("PLACED");
            try (var connection = java.sql.DriverManager.getConnection(SharedContainers.POSTGRES.getJdbcUrl(),
                    SharedContainers.POSTGRES.getUsername(), SharedContainers.POSTGRES.getPassword());
                 var query = connection.prepareStatement(
                         "select count(*) from orders.domainevententry where aggregateidentifier = ?")) {
                query.setString(1, orderId);
                try (var rows = query.executeQuery()) {
                    rows.next();
                    assertThat(rows.getLong(1)).as("events of order %s killed after %d ms", orderId, killAfterMillis).isOne();
                }
            }
        }
    }

    @Test
    @Order(2)
    void aViewAnswersItsVersionAsETag() throws Exception {
        String cartId = call("POST", "/api/carts", null, 201).get("cartId").asText();
        HttpResponse<String> view = awaitViewResponse(cartService, "/api/carts/" + cartId + "?minVersion=0");
        assertThat(view.headers().firstValue("ETag")).contains("\"0\"");
    }

    @Test
    @Order(4)
    void aProjectorKilledWhileCatchingUpLeavesNoViewDrifted() throws Exception {
        projector.kill();
        // a backlog for the projector: 40 carts with 12 more events each, written while no projector runs
        java.util.List<String> carts = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            carts.add(call("POST", "/api/carts", null, 201).get("cartId").asText());
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Callable<Object>> writes = new java.util.ArrayList<>();
            for (String cart : carts) {
                writes.add(() -> {
                    for (int n = 0; n < 12; n++) {
                        call("POST", "/api/carts/" + cart + "/items",
                                "{\"sku\": \"" + (n % 2 == 0 ? "PEN-GEL" : "MUG-ES") + "\", \"quantity\": 1}", 200);
                    }
                    return null;
                });
            }
            for (var write : pool.invokeAll(writes)) {
                write.get();
            }
        } finally {
            pool.shutdownNow();
        }
        // start a worker, let it get into the backlog, and kill it without warning
        projector.launch();
        Thread.sleep(400);
        projector.kill();
        projector.launch();

        for (String cart : carts) {
            assertThat(awaitView(cartService, "/api/carts/" + cart + "?minVersion=12").get("version").asLong()).isEqualTo(12);
        }
        ViewVerifier.Report report = new ViewVerifier(SharedContainers.POSTGRES.getJdbcUrl(),
                SharedContainers.POSTGRES.getUsername(), SharedContainers.POSTGRES.getPassword(),
                "redis://" + SharedContainers.redisHost() + ":" + SharedContainers.redisPort()).verify(null, null);
        assertThat(report.drifted()).as(report.lastLine()).isEmpty();
        assertThat(report.checked()).isGreaterThanOrEqualTo(carts.size());
    }
}
