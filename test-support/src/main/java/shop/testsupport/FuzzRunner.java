package shop.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.RequestEntity;
import org.springframework.http.ResponseEntity;

import shop.testsupport.HostileRequests.Request;

/** Sends hostile requests and collects every answer that is a 5xx, or an error that is not problem+json. */
public final class FuzzRunner {

    private FuzzRunner() {
    }

    public static void assertNoServerErrors(TestRestTemplate rest, String token, List<Request> requests) {
        List<String> failures = new ArrayList<>();
        for (Request request : requests) {
            RequestEntity.BodyBuilder builder = RequestEntity.method(request.method(), URI.create(request.path()))
                    .header("Authorization", "Bearer " + token);
            if (request.contentType() != null) {
                builder.header("Content-Type", request.contentType());
            }
            ResponseEntity<String> response = rest.exchange(request.body() == null ? builder.build() : builder.body(request.body()),
                    String.class);
            int status = response.getStatusCode().value();
            if (status >= 500) {
                failures.add(status + " for " + request + ": " + response.getBody());
            } else if (status >= 400 && !String.valueOf(response.getHeaders().getContentType()).startsWith("application/problem+json")) {
                failures.add(status + " without problem+json for " + request + ": " + response.getHeaders().getContentType());
            }
        }
        assertThat(failures).as("answers to %d hostile requests", requests.size()).isEmpty();
    }
}
