package shop.tools.auth;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Asks the running dev issuer for a token and prints it alone on the last line, for scripts. */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Print a development access token (needs ./shop up)")
public class TokenCommand implements Callable<Integer> {

    @Option(names = "--customer", required = true, description = "the token's subject: the customer id")
    String customer;

    @Option(names = "--role", defaultValue = "customer", description = "customer, fulfilment or ops; several comma-separated (default: ${DEFAULT-VALUE})")
    String role;

    @Option(names = "--issuer", defaultValue = "http://127.0.0.1:8090", description = "dev issuer (default: ${DEFAULT-VALUE})")
    String issuer;

    @Override
    public Integer call() throws Exception {
        URI uri = URI.create(issuer + "/token?customer=" + URLEncoder.encode(customer, StandardCharsets.UTF_8)
                + "&role=" + URLEncoder.encode(role, StandardCharsets.UTF_8));
        HttpResponse<String> response;
        try {
            response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            System.err.println("no dev issuer at " + issuer + "; is ./shop up running?");
            return 3;
        }
        if (response.statusCode() != 200) {
            System.err.println("the dev issuer refused: " + response.body());
            return 2;
        }
        System.out.println(new ObjectMapper().readTree(response.body()).get("access_token").asText());
        return 0;
    }
}
