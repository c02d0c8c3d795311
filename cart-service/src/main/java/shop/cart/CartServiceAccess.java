package shop.cart;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import shop.platform.security.AccessRules;
import shop.platform.security.Roles;

@Configuration(proxyBeanMethods = false)
class CartServiceAccess {

    /** The catalog is public (reading it, and asking what it allows); changing a price is for ops; carts are for customers. */
    @Bean
    AccessRules cartServiceRules() {
        return requests -> requests
                .requestMatchers(HttpMethod.GET, "/api/products", "/api/products/**").permitAll()
                .requestMatchers(HttpMethod.HEAD, "/api/products", "/api/products/**").permitAll()
                .requestMatchers(HttpMethod.OPTIONS, "/api/products", "/api/products/**").permitAll()
                .requestMatchers("/api/products/**").hasRole(Roles.OPS)
                .requestMatchers("/api/carts", "/api/carts/**").hasRole(Roles.CUSTOMER);
    }
}
