package shop.order;

import org.springframework.boot.SpringApplication;

import shop.testsupport.InfrastructureContainers;

/** Runs order-service locally against the shared Testcontainers engines. */
public class TestOrderServiceApplication {

    public static void main(String[] args) {
        SpringApplication.from(OrderServiceApplication::main).with(InfrastructureContainers.class).run(args);
    }
}
