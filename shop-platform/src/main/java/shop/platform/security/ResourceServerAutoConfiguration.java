package shop.platform.security;

import java.util.List;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import jakarta.servlet.DispatcherType;

import shop.platform.web.ProblemWriter;
import shop.platform.web.WebAutoConfiguration;

/**
 * Every service is an OAuth2 resource server: a request carries a JWT whose subject is the customer id and
 * whose {@code roles} claim says what else it may do. Health, API documentation and whatever a service's
 * {@link AccessRules} open are public; metrics need {@code ops}; the rest needs a valid token. A missing or
 * bad token is a 401 and a role that may not do this a 403, both as problem+json.
 */
@AutoConfiguration(after = WebAutoConfiguration.class,
        before = {SecurityAutoConfiguration.class, OAuth2ResourceServerAutoConfiguration.class})
@ConditionalOnWebApplication
@EnableWebSecurity
public class ResourceServerAutoConfiguration {

    /** Spring Security uses a firewall bean in place of its default one; see {@link HeaderCharacters}. */
    @Bean
    HttpFirewall httpFirewall() {
        return HeaderCharacters.firewall();
    }

    /**
     * A request the firewall refuses (a method it does not know, a control character in a header) is a 400 problem.
     * Spring Security's own handler sends an error page instead, whose dispatch the same firewall refuses again for
     * a refused method: the answer then had no body at all. In the dispatch of an error page that Tomcat started
     * (its 405 for TRACE, say), Tomcat's status stands.
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler(ProblemWriter problems) {
        return (request, response, e) -> {
            HttpStatus earlier = request.getDispatcherType() == DispatcherType.ERROR ? HttpStatus.resolve(response.getStatus()) : null;
            if (earlier != null && earlier.is4xxClientError()) {
                problems.write(request, response, earlier, earlier.getReasonPhrase(), ProblemWriter.REFUSED_BEFORE_THE_API);
            } else {
                problems.write(request, response, HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage());
            }
        };
    }

    /** @param decoder Boot's, from {@code spring.security.oauth2.resourceserver.jwt.*}; see {@link CachingJwtDecoder} */
    @Bean
    SecurityFilterChain resourceServer(HttpSecurity http, List<AccessRules> serviceRules, ProblemWriter problems,
                                       JwtDecoder decoder) throws Exception {
        var roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName("roles");
        roles.setAuthorityPrefix("ROLE_");
        var tokens = new JwtAuthenticationConverter();
        tokens.setJwtGrantedAuthoritiesConverter(roles);
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> {
                    requests.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info",
                            "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/**", "/error").permitAll();
                    requests.requestMatchers("/actuator/**").hasRole(Roles.OPS);
                    serviceRules.forEach(rules -> rules.apply(requests));
                    requests.anyRequest().authenticated();
                })
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.decoder(new CachingJwtDecoder(decoder)).jwtAuthenticationConverter(tokens))
                        .authenticationEntryPoint((request, response, e) ->
                                problems.write(request, response, HttpStatus.UNAUTHORIZED, "Unauthorized",
                                        "a valid bearer token is required")))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) ->
                                problems.write(request, response, HttpStatus.UNAUTHORIZED, "Unauthorized",
                                        "a valid bearer token is required"))
                        .accessDeniedHandler((request, response, e) ->
                                problems.write(request, response, HttpStatus.FORBIDDEN, "Forbidden",
                                        "your role may not do this")))
                .build();
    }
}
