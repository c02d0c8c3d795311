package shop.order.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import shop.contracts.cart.CartCheckedOut.PricedLine;
import shop.contracts.cart.ShippingAddress;
import shop.contracts.view.OrderView;
import shop.contracts.view.ViewKeys;
import shop.order.OrderServiceIT;
import shop.order.order.domain.OrderCommands.PlaceOrder;
import shop.testsupport.Http;
import shop.testsupport.TestTokens;

/** The order API through HTTP: versions on success, problem details with the right status on every error. */
@OrderServiceIT
class OrderApiIT {

    static final long TOTAL = 2 * 1290 + 5490;
    static final List<PricedLine> LINES = List.of(
            new PricedLine("MUG-CQRS", "CQRS mug", 2, 1290),
            new PricedLine("BOOK-DDD", "DDD", 1, 5490));
    static final ShippingAddress ADDRESS = new ShippingAddress("Alice", "Main St 1", "Berlin", "10115", "DE");
    static final String PAYMENT = "{\"amount\": " + TOTAL + ", \"currency\": \"EUR\", \"reference\": \"psp-42\"}";
    static final String SHIPMENT = "{\"carrier\": \"DHL\", \"trackingNumber\": \"JD0001\"}";
    static final String CANCELLATION = "{\"reason\": \"changed my mind\"}";

    @Autowired
    TestRestTemplate rest;

    @Autowired
    ObjectMapper json;

    @Autowired
    CommandGateway commands;

    @Autowired
    StringRedisTemplate redis;

    Http http;

    /** Staff: fulfilment confirms payments and shipments, ops may cancel anything; customers are tested apart. */
    static final String STAFF = TestTokens.token("staff-1", "fulfilment", "ops");

    @BeforeEach
    void setUp() {
        http = new Http(rest).as(STAFF);
    }

    /** Places an order as the checkout consumer would, and answers its id. */
    String placeOrder() {
        String orderId = UUID.randomUUID().toString();
        long version = commands.sendAndWait(new PlaceOrder(orderId, "cart-of-" + orderId, "alice", LINES, TOTAL, "EUR", ADDRESS));
        assertThat(version).isZero();
        return orderId;
    }

    long version(ResponseEntity<String> response) throws Exception {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return json.readTree(response.getBody()).get("version").asLong();
    }

    @Test
    void paymentThenShipmentAnswerTheAggregateVersion() throws Exception {
        String orderId = placeOrder();
        assertThat(version(http.post("/api/orders/" + orderId + "/payment", PAYMENT))).isEqualTo(1);
        assertThat(version(http.post("/api/orders/" + orderId + "/shipment", SHIPMENT))).isEqualTo(2);
    }

    @Test
    void aPlacedOrderCanBeCancelled() throws Exception {
        assertThat(version(http.post("/api/orders/" + placeOrder() + "/cancellation", CANCELLATION))).isEqualTo(1);
    }

    @Test
    void aPaidOrderCanBeCancelled() throws Exception {
        String orderId = placeOrder();
        http.post("/api/orders/" + orderId + "/payment", PAYMENT);
        assertThat(version(http.post("/api/orders/" + orderId + "/cancellation", CANCELLATION))).isEqualTo(2);
    }

    @Test
    void placingAnOrderTwiceIsANoOp() {
        String orderId = placeOrder();
        long again = commands.sendAndWait(new PlaceOrder(orderId, "cart-of-" + orderId, "alice", LINES, TOTAL, "EUR", ADDRESS));
        assertThat(again).isZero();
    }

    static Stream<Arguments> badRequests() {
        String longText = "x".repeat(5000);
        return Stream.of(
                Arguments.of("malformed JSON", "/payment", "{\"amount\": " + TOTAL + ", \"currency\": ", 400, null),
                Arguments.of("amount of the wrong type", "/payment",
                        "{\"amount\": \"lots\", \"currency\": \"EUR\", \"reference\": \"r\"}", 400, "amount"),
                Arguments.of("fractional amount", "/payment",
                        "{\"amount\": 12.5, \"currency\": \"EUR\", \"reference\": \"r\"}", 400, "amount"),
                Arguments.of("huge amount", "/payment",
                        "{\"amount\": 99999999999999999999999, \"currency\": \"EUR\", \"reference\": \"r\"}", 400, "amount"),
                Arguments.of("negative amount", "/payment",
                        "{\"amount\": -1, \"currency\": \"EUR\", \"reference\": \"r\"}", 400, "amount"),
                Arguments.of("missing amount", "/payment", "{\"currency\": \"EUR\", \"reference\": \"r\"}", 400, "amount"),
                Arguments.of("missing currency", "/payment", "{\"amount\": " + TOTAL + ", \"reference\": \"r\"}", 400, "currency"),
                Arguments.of("currency of the wrong type", "/payment",
                        "{\"amount\": " + TOTAL + ", \"currency\": 978, \"reference\": \"r\"}", 400, "currency"),
                Arguments.of("lower-case currency", "/payment",
                        "{\"amount\": " + TOTAL + ", \"currency\": \"eur\", \"reference\": \"r\"}", 400, "currency"),
                Arguments.of("missing reference", "/payment", "{\"amount\": " + TOTAL + ", \"currency\": \"EUR\"}", 400, "reference"),
                Arguments.of("5,000-character reference", "/payment",
                        "{\"amount\": " + TOTAL + ", \"currency\": \"EUR\", \"reference\": \"" + longText + "\"}", 400, "reference"),
                Arguments.of("a JSON array", "/payment", "[]", 400, null),
                Arguments.of("a JSON string", "/payment", "\"x\"", 400, null),
                Arguments.of("no body", "/payment", "", 400, null),
                Arguments.of("missing carrier", "/shipment", "{\"trackingNumber\": \"JD0001\"}", 400, "carrier"),
                Arguments.of("blank tracking number", "/shipment", "{\"carrier\": \"DHL\", \"trackingNumber\": \" \"}", 400, "trackingNumber"),
                Arguments.of("5,000-character carrier", "/shipment",
                        "{\"carrier\": \"" + longText + "\", \"trackingNumber\": \"JD0001\"}", 400, "carrier"),
                Arguments.of("carrier of the wrong type", "/shipment", "{\"carrier\": true, \"trackingNumber\": \"JD0001\"}", 400, "carrier"),
                Arguments.of("shipment as a JSON array", "/shipment", "[]", 400, null),
                Arguments.of("missing reason", "/cancellation", "{}", 400, "reason"),
                Arguments.of("5,000-character reason", "/cancellation", "{\"reason\": \"" + longText + "\"}", 400, "reason"),
                Arguments.of("reason of the wrong type", "/cancellation", "{\"reason\": [\"a\"]}", 400, "reason"),
                Arguments.of("cancellation as a JSON string", "/cancellation", "\"x\"", 400, null),
                Arguments.of("malformed cancellation", "/cancellation", "{\"reason\": ", 400, null));
    }

    @ParameterizedTest(name = "{0} -> {3}")
    @MethodSource("badRequests")
    void aBadRequestGetsAProblemAndChangesNothing(String name, String subPath, String body, int status, String field)
            throws Exception {
        String orderId = placeOrder();

        ResponseEntity<String> response = http.post("/api/orders/" + orderId + subPath, body);

        assertProblem(response, status);
        if (field != null) {
            assertThat(json.readTree(response.getBody()).get("errors").findValuesAsText("field")).contains(field);
        }
        // nothing changed: the order is still PLACED, so a payment gets version 1
        assertThat(version(http.post("/api/orders/" + orderId + "/payment", PAYMENT))).isEqualTo(1);
    }

    @Test
    void aTooLongOrderIdIsABadRequest() {
        String longId = "x".repeat(5000);
        assertProblem(http.post("/api/orders/" + longId + "/payment", PAYMENT), 400);
        assertProblem(http.post("/api/orders/" + longId + "/shipment", SHIPMENT), 400);
        assertProblem(http.post("/api/orders/" + longId + "/cancellation", CANCELLATION), 400);
        assertProblem(http.get("/api/orders/" + longId), 400);
        assertProblem(http.get("/api/customers/" + longId + "/orders"), 400);
    }

    @Test
    void anUnknownOrderIsNotFound() {
        assertProblem(http.post("/api/orders/no-such-order/payment", PAYMENT), 404);
        assertProblem(http.post("/api/orders/no-such-order/shipment", SHIPMENT), 404);
        assertProblem(http.post("/api/orders/no-such-order/cancellation", CANCELLATION), 404);
        assertProblem(http.get("/api/orders/no-such-order"), 404);
    }

    @Test
    void aPaymentOfAnotherAmountOrCurrencyIsRefused() throws Exception {
        String orderId = placeOrder();
        assertProblem(http.post("/api/orders/" + orderId + "/payment",
                "{\"amount\": " + (TOTAL - 1) + ", \"currency\": \"EUR\", \"reference\": \"psp-42\"}"), 409);
        assertProblem(http.post("/api/orders/" + orderId + "/payment",
                "{\"amount\": " + (TOTAL + 1) + ", \"currency\": \"EUR\", \"reference\": \"psp-42\"}"), 409);
        assertProblem(http.post("/api/orders/" + orderId + "/payment",
                "{\"amount\": " + TOTAL + ", \"currency\": \"USD\", \"reference\": \"psp-42\"}"), 409);
        assertThat(version(http.post("/api/orders/" + orderId + "/payment", PAYMENT))).isEqualTo(1);
    }

    @Test
    void transitionsTheStateForbidsAreConflicts() throws Exception {
        String placed = placeOrder();
        assertProblem(http.post("/api/orders/" + placed + "/shipment", SHIPMENT), 409);

        String paid = placeOrder();
        http.post("/api/orders/" + paid + "/payment", PAYMENT);
        assertProblem(http.post("/api/orders/" + paid + "/payment", PAYMENT), 409);

        String shipped = placeOrder();
        http.post("/api/orders/" + shipped + "/payment", PAYMENT);
        http.post("/api/orders/" + shipped + "/shipment", SHIPMENT);
        assertProblem(http.post("/api/orders/" + shipped + "/shipment", SHIPMENT), 409);
        assertProblem(http.post("/api/orders/" + shipped + "/payment", PAYMENT), 409);
        assertProblem(http.post("/api/orders/" + shipped + "/cancellation", CANCELLATION), 409);

        String cancelled = placeOrder();
        assertThat(version(http.post("/api/orders/" + cancelled + "/cancellation", CANCELLATION))).isEqualTo(1);
        assertProblem(http.post("/api/orders/" + cancelled + "/payment", PAYMENT), 409);
        assertProblem(http.post("/api/orders/" + cancelled + "/shipment", SHIPMENT), 409);
        assertProblem(http.post("/api/orders/" + cancelled + "/cancellation", CANCELLATION), 409);
    }

    @Test
    void aRetriedPaymentWithItsIdempotencyKeyIsAnsweredAgainAndAStaleOneRefused() throws Exception {
        String orderId = placeOrder();
        Http retrying = http.withHeader("Idempotency-Key", "pay-" + orderId);
        assertThat(version(retrying.post("/api/orders/" + orderId + "/payment", PAYMENT))).isEqualTo(1);
        ResponseEntity<String> again = retrying.post("/api/orders/" + orderId + "/payment", PAYMENT);
        assertThat(version(again)).isEqualTo(1);
        assertThat(again.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertProblem(retrying.post("/api/orders/" + orderId + "/shipment", SHIPMENT), 422);
        assertProblem(http.withHeader("If-Match", "\"0\"").post("/api/orders/" + orderId + "/shipment", SHIPMENT), 412);
        assertThat(version(http.withHeader("If-Match", "\"1\"").post("/api/orders/" + orderId + "/shipment", SHIPMENT))).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"payment", "shipment", "cancellation"})
    void everyPostAnswersARetryWithItsKeyOnceAndRefusesAnUnauthenticatedOrOversizedOne(String command) throws Exception {
        String orderId = placeOrder();
        if (command.equals("shipment")) {
            http.post("/api/orders/" + orderId + "/payment", PAYMENT);
        }
        String body = Map.of("payment", PAYMENT, "shipment", SHIPMENT, "cancellation", CANCELLATION).get(command);
        String path = "/api/orders/" + orderId + "/" + command;
        Http retrying = http.withHeader("Idempotency-Key", UUID.randomUUID().toString());
        ResponseEntity<String> first = retrying.post(path, body);
        ResponseEntity<String> again = retrying.post(path, body);
        assertThat(again.getStatusCode()).isEqualTo(first.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(again.getBody()).isEqualTo(first.getBody());
        assertThat(again.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertProblem(retrying.post(path, body.replace("}", ", \"extra\": 1}")), 422);
        assertProblem(http.as(null).post(path, body), 401);
        assertProblem(http.post(path, "{\"reason\": \"" + "x".repeat(70_000) + "\"}"), 413);
        assertProblem(http.withHeader("If-Match", "\"0\"").post(path, body), 412);
    }

    @Test
    void publishesItsOpenApiDocumentWithExamples() throws Exception {
        JsonNode api = json.readTree(http.as(null).get("/v3/api-docs").getBody());
        assertThat(api.get("paths").has("/api/orders/{orderId}/payment")).isTrue();
        assertThat(api.findValuesAsText("example")).contains("DHL");
        assertThat(api.get("components").get("securitySchemes").has("bearer")).isTrue();
        JsonNode paths = api.get("paths");
        assertThat(paths.at("/~1api~1orders~1{orderId}~1cancellation/post/responses").fieldNames()).toIterable()
                .contains("200", "400", "401", "403", "404", "409", "412", "422", "503");
        assertThat(paths.at("/~1api~1orders~1{orderId}/get/responses/200/content/application~1json/schema/$ref").asText())
                .endsWith("/OrderView");
        assertThat(paths.at("/~1api~1customers~1{customerId}~1orders/get/responses/200/content/application~1json/schema/$ref")
                .asText()).endsWith("/OrderPage");
        assertThat(api.at("/components/schemas/OrderPage/properties/orders/items/$ref").asText()).endsWith("/OrderView");
    }

    @Test
    void theViewsVersionIsItsETag() {
        String orderId = UUID.randomUUID().toString();
        storeView(orderId, "alice", Instant.now(), 1);
        assertThat(http.get("/api/orders/" + orderId).getHeaders().getETag()).isEqualTo("\"1\"");
    }

    @Test
    void whoMayDoWhat() throws Exception {
        String orderId = placeOrder();
        storeView(orderId, "alice", Instant.now(), 0);
        Http alice = http.as(TestTokens.customer("alice"));
        Http bob = http.as(TestTokens.customer("bob"));
        Http anonymous = http.as(null);

        assertProblem(anonymous.get("/api/orders/" + orderId), 401);
        assertProblem(anonymous.post("/api/orders/" + orderId + "/cancellation", CANCELLATION), 401);
        assertProblem(alice.post("/api/orders/" + orderId + "/payment", PAYMENT), 403);
        assertProblem(alice.post("/api/orders/" + orderId + "/shipment", SHIPMENT), 403);
        assertThat(alice.get("/api/orders/" + orderId).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(alice.get("/api/customers/alice/orders").getStatusCode()).isEqualTo(HttpStatus.OK);
        // another customer's order and history do not exist for bob
        assertProblem(bob.get("/api/orders/" + orderId), 404);
        assertProblem(bob.get("/api/customers/alice/orders"), 404);
        assertProblem(bob.post("/api/orders/" + orderId + "/cancellation", CANCELLATION), 404);
        // waiting for a version of it answers as for an order that does not exist, after the same wait
        assertProblem(bob.get("/api/orders/" + orderId + "?minVersion=0"), 503);
        assertProblem(bob.get("/api/orders/" + UUID.randomUUID() + "?minVersion=0"), 503);
        // a customer who is fulfilment staff too reads every order, but cancels only their own
        Http pickerWhoShops = http.as(TestTokens.token("carol", "customer", "fulfilment"));
        assertThat(pickerWhoShops.get("/api/orders/" + orderId).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertProblem(pickerWhoShops.post("/api/orders/" + orderId + "/cancellation", CANCELLATION), 404);
        // the owner may cancel
        assertThat(version(alice.post("/api/orders/" + orderId + "/cancellation", CANCELLATION))).isEqualTo(1);
    }

    @Test
    void aCommandWhoseAnswerTheClientWouldRefuseIsNotRun() throws Exception {
        String orderId = placeOrder();
        String key = UUID.randomUUID().toString();
        Http payer = http.withHeader("Idempotency-Key", key);

        ResponseEntity<String> refused = payer.withHeader("Accept", "text/csv").post("/api/orders/" + orderId + "/payment", PAYMENT);

        assertProblem(refused, 406);
        // the payment did not run, and its key was not spent on the refusal: the retry runs it
        ResponseEntity<String> paid = payer.post("/api/orders/" + orderId + "/payment", PAYMENT);
        assertThat(paid.getHeaders().getFirst("Idempotent-Replayed")).isNull();
        assertThat(version(paid)).isEqualTo(1);
    }

    @Test
    void servesTheOrderViewFromRedis() throws Exception {
        String orderId = UUID.randomUUID().toString();
        String view = storeView(orderId, "alice", Instant.parse("2025-01-02T03:04:05Z"), 1);

        ResponseEntity<String> response = http.get("/api/orders/" + orderId);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
        assertThat(response.getBody()).isEqualTo(view);
        assertThat(json.readValue(response.getBody(), OrderView.class).status()).isEqualTo(OrderView.Status.PAID);

        assertThat(http.get("/api/orders/" + orderId + "?minVersion=0").getBody()).isEqualTo(view);
        assertThat(http.get("/api/orders/" + orderId + "?minVersion=1").getBody()).isEqualTo(view);
    }

    @Test
    void aViewThatHasNotCaughtUpIsA503AndABadMinVersionA400() {
        String orderId = UUID.randomUUID().toString();
        storeView(orderId, "alice", Instant.now(), 1);
        ResponseEntity<String> response = http.get("/api/orders/" + orderId + "?minVersion=2");
        assertProblem(response, 503);
        assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo("1");
        assertProblem(http.get("/api/orders/" + orderId + "?minVersion=-1"), 400);
        assertProblem(http.get("/api/orders/" + orderId + "?minVersion=abc"), 400);
    }

    @Test
    void listsACustomersOrdersNewestFirstByPage() throws Exception {
        String customerId = "customer-" + UUID.randomUUID();
        Instant start = Instant.parse("2025-03-01T10:00:00Z");
        // stored out of order on purpose: the sorted set's score orders them
        List<Integer> minutes = List.of(3, 0, 4, 1, 2);
        Map<Integer, String> idByMinute = new java.util.TreeMap<>();
        for (int minute : minutes) {
            String orderId = UUID.randomUUID().toString();
            idByMinute.put(minute, orderId);
            storeView(orderId, customerId, start.plusSeconds(60L * minute), 0);
        }

        JsonNode first = page(customerId, "?page=0&size=2");
        assertThat(orderIds(first)).containsExactly(idByMinute.get(4), idByMinute.get(3));
        assertThat(first.get("page").asInt()).isZero();
        assertThat(first.get("size").asInt()).isEqualTo(2);
        assertThat(first.get("totalElements").asLong()).isEqualTo(5);
        assertThat(first.get("totalPages").asLong()).isEqualTo(3);
        assertThat(first.get("orders").get(0).get("customerId").asText()).isEqualTo(customerId);
        assertThat(first.get("orders").get(0).get("lines")).hasSize(2);

        assertThat(orderIds(page(customerId, "?page=1&size=2"))).containsExactly(idByMinute.get(2), idByMinute.get(1));
        assertThat(orderIds(page(customerId, "?page=2&size=2"))).containsExactly(idByMinute.get(0));
        JsonNode beyond = page(customerId, "?page=3&size=2");
        assertThat(orderIds(beyond)).isEmpty();
        assertThat(beyond.get("totalElements").asLong()).isEqualTo(5);

        JsonNode defaults = page(customerId, "");
        assertThat(orderIds(defaults)).containsExactly(idByMinute.get(4), idByMinute.get(3), idByMinute.get(2),
                idByMinute.get(1), idByMinute.get(0));
        assertThat(defaults.get("page").asInt()).isZero();
        assertThat(defaults.get("size").asInt()).isEqualTo(20);
        assertThat(defaults.get("totalPages").asLong()).isEqualTo(1);
        assertThat(orderIds(page(customerId, "?page=0&size=100"))).hasSize(5);
        assertThat(orderIds(page(customerId, "?page=0&size=1"))).containsExactly(idByMinute.get(4));
    }

    @Test
    void aCustomerWithoutOrdersHasAnEmptyList() throws Exception {
        JsonNode empty = page("customer-" + UUID.randomUUID(), "");
        assertThat(empty.get("orders")).isEmpty();
        assertThat(empty.get("totalElements").asLong()).isZero();
        assertThat(empty.get("totalPages").asLong()).isZero();
    }

    @Test
    void aPageOutsideItsLimitsIsABadRequest() throws Exception {
        for (String query : List.of("?size=0", "?size=101", "?page=-1", "?size=-5", "?page=abc", "?size=1.5",
                "?page=99999999999")) {
            ResponseEntity<String> response = http.get("/api/customers/alice/orders" + query);
            assertProblem(response, 400);
        }
        assertThat(json.readTree(http.get("/api/customers/alice/orders?size=101").getBody())
                .get("errors").findValuesAsText("field")).contains("size");
        assertThat(json.readTree(http.get("/api/customers/alice/orders?page=-1").getBody())
                .get("errors").findValuesAsText("field")).contains("page");
    }

    private JsonNode page(String customerId, String query) throws Exception {
        ResponseEntity<String> response = http.get("/api/customers/" + customerId + "/orders" + query);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
        return json.readTree(response.getBody());
    }

    private static List<String> orderIds(JsonNode page) {
        return page.get("orders").findValuesAsText("orderId");
    }

    /** The key of {@code id}'s view in the generation readers use now. */
    private String currentKey(ViewKeys.Family family, String id) {
        return family.key(ViewKeys.generation(redis.opsForHash().get(family.control(), ViewKeys.CURRENT_FIELD)), id);
    }

    /** Writes what the projector would: the view hash and the order's entry in its customer's sorted set. */
    private String storeView(String orderId, String customerId, Instant placedAt, long version) {
        OrderView view = new OrderView(orderId, "cart-of-" + orderId, customerId,
                version == 0 ? OrderView.Status.PLACED : OrderView.Status.PAID, LINES, TOTAL, "EUR", ADDRESS,
                version == 0 ? null : new OrderView.Payment(TOTAL, "EUR", "psp-42"), null, null,
                new OrderView.Timestamps(placedAt, version == 0 ? null : placedAt.plusSeconds(5), null, null), version);
        try {
            String viewJson = json.writeValueAsString(view);
            redis.opsForHash().putAll(currentKey(ViewKeys.Family.ORDERS, orderId),
                    Map.of(ViewKeys.JSON_FIELD, viewJson, ViewKeys.VERSION_FIELD, Long.toString(version)));
            redis.opsForZSet().add(currentKey(ViewKeys.Family.CUSTOMER_ORDERS, customerId), orderId, placedAt.toEpochMilli());
            return viewJson;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertProblem(ResponseEntity<String> response, int status) {
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody()).contains("\"status\":" + status);
    }
}
