package shop.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import shop.contracts.view.ViewKeys;
import shop.testsupport.RedisCluster;
import shop.testsupport.SharedContainers;
import shop.testsupport.TestTokens;

/**
 * The services and the projector against a Redis Cluster of three masters, as ElastiCache runs it in cluster
 * mode: the projector's pipelined reads and compare-and-set script, the views read back through the
 * services (read-your-writes included), a customer's order list (a sorted set, then views on other nodes),
 * idempotency keys and the catalog cache. Each view and its version share one key, hence one slot. The
 * projector's announcements of view writes and the subscriptions of reads waiting for them. And the
 * replay tools as the Kubernetes Job runs them on ElastiCache: verify and rebuild through the cluster.
 */
class RedisClusterIT {

    static final String CUSTOMER = "cluster-" + System.nanoTime();
    static final String TOKEN = TestTokens.customer(CUSTOMER);
    static final String FULFILMENT = TestTokens.token("picker-1", "fulfilment");
    static final String ADDRESS = """
            {"shippingAddress": {"name": "C", "street": "S 1", "city": "C", "postalCode": "1", "country": "DE"}}""";

    /** The nodes as shop-tools takes them: seeds in one URI, and --redis-cluster. */
    static final String TOOLS_REDIS = "redis://" + RedisCluster.nodes();
    static final List<ServiceProcess> SERVICES = new ArrayList<>();
    static ServiceProcess cartService;
    static ServiceProcess orderService;

    @BeforeAll
    static void startTheShopOnACluster() {
        String cluster = "--spring.data.redis.cluster.nodes=" + RedisCluster.nodes();
        cartService = ServiceProcess.start("cart-service", cluster);
        SERVICES.add(cartService);
        orderService = ServiceProcess.start("order-service", cluster);
        SERVICES.add(orderService);
        // a group of its own: it projects the whole history into the cluster, apart from other tests' workers
        SERVICES.add(ServiceProcess.start("cache-projector", cluster, "--spring.kafka.consumer.group-id=cache-projector-cluster"));
    }

    @AfterAll
    static void stopTheShop() {
        SERVICES.forEach(ServiceProcess::stop);
    }

    @Test
    void viewsOfCartsAndOrdersSpreadOverAllMastersAreWrittenAndReadBack() throws Exception {
        // carts until their views live on every master, so that each read and write really crossed nodes
        List<String> carts = new ArrayList<>();
        Set<String> masters = new HashSet<>();
        RedisClusterClient client = RedisClusterClient.create(Arrays.stream(RedisCluster.nodes().split(","))
                .map(node -> RedisURI.create("redis://" + node)).toList());
        try (var cluster = client.connect()) {
            while (masters.size() < 3) {
                assertThat(carts).as("carts created before their views spread over 3 masters").hasSizeLessThan(40);
                HttpResponse<String> opened = Api.send(cartService, TOKEN, "POST", "/api/carts", null,
                        Map.of("Idempotency-Key", "open-" + carts.size()));
                assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
                String cartId = Api.JSON.readTree(opened.body()).get("cartId").asText();
                carts.add(cartId);
                masters.add(cluster.getPartitions().getPartitionBySlot(SlotHash.getSlot(ViewKeys.Family.CARTS.key(0, cartId)) /* every generation: one hash tag */).getNodeId());
            }
            // an idempotent retry is answered from the key kept in the cluster
            HttpResponse<String> replayed = Api.send(cartService, TOKEN, "POST", "/api/carts", null, Map.of("Idempotency-Key", "open-0"));
            assertThat(replayed.headers().firstValue("Idempotent-Replayed")).contains("true");
            assertThat(Api.JSON.readTree(replayed.body()).get("cartId").asText()).isEqualTo(carts.get(0));
        } finally {
            client.shutdown();
        }

        List<String> orders = new ArrayList<>();
        for (String cartId : carts.subList(0, 3)) {
            Api.call(cartService, TOKEN, "POST", "/api/carts/" + cartId + "/items", "{\"sku\": \"MUG-CQRS\", \"quantity\": 2}", 200);
            Api.call(cartService, TOKEN, "POST", "/api/carts/" + cartId + "/items", "{\"sku\": \"BOOK-DDD\", \"quantity\": 1}", 200);
            JsonNode cart = Api.awaitView(cartService, TOKEN, "/api/carts/" + cartId + "?minVersion=2");
            assertThat(cart.get("total").asLong()).isEqualTo(2 * 1290 + 5490);
            orders.add(Api.call(cartService, TOKEN, "POST", "/api/carts/" + cartId + "/checkout", ADDRESS, 202).get("orderId").asText());
            assertThat(Api.awaitView(cartService, TOKEN, "/api/carts/" + cartId + "?minVersion=3").get("status").asText())
                    .isEqualTo("CHECKED_OUT");
        }
        for (String cartId : carts.subList(3, carts.size())) {
            assertThat(Api.awaitView(cartService, TOKEN, "/api/carts/" + cartId + "?minVersion=0").get("version").asLong()).isZero();
        }

        for (String orderId : orders) {
            assertThat(Api.awaitView(orderService, TOKEN, "/api/orders/" + orderId + "?minVersion=0").get("status").asText())
                    .isEqualTo("PLACED");
        }
        Api.call(orderService, FULFILMENT, "POST", "/api/orders/" + orders.get(0) + "/payment",
                "{\"amount\": " + (2 * 1290 + 5490) + ", \"currency\": \"EUR\", \"reference\": \"pay-c\"}", 200);
        assertThat(Api.awaitView(orderService, TOKEN, "/api/orders/" + orders.get(0) + "?minVersion=1").get("status").asText())
                .isEqualTo("PAID");

        // the customer's sorted set lives in the customer's slot, each order view in its own
        JsonNode history = Api.call(orderService, TOKEN, "GET", "/api/customers/" + CUSTOMER + "/orders?size=10", null, 200);
        assertThat(history.get("totalElements").asLong()).isEqualTo(3);
        List<String> listed = new ArrayList<>();
        history.get("orders").forEach(order -> listed.add(order.get("orderId").asText()));
        assertThat(listed).containsExactlyInAnyOrderElementsOf(orders);

        // the catalog cache, cache-aside in the cluster
        assertThat(Api.call(cartService, TOKEN, "GET", "/api/products/MUG-CQRS", null, 200).get("unitPrice").asLong()).isEqualTo(1290);
        assertThat(Api.call(cartService, TOKEN, "GET", "/api/products/MUG-CQRS", null, 200).get("name").asText()).isEqualTo("CQRS mug");
    }

    @Test
    void theReplayToolsVerifyAndRebuildTheViewsInTheCluster() throws Exception {
        RedisClusterClient client = RedisClusterClient.create(Arrays.stream(RedisCluster.nodes().split(","))
                .map(node -> RedisURI.create("redis://" + node)).toList());
        try (var cluster = client.connect()) {
            // carts whose views live on every master, so that the rebuild writes, and its SCAN deletes, on all three
            List<String> carts = new ArrayList<>();
            Set<String> masters = new HashSet<>();
            while (masters.size() < 3) {
                assertThat(carts).as("carts created before their views spread over 3 masters").hasSizeLessThan(40);
                String cartId = Api.call(cartService, TOKEN, "POST", "/api/carts", null, 201).get("cartId").asText();
                carts.add(cartId);
                masters.add(cluster.getPartitions().getPartitionBySlot(SlotHash.getSlot(ViewKeys.Family.CARTS.key(0, cartId))).getNodeId());
            }
            String checkedOut = carts.get(0);
            Api.call(cartService, TOKEN, "POST", "/api/carts/" + checkedOut + "/items", "{\"sku\": \"PEN-GEL\", \"quantity\": 1}", 200);
            String orderId = Api.call(cartService, TOKEN, "POST", "/api/carts/" + checkedOut + "/checkout", ADDRESS, 202).get("orderId").asText();
            Api.awaitView(cartService, TOKEN, "/api/carts/" + checkedOut + "?minVersion=2");
            Api.awaitView(orderService, TOKEN, "/api/orders/" + orderId + "?minVersion=0");
            for (String cartId : carts) {
                Api.awaitView(cartService, TOKEN, "/api/carts/" + cartId + "?minVersion=0");
            }
            Map<String, Integer> aggregates = new LinkedHashMap<>();
            carts.forEach(cart -> aggregates.put(cart, 1));
            aggregates.put(orderId, 2); // the order's view and its entry in its customer's list
            assertVerified(aggregates);

            Map<ViewKeys.Family, Long> before = new EnumMap<>(ViewKeys.Family.class);
            for (ViewKeys.Family family : ViewKeys.Family.values()) {
                before.put(family, ViewKeys.generation(cluster.sync().hget(family.control(), ViewKeys.CURRENT_FIELD)));
            }
            ReplayIT.Run rebuild = ReplayIT.tool(ReplayIT.withStore("replay", "rebuild", "--view", "all",
                    "--redis", TOOLS_REDIS, "--redis-cluster", "--bootstrap-servers", SharedContainers.KAFKA.getBootstrapServers(),
                    "--kafka-property", "client.id=replay-cluster-it", "--group", "cache-projector-cluster",
                    "--grace", "PT1S", "--drain-after-switch", "PT1S"));
            assertThat(rebuild.exitCode()).as(rebuild.err()).isZero();
            for (ViewKeys.Family family : ViewKeys.Family.values()) {
                long from = before.get(family);
                assertThat(rebuild.out()).contains("rebuild " + family.cliName() + ": generation " + from + " -> " + (from + 1));
                assertThat(ViewKeys.generation(cluster.sync().hget(family.control(), ViewKeys.CURRENT_FIELD))).isEqualTo(from + 1);
                assertThat(cluster.sync().hget(family.control(), ViewKeys.BUILDING_FIELD)).isNull();
            }
            Matcher views = Pattern.compile("rebuild carts: .*, ([\\d,]+) views").matcher(rebuild.out());
            assertThat(views.find()).as(rebuild.out()).isTrue();
            assertThat(Long.parseLong(views.group(1).replace(",", ""))).isGreaterThanOrEqualTo(carts.size());
            long old = before.get(ViewKeys.Family.CARTS);
            for (String cartId : carts) {
                // deleted on every master: the retiring generation's SCAN covered them all
                assertThat(cluster.sync().exists(ViewKeys.Family.CARTS.key(old, cartId))).as("old view of " + cartId).isZero();
                assertThat(cluster.sync().exists(ViewKeys.Family.CARTS.key(old + 1, cartId))).as("new view of " + cartId).isOne();
            }
            assertVerified(aggregates);
            // and the services read the new generation
            assertThat(Api.call(cartService, TOKEN, "GET", "/api/carts/" + checkedOut, null, 200).get("status").asText())
                    .isEqualTo("CHECKED_OUT");
        } finally {
            client.shutdown();
        }
    }

    @Test
    void theProjectorsAnnouncementsAndTheWaitingReadsSubscriptionsWorkThroughTheCluster() throws Exception {
        RedisClusterClient client = RedisClusterClient.create(Arrays.stream(RedisCluster.nodes().split(","))
                .map(node -> RedisURI.create("redis://" + node)).toList());
        try (var cluster = client.connect(); var pubsub = client.connectPubSub()) {
            String cartId = Api.call(cartService, TOKEN, "POST", "/api/carts", null, 201).get("cartId").asText();
            Api.awaitView(cartService, TOKEN, "/api/carts/" + cartId + "?minVersion=0");
            long generation = ViewKeys.generation(cluster.sync().hget(ViewKeys.Family.CARTS.control(), ViewKeys.CURRENT_FIELD));
            String channel = ViewKeys.changes(ViewKeys.Family.CARTS.key(generation, cartId));

            // the compare-and-set script's PUBLISH, run on the view's master, reaches a subscriber on whichever node
            List<String> heard = new CopyOnWriteArrayList<>();
            pubsub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String from, String message) {
                    if (from.equals(channel)) {
                        heard.add(message);
                    }
                }
            });
            pubsub.sync().subscribe(channel);
            Api.call(cartService, TOKEN, "POST", "/api/carts/" + cartId + "/items", "{\"sku\": \"MUG-CQRS\", \"quantity\": 1}", 200);
            await().atMost(Duration.ofSeconds(90)).until(() -> heard.contains("1"));
            pubsub.sync().unsubscribe(channel);
            await().atMost(Duration.ofSeconds(5)).until(() -> subscribers(cluster, channel) == 0);

            // a read waiting for a version that never comes is subscribed to the view's channel while it waits, not after
            CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return Api.send(cartService, TOKEN, "GET", "/api/carts/" + cartId + "?minVersion=1000", null, Map.of()).statusCode();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(Duration.ofSeconds(5)).until(() -> subscribers(cluster, channel) == 1);
            assertThat(waiting.get(30, TimeUnit.SECONDS)).isEqualTo(503);
            await().atMost(Duration.ofSeconds(5)).until(() -> subscribers(cluster, channel) == 0);
        } finally {
            client.shutdown();
        }
    }

    /** Subscribers of {@code channel} on all nodes: each node counts only the subscriptions made on it. */
    static long subscribers(StatefulRedisClusterConnection<String, String> cluster, String channel) {
        long subscribers = 0;
        for (RedisClusterNode node : cluster.getPartitions()) {
            subscribers += cluster.getConnection(node.getNodeId()).sync().pubsubNumsub(channel).get(channel);
        }
        return subscribers;
    }

    /** {@code replay verify} through the cluster: each aggregate's views (how many) equal the fold of its events. */
    static void assertVerified(Map<String, Integer> aggregates) {
        aggregates.forEach((aggregateId, views) -> {
            ReplayIT.Run verify = ReplayIT.tool(ReplayIT.withStore("replay", "verify", "--aggregate", aggregateId,
                    "--redis", TOOLS_REDIS, "--redis-cluster"));
            assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
            assertThat(verify.out()).contains("verify: " + views + " views checked, 0 drifted");
        });
    }
}
