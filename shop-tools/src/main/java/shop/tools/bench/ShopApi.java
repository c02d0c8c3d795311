package shop.tools.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The few cart-service calls the command benchmarks and the load generator make, over HTTP/1.1, with tokens from the dev issuer. */
final class ShopApi {

    static final ObjectMapper JSON = new ObjectMapper();

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final String baseUrl;
    private final String issuer;

    ShopApi(String baseUrl, String issuer) {
        this.baseUrl = baseUrl;
        this.issuer = issuer;
    }

    /** Access tokens of {@code count} customers new to the shop, named {@code <prefix>-<now>-<i>}. */
    List<String> newCustomerTokens(String prefix, int count) throws IOException, InterruptedException {
        long stamp = System.currentTimeMillis();
        List<String> tokens = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            tokens.add(token(prefix + "-" + stamp + "-" + i));
        }
        return tokens;
    }

    /** A customer's access token from the development issuer ({@code POST /token}). */
    private String token(String customer) throws IOException, InterruptedException {
        URI uri = URI.create(issuer + "/token?customer=" + URLEncoder.encode(customer, StandardCharsets.UTF_8) + "&role=customer");
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the dev issuer at " + issuer + " refused: " + response.body());
        }
        return JSON.readTree(response.body()).get("access_token").asText();
    }

    List<String> skus() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/products")).build(),
                HttpResponse.BodyHandlers.ofString());
        List<String> skus = new ArrayList<>();
        for (JsonNode product : JSON.readTree(response.body())) {
            skus.add(product.get("sku").asText());
        }
        return skus;
    }

    HttpRequest openCart(String token) {
        return HttpRequest.newBuilder(URI.create(baseUrl + "/api/carts")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build();
    }

    /** Opens a cart and answers its id. */
    String openCartNow(String token) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(openCart(token), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("POST /api/carts answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).get("cartId").asText();
    }

    HttpRequest addItem(String token, String cartId, String sku, int quantity) {
        return HttpRequest.newBuilder(URI.create(baseUrl + "/api/carts/" + cartId + "/items")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + "}"))
                .build();
    }

    HttpRequest checkout(String token, String cartId) {
        return HttpRequest.newBuilder(URI.create(baseUrl + "/api/carts/" + cartId + "/checkout")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"shippingAddress\":{\"name\":\"Load\",\"street\":\"Main St 1\","
                        + "\"city\":\"Berlin\",\"postalCode\":\"10115\",\"country\":\"DE\"}}"))
                .build();
    }

    HttpRequest view(String token, String cartId, long minVersion) {
        return HttpRequest.newBuilder(URI.create(baseUrl + "/api/carts/" + cartId + "?minVersion=" + minVersion))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token).GET().build();
    }

    /** The {@code cartId} field of a JSON answer, or null. */
    static String cartId(String body) {
        try {
            return JSON.readTree(body).path("cartId").asText(null);
        } catch (IOException e) {
            return null;
        }
    }

    /** The {@code version} field of a JSON answer, or -1. */
    static long version(String body) {
        try {
            return JSON.readTree(body).path("version").asLong(-1);
        } catch (IOException e) {
            return -1;
        }
    }
}
