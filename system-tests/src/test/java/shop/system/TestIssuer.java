package shop.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

import com.sun.net.httpserver.HttpServer;

import shop.testsupport.TestTokens;
import shop.tools.auth.DevIssuerCommand;

/** The dev issuer's HTTP face for {@link TestTokens}' key, so that service processes can verify test tokens. */
final class TestIssuer {

    private static final HttpServer SERVER = start();

    private TestIssuer() {
    }

    static String jwkSetUri() {
        return baseUrl() + "/.well-known/jwks.json";
    }

    /** Where tools ask for tokens ({@code POST /token}), as they ask the dev issuer. */
    static String baseUrl() {
        return "http://127.0.0.1:" + SERVER.getAddress().getPort();
    }

    private static HttpServer start() {
        try {
            HttpServer server = DevIssuerCommand.start(TestTokens.ISSUER, 0, Duration.ofHours(1));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
