package shop.testsupport;

import java.time.Duration;
import java.util.List;

import shop.tools.auth.JwtIssuer;

/**
 * Bearer tokens for tests, signed by one issuer per JVM. Spring tests trust it through
 * {@link TestSecurity}; processes started by system tests through the issuer's JWK Set.
 */
public final class TestTokens {

    public static final JwtIssuer ISSUER = new JwtIssuer();

    private TestTokens() {
    }

    public static String customer(String customerId) {
        return token(customerId, "customer");
    }

    public static String token(String subject, String... roles) {
        return ISSUER.mint(subject, List.of(roles), Duration.ofHours(1));
    }
}
