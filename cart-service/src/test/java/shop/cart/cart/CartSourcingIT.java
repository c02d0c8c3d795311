package shop.cart.cart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.ObjectMapper;

import shop.cart.CartServiceIT;
import shop.testsupport.Http;

/** A cart is loaded from its events alone: no snapshot is looked for before a command, and none is stored. */
@CartServiceIT
class CartSourcingIT {

    @Autowired
    TestRestTemplate rest;

    @Autowired
    ObjectMapper json;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EventStorageEngine eventStorageEngine;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(rest);
    }

    @Test
    void aRowInTheSnapshotTableIsNeverRead() throws Exception {
        ResponseEntity<String> created = http.post("/api/carts", "{\"customerId\": \"alice\"}");
        String cartId = json.readTree(created.getBody()).get("cartId").asText();
        assertThat(version(http.post("/api/carts/" + cartId + "/items", "{\"sku\": \"MUG-CQRS\", \"quantity\": 1}"))).isEqualTo(1);
        // a snapshot of an empty cart (no owner, no lines) at the cart's version: an engine that looked for
        // snapshots would source the cart from it and refuse alice's next command
        jdbc.sql("""
                        insert into snapshotevententry (aggregateidentifier, sequencenumber, type, eventidentifier,
                                                        metadata, payload, payloadtype, timestamp)
                        values (?, 1, 'Cart', ?, ?, ?, 'shop.cart.cart.domain.Cart', ?)""")
                .params(cartId, UUID.randomUUID().toString(), "{}".getBytes(), "{}".getBytes(), Instant.now().toString())
                .update();

        ResponseEntity<String> added = http.post("/api/carts/" + cartId + "/items", "{\"sku\": \"MUG-CQRS\", \"quantity\": 2}");

        assertThat(added.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(version(added)).isEqualTo(2);
    }

    @Test
    void aSnapshotIsRefusedNotStoredWhereNoOneReadsIt() {
        var snapshot = new GenericDomainEventMessage<>("Cart", "cart-1", 5, "{}");

        assertThatThrownBy(() -> eventStorageEngine.storeSnapshot(snapshot))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("keeps no snapshots");
    }

    private long version(ResponseEntity<String> response) throws Exception {
        return json.readTree(response.getBody()).get("version").asLong();
    }
}
