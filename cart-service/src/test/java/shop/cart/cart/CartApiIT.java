package shop.cart.cart;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import shop.cart.CartServiceIT;
import shop.contracts.view.ViewKeys;
import shop.platform.view.ViewReader;
import shop.testsupport.Http;
import shop.testsupport.TestTokens;

/** The cart API through HTTP: versions on success, problem details with the right status on every error. */
@CartServiceIT
class CartApiIT {

    static final String ADDRESS = """
            {"shippingAddress": {"name": "Alice", "street": "Main St 1", "city": "Berlin", "postalCode": "10115", "country": "DE"}}""";

    @Autowired
    TestRestTemplate rest;

    @Autowired
    ObjectMapper json;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    ViewReader views;

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(rest);
    }

    String openCart() throws Exception {
        ResponseEntity<String> created = http.post("/api/carts", "{\"customerId\": \"alice\"}");
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return json.readTree(created.getBody()).get("cartId").asText();
    }

    long version(ResponseEntity<String> response) throws Exception {
        return json.readTree(response.getBody()).get("version").asLong();
    }

    @Test
    void everyCommandAnswersTheAggregateVersion() throws Exception {
        ResponseEntity<String> created = http.post("/api/carts", "{\"customerId\": \"alice\"}");
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JsonNode body = json.readTree(created.getBody());
        String cartId = body.get("cartId").asText();
        assertThat(created.getHeaders().getLocation()).hasToString("/api/carts/" + cartId);
        assertThat(body.get("version").asLong()).isZero();

        assertThat(version(http.post("/api/carts/" + cartId + "/items", "{\"sku\": \"MUG-CQRS\", \"quantity\": 2}"))).isEqualTo(1);
        assertThat(version(http.post("/api/carts/" + cartId + "/items", "{\"sku\": \"BOOK-DDD\", \"quantity\": 1}"))).isEqualTo(2);
        assertThat(version(http.send(HttpMethod.PUT, "/api/carts/" + cartId + "/items/MUG-CQRS", "{\"quantity\": 3}"))).isEqualTo(3);
        assertThat(version(http.send(HttpMethod.DELETE, "/api/carts/" + cartId + "/items/BOOK-DDD", null))).isEqualTo(4);
        ResponseEntity<String> checkedOut = http.post("/api/carts/" + cartId + "/checkout", ADDRESS);
        assertThat(checkedOut.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(version(checkedOut)).isEqualTo(5);
        assertThat(json.readTree(checkedOut.getBody()).get("orderId").asText()).hasSize(36);
    }

    static Stream<Arguments> badRequests() {
        String longSku = "X".repeat(5000);
        return Stream.of(
                Arguments.of("malformed JSON", HttpMethod.POST, "/items", "{\"sku\": \"MUG-CQRS\", \"quantity\": ", 400, null),
                Arguments.of("quantity of the wrong type", HttpMethod.POST, "/items", "{\"sku\": \"MUG-CQRS\", \"quantity\": \"two\"}", 400, "quantity"),
                Arguments.of("fractional quantity", HttpMethod.POST, "/items", "{\"sku\": \"MUG-CQRS\", \"quantity\": 1.5}", 400, "quantity"),
                Arguments.of("missing quantity", HttpMethod.POST, "/items", "{\"sku\": \"MUG-CQRS\"}", 400, "quantity"),
                Arguments.of("missing sku", HttpMethod.POST, "/items", "{\"quantity\": 1}", 400, "sku"),
                Arguments.of("quantity 0", HttpMethod.POST, "/items", "{\"sku\": \"MUG-CQRS\", \"quantity\": 0}", 400, "quantity"),
                Arguments.of("quantity 100", HttpMethod.POST, "/items", "{\"sku\": \"MUG-CQRS\", \"quantity\": 100}", 400, "quantity"),
                Arguments.of("huge quantity", HttpMethod.POST, "/items", "{\"sku\": \"MUG-CQRS\", \"quantity\": 99999999999999999999}", 400, "quantity"),
                Arguments.of("5,000-character sku", HttpMethod.POST, "/items", "{\"sku\": \"" + longSku + "\", \"quantity\": 1}", 400, "sku"),
                Arguments.of("sku with a NUL character", HttpMethod.POST, "/items", "{\"sku\": \"MUG-CQRS\\u0000\", \"quantity\": 1}", 400, "sku"),
                Arguments.of("a JSON array", HttpMethod.POST, "/items", "[]", 400, null),
                Arguments.of("a JSON string", HttpMethod.POST, "/items", "\"x\"", 400, null),
                Arguments.of("no body", HttpMethod.POST, "/items", "", 400, null),
                Arguments.of("unknown sku", HttpMethod.POST, "/items", "{\"sku\": \"NO-SUCH-SKU\", \"quantity\": 1}", 404, null),
                Arguments.of("negative quantity change", HttpMethod.PUT, "/items/MUG-CQRS", "{\"quantity\": -1}", 400, "quantity"),
                Arguments.of("quantity change of the wrong type", HttpMethod.PUT, "/items/MUG-CQRS", "{\"quantity\": true}", 400, "quantity"),
                Arguments.of("change of a sku not in the cart", HttpMethod.PUT, "/items/BOOK-DDD", "{\"quantity\": 1}", 404, null),
                Arguments.of("removal of a sku not in the cart", HttpMethod.DELETE, "/items/BOOK-DDD", null, 404, null),
                Arguments.of("5,000-character sku in the path", HttpMethod.DELETE, "/items/" + longSku, null, 400, null),
                Arguments.of("checkout without address", HttpMethod.POST, "/checkout", "{}", 400, "shippingAddress"),
                Arguments.of("checkout with a blank city", HttpMethod.POST, "/checkout",
                        ADDRESS.replace("\"Berlin\"", "\"\""), 400, "shippingAddress.city"),
                Arguments.of("checkout with a bad country", HttpMethod.POST, "/checkout",
                        ADDRESS.replace("\"DE\"", "\"Germany\""), 400, "shippingAddress.country"),
                Arguments.of("checkout with a name given twice", HttpMethod.POST, "/checkout",
                        ADDRESS.replace("\"name\": \"Alice\"", "\"name\": \"Alice\", \"name\": \"Bob\""), 400, "shippingAddress.name"),
                Arguments.of("checkout with an address of the wrong shape", HttpMethod.POST, "/checkout",
                        "{\"shippingAddress\": [1, 2]}", 400, "shippingAddress"));
    }

    @ParameterizedTest(name = "{0} -> {4}")
    @MethodSource("badRequests")
    void aBadRequestGetsAProblemAndChangesNothing(String name, HttpMethod method, String subPath, String body,
                                                  int status, String field) throws Exception {
        String cartId = openCart();
        http.post("/api/carts/" + cartId + "/items", "{\"sku\": \"MUG-CQRS\", \"quantity\": 1}");

        ResponseEntity<String> response = http.send(method, "/api/carts/" + cartId + subPath, body);

        assertProblem(response, status);
        if (field != null) {
            assertThat(json.readTree(response.getBody()).get("errors").findValuesAsText("field")).contains(field);
        }
        // nothing changed: the next command still gets version 2
        assertThat(version(http.post("/api/carts/" + cartId + "/items", "{\"sku\": \"MUG-ES\", \"quantity\": 1}"))).isEqualTo(2);
    }

    @Test
    void theCustomerIsTheTokensSubject() throws Exception {
        assertThat(http.post("/api/carts", null).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(http.post("/api/carts", "{}").getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertProblem(http.post("/api/carts", "{\"customerId\": \"bob\"}"), 403);
    }

    @Test
    void withoutAValidTokenNothingButTheCatalogAnswers() throws Exception {
        String cartId = openCart();
        Http anonymous = http.as(null);
        assertProblem(anonymous.post("/api/carts", "{}"), 401);
        assertProblem(anonymous.get("/api/carts/" + cartId), 401);
        assertProblem(anonymous.post("/api/carts/" + cartId + "/items", "{\"sku\": \"MUG-CQRS\", \"quantity\": 1}"), 401);
        assertProblem(anonymous.send(HttpMethod.PUT, "/api/carts/" + cartId + "/items/MUG-CQRS", "{\"quantity\": 2}"), 401);
        assertProblem(anonymous.send(HttpMethod.DELETE, "/api/carts/" + cartId + "/items/MUG-CQRS", null), 401);
        assertProblem(anonymous.post("/api/carts/" + cartId + "/checkout", ADDRESS), 401);
        assertProblem(anonymous.send(HttpMethod.PUT, "/api/products/MUG-CQRS/price", "{\"unitPrice\": 1}"), 401);
        assertProblem(http.as("not-a-jwt").get("/api/carts/" + cartId), 401);
        assertThat(anonymous.get("/api/products/MUG-CQRS").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(anonymous.get("/actuator/health/readiness").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertProblem(anonymous.get("/actuator/prometheus"), 401);
        assertProblem(http.get("/actuator/prometheus"), 403);
        assertThat(http.as(TestTokens.token("ops-1", "ops")).get("/actuator/prometheus").getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void aHeaderWithAControlCharacterIsRefusedAsAProblem() throws Exception {
        // Tomcat passes bytes 0x80-0xFF of a header value on as they are; U+0085 is a control character, which
        // the security firewall (its header rules are the service's own, HeaderCharacters) refuses when the
        // header is read, as the bearer token's is on every request
        String response = raw("GET /api/products/MUG-CQRS HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer a\u0085b\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 400").contains("application/problem+json");
        assertThat(http.as(null).get("/api/products/MUG-CQRS").getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void anotherCustomersCartDoesNotExistForYou() throws Exception {
        String cartId = openCart();
        http.post("/api/carts/" + cartId + "/items", "{\"sku\": \"MUG-CQRS\", \"quantity\": 1}");
        Http bob = http.as(TestTokens.customer("bob"));
        assertProblem(bob.post("/api/carts/" + cartId + "/items", "{\"sku\": \"MUG-CQRS\", \"quantity\": 1}"), 404);
        assertProblem(bob.send(HttpMethod.PUT, "/api/carts/" + cartId + "/items/MUG-CQRS", "{\"quantity\": 2}"), 404);
        assertProblem(bob.send(HttpMethod.DELETE, "/api/carts/" + cartId + "/items/MUG-CQRS", null), 404);
        assertProblem(bob.post("/api/carts/" + cartId + "/checkout", ADDRESS), 404);
        // word for word what a cart that does not exist gets
        String unknown = UUID.randomUUID().toString();
        String add = "{\"sku\": \"MUG-CQRS\", \"quantity\": 1}";
        assertThat(json.readTree(bob.post("/api/carts/" + cartId + "/items", add).getBody()).get("detail").asText())
                .isEqualTo(json.readTree(bob.post("/api/carts/" + unknown + "/items", add).getBody()).get("detail").asText()
                        .replace(unknown, cartId));
        // alice's cart is untouched
        assertThat(version(http.post("/api/carts/" + cartId + "/items", "{\"sku\": \"MUG-ES\", \"quantity\": 1}"))).isEqualTo(2);
    }

    @Test
    void aTokenWithoutTheCustomerRoleMayNotShop() {
        assertProblem(http.as(TestTokens.token("picker-1", "fulfilment")).post("/api/carts", "{}"), 403);
    }

    @Test
    void openingACartRefusesAMalformedCustomerId() {
        assertProblem(http.post("/api/carts", "{\"customerId\": 42}"), 400);
        assertProblem(http.post("/api/carts", "{\"customerId\": \"" + "a".repeat(5000) + "\"}"), 400);
        assertProblem(http.post("/api/carts", "[]"), 400);
    }

    @Test
    void anUnknownCartIsNotFound() {
        assertProblem(http.post("/api/carts/no-such-cart/items", "{\"sku\": \"MUG-CQRS\", \"quantity\": 1}"), 404);
        assertProblem(http.post("/api/carts/no-such-cart/checkout", ADDRESS), 404);
        assertProblem(http.get("/api/carts/no-such-cart"), 404);
    }

    @Test
    void aViewThatHasNotCaughtUpIsA503WithRetryAfterNotStaleData() throws Exception {
        // no projector runs in this test context, so no view ever reaches the version asked for
        ResponseEntity<String> response = http.get("/api/carts/" + openCart() + "?minVersion=0");
        assertProblem(response, 503);
        assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo("1");
        assertProblem(http.get("/api/carts/" + openCart() + "?minVersion=abc"), 400);
        assertProblem(http.get("/api/carts/" + openCart() + "?minVersion=-1"), 400);
    }

    @Test
    void publishesItsOpenApiDocumentWithExamplesAndSwaggerUi() throws Exception {
        JsonNode api = json.readTree(http.get("/v3/api-docs").getBody());
        assertThat(api.get("openapi").asText()).startsWith("3.");
        assertThat(api.get("paths").has("/api/carts/{cartId}/items")).isTrue();
        assertThat(api.findValuesAsText("example")).contains("MUG-CQRS");
        assertThat(http.get("/swagger-ui/index.html").getStatusCode()).isEqualTo(HttpStatus.OK);

        // what the API really answers: its success codes, the platform's problems, the headers it reads and writes
        JsonNode paths = api.get("paths");
        assertThat(paths.at("/~1api~1carts/post/responses").fieldNames()).toIterable().contains("201").doesNotContain("200");
        assertThat(paths.at("/~1api~1carts~1{cartId}~1checkout/post/responses").fieldNames()).toIterable().contains("202").doesNotContain("200");
        JsonNode addItem = paths.at("/~1api~1carts~1{cartId}~1items/post");
        assertThat(addItem.get("responses").fieldNames()).toIterable()
                .contains("200", "400", "401", "403", "404", "406", "409", "412", "413", "415", "422", "503");
        assertThat(addItem.at("/responses/409/content").has("application/problem+json")).isTrue();
        assertThat(addItem.get("parameters").findValuesAsText("name")).contains("Idempotency-Key", "If-Match");
        JsonNode view = paths.at("/~1api~1carts~1{cartId}/get/responses/200");
        assertThat(view.at("/content/application~1json/schema/$ref").asText()).endsWith("/CartView");
        assertThat(view.get("headers").has("ETag")).isTrue();
        // the catalog is public, and the container's error page is not part of the API
        assertThat(paths.at("/~1api~1products/get/security").isArray()).isTrue();
        assertThat(paths.at("/~1api~1products/get/security")).isEmpty();
        assertThat(paths.at("/~1api~1products/get/responses").has("401")).isFalse();
        assertThat(paths.has("/error")).isFalse();
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyGetsTheFirstAnswerAndChangesNothing() throws Exception {
        String key = java.util.UUID.randomUUID().toString();
        ResponseEntity<String> first = http.withHeader("Idempotency-Key", key).post("/api/carts", null);
        ResponseEntity<String> again = http.withHeader("Idempotency-Key", key).post("/api/carts", null);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(again.getBody()).isEqualTo(first.getBody());
        assertThat(again.getHeaders().getLocation()).isEqualTo(first.getHeaders().getLocation());
        assertThat(again.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        String cartId = json.readTree(first.getBody()).get("cartId").asText();

        String addKey = java.util.UUID.randomUUID().toString();
        String add = "{\"sku\": \"MUG-CQRS\", \"quantity\": 1}";
        assertThat(version(http.withHeader("Idempotency-Key", addKey).post("/api/carts/" + cartId + "/items", add))).isEqualTo(1);
        assertThat(version(http.withHeader("Idempotency-Key", addKey).post("/api/carts/" + cartId + "/items", add))).isEqualTo(1);
        // the same key with another body is refused, and nothing was applied twice
        assertProblem(http.withHeader("Idempotency-Key", addKey).post("/api/carts/" + cartId + "/items",
                "{\"sku\": \"MUG-CQRS\", \"quantity\": 2}"), 422);
        assertThat(version(http.post("/api/carts/" + cartId + "/items", add))).isEqualTo(2);
        // a key belongs to its caller: bob's same key is his own request
        assertThat(http.as(TestTokens.customer("bob")).withHeader("Idempotency-Key", key).post("/api/carts", null)
                .getHeaders().getFirst("Idempotent-Replayed")).isNull();
        assertProblem(http.withHeader("Idempotency-Key", "k".repeat(300)).post("/api/carts", null), 400);
    }

    @Test
    void aRetriedCheckoutWithItsKeyIsAnsweredOnceMore() throws Exception {
        String cartId = openCart();
        http.post("/api/carts/" + cartId + "/items", "{\"sku\": \"MUG-CQRS\", \"quantity\": 1}");
        Http retrying = http.withHeader("Idempotency-Key", java.util.UUID.randomUUID().toString());
        ResponseEntity<String> first = retrying.post("/api/carts/" + cartId + "/checkout", ADDRESS);
        ResponseEntity<String> again = retrying.post("/api/carts/" + cartId + "/checkout", ADDRESS);
        assertThat(again.getStatusCode()).isEqualTo(first.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(again.getBody()).isEqualTo(first.getBody());
        assertThat(again.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        // without the key, a second checkout is what it is: refused
        assertProblem(http.post("/api/carts/" + cartId + "/checkout", ADDRESS), 409);
    }

    @Test
    void aCommandForAStaleVersionIsRefusedWith412() throws Exception {
        String cartId = openCart();
        String add = "{\"sku\": \"MUG-CQRS\", \"quantity\": 1}";
        assertThat(version(http.withHeader("If-Match", "\"0\"").post("/api/carts/" + cartId + "/items", add))).isEqualTo(1);
        assertProblem(http.withHeader("If-Match", "\"0\"").post("/api/carts/" + cartId + "/items", add), 412);
        assertProblem(http.withHeader("If-Match", "\"0\"").send(HttpMethod.PUT, "/api/carts/" + cartId + "/items/MUG-CQRS",
                "{\"quantity\": 5}"), 412);
        assertProblem(http.withHeader("If-Match", "\"0\"").send(HttpMethod.DELETE, "/api/carts/" + cartId + "/items/MUG-CQRS", null), 412);
        assertProblem(http.withHeader("If-Match", "\"0\"").post("/api/carts/" + cartId + "/checkout", ADDRESS), 412);
        assertProblem(http.withHeader("If-Match", "three").post("/api/carts/" + cartId + "/items", add), 400);
        // If-Match compares strongly (RFC 9110): a weak ETag matches no version, not even the current one
        assertProblem(http.withHeader("If-Match", "W/\"1\"").post("/api/carts/" + cartId + "/items", add), 412);
        assertThat(version(http.withHeader("If-Match", "\"1\"").post("/api/carts/" + cartId + "/items", add))).isEqualTo(2);
    }

    @Test
    void concurrentCommandsOnOneCartLoseNoUpdate() throws Exception {
        String cartId = openCart();
        int writers = 12;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        try {
            java.util.concurrent.Callable<ResponseEntity<String>> add =
                    () -> http.post("/api/carts/" + cartId + "/items", "{\"sku\": \"MUG-CQRS\", \"quantity\": 1}");
            var answers = pool.invokeAll(java.util.Collections.nCopies(writers, add));
            java.util.Set<Long> versions = new java.util.HashSet<>();
            for (var answer : answers) {
                versions.add(version(answer.get()));
            }
            assertThat(versions).hasSize(writers);
        } finally {
            pool.shutdownNow();
        }
        assertThat(version(http.post("/api/carts/" + cartId + "/items", "{\"sku\": \"MUG-ES\", \"quantity\": 1}")))
                .isEqualTo(writers + 1);
        // the line holds exactly 12: 88 more would make 100
        assertProblem(http.post("/api/carts/" + cartId + "/items", "{\"sku\": \"MUG-CQRS\", \"quantity\": 88}"), 409);
    }

    @Test
    void anOversizedBodyIsA413() {
        String huge = "{\"sku\": \"" + "X".repeat(100_000) + "\", \"quantity\": 1}";
        assertProblem(http.post("/api/carts/any/items", huge), 413);
    }

    @Test
    void aLineCannotPass99() throws Exception {
        String cartId = openCart();
        http.post("/api/carts/" + cartId + "/items", "{\"sku\": \"MUG-CQRS\", \"quantity\": 60}");
        assertProblem(http.post("/api/carts/" + cartId + "/items", "{\"sku\": \"MUG-CQRS\", \"quantity\": 40}"), 409);
    }

    @Test
    void anEmptyCartCannotBeCheckedOut() throws Exception {
        assertProblem(http.post("/api/carts/" + openCart() + "/checkout", ADDRESS), 409);
    }

    @Test
    void aCheckedOutCartRefusesChanges() throws Exception {
        String cartId = openCart();
        http.post("/api/carts/" + cartId + "/items", "{\"sku\": \"MUG-CQRS\", \"quantity\": 1}");
        assertThat(http.post("/api/carts/" + cartId + "/checkout", ADDRESS).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);

        assertProblem(http.post("/api/carts/" + cartId + "/items", "{\"sku\": \"MUG-ES\", \"quantity\": 1}"), 409);
        assertProblem(http.send(HttpMethod.PUT, "/api/carts/" + cartId + "/items/MUG-CQRS", "{\"quantity\": 2}"), 409);
        assertProblem(http.send(HttpMethod.DELETE, "/api/carts/" + cartId + "/items/MUG-CQRS", null), 409);
        assertProblem(http.post("/api/carts/" + cartId + "/checkout", ADDRESS), 409);
    }

    @Test
    void aWrongContentTypeIs415() {
        assertProblem(http.send(HttpMethod.POST, "/api/carts", MediaType.TEXT_PLAIN, "customerId=alice"), 415);
    }

    @Test
    void aBodyThatIsNotJsonIs415EvenInAFormatTheServiceCouldParse() throws Exception {
        String cartId = openCart();
        for (String yaml : List.of("sku: MUG-CQRS\nquantity: \"2\"", "sku: MUG-CQRS\nquantity: 1\nquantity: 2")) {
            assertProblem(http.send(HttpMethod.POST, "/api/carts/" + cartId + "/items", MediaType.parseMediaType("application/yaml"), yaml), 415);
        }
        assertThat(version(http.post("/api/carts/" + cartId + "/items", "{\"sku\": \"MUG-CQRS\", \"quantity\": 1}"))).isEqualTo(1);
    }

    @Test
    void aCommandWhoseAnswerTheClientWouldRefuseIsNotRun() throws Exception {
        String cartId = openCart();
        String add = "{\"sku\": \"MUG-CQRS\", \"quantity\": 1}";
        Http adding = http.withHeader("Idempotency-Key", UUID.randomUUID().toString());

        assertProblem(adding.withHeader("Accept", "application/xml").post("/api/carts/" + cartId + "/items", add), 406);
        // q=0 refuses a type (RFC 9110): JSON refused, or everything
        assertProblem(adding.withHeader("Accept", "application/json;q=0, text/plain").post("/api/carts/" + cartId + "/items", add), 406);
        assertProblem(adding.withHeader("Accept", "*/*;q=0").post("/api/carts/" + cartId + "/items", add), 406);

        // nothing ran, and the key was not spent on the refusal: the retry runs the command, once
        ResponseEntity<String> added = adding.post("/api/carts/" + cartId + "/items", add);
        assertThat(added.getHeaders().getFirst("Idempotent-Replayed")).isNull();
        assertThat(version(added)).isEqualTo(1);
    }

    @Test
    void aParameterTheFirewallRefusesIsA400NotA500() {
        assertProblem(http.as(null).get("/actuator/health?%01=1"), 400);
        assertProblem(http.send(HttpMethod.POST, "/api/carts", MediaType.APPLICATION_FORM_URLENCODED, "%01=1"), 400);
    }

    @Test
    void whatTheFrameworkRefusesIsAProblemToo() throws Exception {
        // a method the firewall does not know, and one Tomcat refuses (its 405 stands), each about the path asked for
        assertThat(raw("FOO /api/products HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 400").contains("application/problem+json", "\"instance\":\"/api/products\"");
        assertThat(raw("TRACE /api/products HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 405").contains("application/problem+json", "\"instance\":\"/api/products\"");
        // an HTTP version Tomcat does not speak: the client's error, named as such
        assertThat(raw("GET /api/products HTTP/9.9\r\nHost: localhost\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 505").contains("\"title\":\"HTTP Version not supported\"", "refused before it reached the API");
        // an Accept header that does not parse, and a parameter of the wrong type, named
        assertProblem(http.as(null).withHeader("Accept", "garbage").get("/api/products"), 406);
        ResponseEntity<String> wrongType = http.get("/api/carts/" + openCart() + "?minVersion=abc");
        assertProblem(wrongType, 400);
        assertThat(json.readTree(wrongType.getBody()).get("errors").findValuesAsText("field")).containsExactly("minVersion");
    }

    @Test
    void anOversizedChunkedBodyWithAnIdempotencyKeyIsA413() throws Exception {
        // chunked, so that only reading tells the size; the key has the body read before any controller
        String chunk = "{\"sku\": \"" + "X".repeat(100_000) + "\", \"quantity\": 1}";
        String response = raw("POST /api/carts/any/items HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + TestTokens.customer("alice") + "\r\nContent-Type: application/json\r\nIdempotency-Key: " + UUID.randomUUID()
                + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + Integer.toHexString(chunk.length()) + "\r\n"
                + chunk + "\r\n0\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 413").contains("application/problem+json");
    }

    @Test
    void theCatalogAndTheApiDocumentAreOpenToEveryMethodThatReads() {
        Http anonymous = http.as(null);
        assertThat(anonymous.send(HttpMethod.HEAD, "/api/products/MUG-CQRS", null).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(anonymous.send(HttpMethod.OPTIONS, "/api/products", null).getStatusCode()).isEqualTo(HttpStatus.OK);
        ResponseEntity<String> yaml = anonymous.get("/v3/api-docs.yaml");
        assertThat(yaml.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(yaml.getBody()).startsWith("openapi:");
    }

    @Test
    void anotherCustomersCartIsAnsweredAsIfItDidNotExistEvenToStaffAndWhileWaiting() throws Exception {
        String cartId = UUID.randomUUID().toString();
        ViewKeys.Family carts = ViewKeys.Family.CARTS;
        redis.opsForHash().putAll(carts.key(views.currentGeneration(carts), cartId), Map.of(ViewKeys.VERSION_FIELD, "0",
                ViewKeys.JSON_FIELD, "{\"cartId\":\"" + cartId + "\",\"customerId\":\"alice\",\"version\":0}"));
        assertThat(http.get("/api/carts/" + cartId).getStatusCode()).isEqualTo(HttpStatus.OK);

        for (Http other : List.of(http.as(TestTokens.customer("bob")), http.as(TestTokens.token("carol", "customer", "fulfilment")))) {
            assertProblem(other.get("/api/carts/" + cartId), 404);
            // as a cart that does not exist yet: a wait for its version runs out
            assertProblem(other.get("/api/carts/" + cartId + "?minVersion=0"), 503);
        }
        assertProblem(http.as(TestTokens.customer("bob")).get("/api/carts/" + UUID.randomUUID() + "?minVersion=0"), 503);
    }

    /** Bytes as written, for requests no HTTP client sends; answers the whole response. */
    private String raw(String request) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static void assertProblem(ResponseEntity<String> response, int status) {
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody()).contains("\"status\":" + status);
    }
}
