package shop.cart.cart;

import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import shop.cart.cart.domain.Cart;

/** Registers the aggregate with Axon here, so the domain class carries no Spring annotation. */
@Configuration(proxyBeanMethods = false)
class CartConfiguration {

    @Bean
    ConfigurerModule cartAggregate() {
        return configurer -> configurer.configureAggregate(Cart.class);
    }
}
