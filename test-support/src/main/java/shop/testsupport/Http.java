package shop.testsupport;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.RequestEntity;
import org.springframework.http.ResponseEntity;


/**
 * Raw JSON requests, so tests can send exactly the bytes a hostile or careless client would, with the
 * bearer token of one caller ({@code null}: none) and any further headers.
 */
public record Http(TestRestTemplate rest, String token, Map<String, String> headers) {

    /** Requests as the customer alice. */
    public Http(TestRestTemplate rest) {
        this(rest, TestTokens.customer("alice"), Map.of());
    }

    public Http as(String token) {
        return new Http(rest, token, headers);
    }

    /** The same caller, sending one more header. */
    public Http withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Http(rest, token, Map.copyOf(more));
    }

    public ResponseEntity<String> send(HttpMethod method, String path, String json) {
        return send(method, path, MediaType.APPLICATION_JSON, json);
    }

    /** A body of any content type, e.g. one the API must refuse. */
    public ResponseEntity<String> send(HttpMethod method, String path, MediaType contentType, String body) {
        RequestEntity.BodyBuilder request = RequestEntity.method(method, URI.create(path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        if (body == null) {
            return rest.exchange(request.build(), String.class);
        }
        return rest.exchange(request.contentType(contentType).body(body), String.class);
    }

    public ResponseEntity<String> get(String path) {
        return send(HttpMethod.GET, path, null);
    }

    public ResponseEntity<String> post(String path, String json) {
        return send(HttpMethod.POST, path, json);
    }
}
