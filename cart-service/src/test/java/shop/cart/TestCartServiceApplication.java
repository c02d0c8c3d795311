package shop.cart;

import org.springframework.boot.SpringApplication;

import shop.testsupport.InfrastructureContainers;

/** Runs cart-service locally against the shared Testcontainers engines. */
public class TestCartServiceApplication {

    public static void main(String[] args) {
        SpringApplication.from(CartServiceApplication::main).with(InfrastructureContainers.class).run(args);
    }
}
