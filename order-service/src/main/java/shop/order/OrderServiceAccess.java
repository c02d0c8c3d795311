package shop.order;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import shop.platform.security.AccessRules;
import shop.platform.security.Roles;

@Configuration(proxyBeanMethods = false)
class OrderServiceAccess {

    /**
     * Fulfilment confirms payments and shipments; customers (their own orders, checked in the controller)
     * and ops may cancel; reading needs any valid token, and ownership is checked per view.
     */
    @Bean
    AccessRules orderServiceRules() {
        return requests -> requests
                .requestMatchers(HttpMethod.POST, "/api/orders/*/payment", "/api/orders/*/shipment")
                .hasAnyRole(Roles.FULFILMENT, Roles.OPS)
                .requestMatchers(HttpMethod.POST, "/api/orders/*/cancellation").hasAnyRole(Roles.CUSTOMER, Roles.OPS);
    }
}
