package shop.tools.bench;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The few cart-service calls the load generators make ({@code bench commands}, {@code bench latency}, {@code load}),
 * over HTTP/1.1, with tokens from the dev issuer.
 *
 * <p>They run on the cores of the shop they measure, so the client's own CPU is taken from the shop. Apache's
 * asynchronous client answers on its I/O threads; the JDK's {@code HttpClient} hands every step of an exchange to
 * another thread and cost nearly three times as much CPU per request (docs/benchmarks.md), a fifth of the machine
 * in a latency run at 300 commands/s.
 */
final class ShopApi implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    /** An answer: its status and body. */
    record Answer(int status, String body) {
    }

    private final CloseableHttpAsyncClient http;
    private final String baseUrl;
    private final String issuer;

    ShopApi(String baseUrl, String issuer) {
        this.baseUrl = baseUrl;
        this.issuer = issuer;
        this.http = HttpAsyncClients.custom()
                .setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1)
                // open-loop load keeps hundreds of requests in flight (reads wait up to 2 s for their view)
                .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(5000).setMaxConnPerRoute(5000)
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.ofSeconds(2)).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(30)).build())
                .build();
        http.start();
    }

    /** Sends the request; the answer completes on the client's I/O thread, where callbacks must not block. */
    CompletableFuture<Answer> send(SimpleHttpRequest request) {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        http.execute(request, new FutureCallback<SimpleHttpResponse>() {
            @Override
            public void completed(SimpleHttpResponse response) {
                answer.complete(new Answer(response.getCode(), response.getBodyText()));
            }

            @Override
            public void failed(Exception failure) {
                answer.completeExceptionally(failure);
            }

            @Override
            public void cancelled() {
                answer.cancel(false);
            }
        });
        return answer;
    }

    /** Sends the request and waits for its answer. */
    Answer sendNow(SimpleHttpRequest request) throws IOException, InterruptedException {
        try {
            return send(request).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        }
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
        Answer answer = sendNow(SimpleRequestBuilder.post(issuer + "/token?customer="
                + URLEncoder.encode(customer, StandardCharsets.UTF_8) + "&role=customer").build());
        if (answer.status() != 200) {
            throw new IllegalStateException("the dev issuer at " + issuer + " refused: " + answer.body());
        }
        return JSON.readTree(answer.body()).get("access_token").asText();
    }

    List<String> skus() throws IOException, InterruptedException {
        Answer answer = sendNow(SimpleRequestBuilder.get(baseUrl + "/api/products").build());
        List<String> skus = new ArrayList<>();
        for (JsonNode product : JSON.readTree(answer.body())) {
            skus.add(product.get("sku").asText());
        }
        return skus;
    }

    SimpleHttpRequest openCart(String token) {
        return SimpleRequestBuilder.post(baseUrl + "/api/carts").addHeader("Authorization", "Bearer " + token).build();
    }

    /** Opens a cart and answers its id. */
    String openCartNow(String token) throws IOException, InterruptedException {
        Answer answer = sendNow(openCart(token));
        if (answer.status() != 201) {
            throw new IllegalStateException("POST /api/carts answered " + answer.status() + ": " + answer.body());
        }
        return JSON.readTree(answer.body()).get("cartId").asText();
    }

    SimpleHttpRequest addItem(String token, String cartId, String sku, int quantity) {
        return SimpleRequestBuilder.post(baseUrl + "/api/carts/" + cartId + "/items").addHeader("Authorization", "Bearer " + token)
                .setBody("{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + "}", ContentType.APPLICATION_JSON)
                .build();
    }

    SimpleHttpRequest checkout(String token, String cartId) {
        return SimpleRequestBuilder.post(baseUrl + "/api/carts/" + cartId + "/checkout").addHeader("Authorization", "Bearer " + token)
                .setBody("{\"shippingAddress\":{\"name\":\"Load\",\"street\":\"Main St 1\","
                        + "\"city\":\"Berlin\",\"postalCode\":\"10115\",\"country\":\"DE\"}}", ContentType.APPLICATION_JSON)
                .build();
    }

    SimpleHttpRequest view(String token, String cartId, long minVersion) {
        return SimpleRequestBuilder.get(baseUrl + "/api/carts/" + cartId + "?minVersion=" + minVersion)
                .addHeader("Authorization", "Bearer " + token).build();
    }

    /** Stops the client, giving answers still on their way a moment. */
    @Override
    public void close() {
        http.close(CloseMode.GRACEFUL);
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
