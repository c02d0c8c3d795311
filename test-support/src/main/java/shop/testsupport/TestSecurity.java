package shop.testsupport;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** Makes a service under test trust {@link TestTokens} instead of fetching the dev issuer's keys. */
@TestConfiguration(proxyBeanMethods = false)
public class TestSecurity {

    @Bean
    JwtDecoder testJwtDecoder() {
        return NimbusJwtDecoder.withPublicKey(TestTokens.ISSUER.publicKey()).build();
    }
}
