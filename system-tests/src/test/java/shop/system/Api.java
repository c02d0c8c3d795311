package shop.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** HTTP calls to a {@link ServiceProcess}, as one caller (a bearer token). */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Api() {
    }

    static HttpResponse<String> send(ServiceProcess service, String token, String method, String path, String body,
                                     Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode call(ServiceProcess service, String token, String method, String path, String body,
                         int expectedStatus) throws Exception {
        HttpResponse<String> response = send(service, token, method, path, body, Map.of());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expectedStatus);
        return JSON.readTree(response.body());
    }

    /**
     * Reads a view until it is there. minVersion waits 2 s at most; after a worker was killed, its partitions
     * move on only when its session times out, so the pipeline may take longer.
     */
    static HttpResponse<String> awaitViewResponse(ServiceProcess service, String token, String path) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            HttpResponse<String> response = send(service, token, "GET", path, null, Map.of());
            if (response.statusCode() == 200) {
                return response;
            }
            assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(503);
            assertThat(System.nanoTime()).as("GET %s still 503 after 90 s", path).isLessThan(deadline);
        }
    }

    static JsonNode awaitView(ServiceProcess service, String token, String path) throws Exception {
        return JSON.readTree(awaitViewResponse(service, token, path).body());
    }
}
