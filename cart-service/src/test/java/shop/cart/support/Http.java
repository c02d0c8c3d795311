package shop.cart.support;

import java.net.URI;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.RequestEntity;
import org.springframework.http.ResponseEntity;

/** Raw JSON requests, so tests can send exactly the bytes a hostile or careless client would. */
public record Http(TestRestTemplate rest) {

    public ResponseEntity<String> send(HttpMethod method, String path, String json) {
        RequestEntity.BodyBuilder request = RequestEntity.method(method, URI.create(path));
        if (json == null) {
            return rest.exchange(request.build(), String.class);
        }
        return rest.exchange(request.contentType(MediaType.APPLICATION_JSON).body(json), String.class);
    }

    public ResponseEntity<String> get(String path) {
        return send(HttpMethod.GET, path, null);
    }

    public ResponseEntity<String> post(String path, String json) {
        return send(HttpMethod.POST, path, json);
    }
}
