package shop.tools.auth;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The local development issuer that {@code ./shop up} runs: a key made at start-up, its JWK Set at
 * {@code GET /.well-known/jwks.json} for the services, and {@code POST /token?customer=ID&role=ROLE} for
 * {@code ./shop token}. It binds to the loopback address only: it hands out any token it is asked for.
 */
@Command(name = "dev-issuer", mixinStandardHelpOptions = true,
        description = "Run the development JWT issuer (loopback only; for ./shop up)")
public class DevIssuerCommand implements Callable<Integer> {

    static final Set<String> ROLES = Set.of("customer", "fulfilment", "ops");

    @Option(names = "--port", defaultValue = "8090", description = "port on 127.0.0.1 (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--token-lifetime", defaultValue = "PT8H", description = "ISO-8601 duration (default: ${DEFAULT-VALUE})")
    Duration lifetime;

    @Override
    public Integer call() throws Exception {
        HttpServer server = start(new JwtIssuer(), port, lifetime);
        System.out.println("dev issuer on http://127.0.0.1:" + server.getAddress().getPort());
        new CountDownLatch(1).await();
        return 0;
    }

    public static HttpServer start(JwtIssuer issuer, int port, Duration lifetime) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/.well-known/jwks.json", exchange -> respond(exchange, 200, issuer.jwkSetJson()));
        server.createContext("/token", exchange -> {
            if (!"POST".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, "{\"error\":\"use POST\"}");
                return;
            }
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            String customer = query.getOrDefault("customer", "");
            List<String> roles = Arrays.asList(query.getOrDefault("role", "customer").split(","));
            if (!customer.matches("[A-Za-z0-9._@-]{1,64}") || !ROLES.containsAll(roles)) {
                respond(exchange, 400, "{\"error\":\"customer must be 1-64 of [A-Za-z0-9._@-]; role one of " + ROLES + "\"}");
                return;
            }
            respond(exchange, 200, "{\"access_token\":\"" + issuer.mint(customer, roles, lifetime)
                    + "\",\"token_type\":\"Bearer\",\"expires_in\":" + lifetime.toSeconds() + "}");
        });
        server.start();
        return server;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] parts = pair.split("=", 2);
                values.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                        parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
            }
        }
        return values;
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
