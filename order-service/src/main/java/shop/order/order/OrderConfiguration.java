package shop.order.order;

import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import shop.order.order.domain.Order;

/** Registers the aggregate with Axon here, so the domain class carries no Spring annotation. */
@Configuration(proxyBeanMethods = false)
class OrderConfiguration {

    @Bean
    ConfigurerModule orderAggregate() {
        return configurer -> configurer.configureAggregate(Order.class);
    }
}
