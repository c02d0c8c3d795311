package shop.system;

import static shop.system.Views.currentKey;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testcontainers.containers.GenericContainer;

import io.lettuce.core.RedisClient;
import shop.contracts.view.ViewKeys;
import shop.testsupport.Infrastructure;
import shop.tools.verify.ViewVerifier;

/**
 * The shop under steady command load while, one after another, Redis, Kafka's broker and PostgreSQL are
 * restarted and the relay's process (cart-service) is killed with SIGKILL. While a dependency is down the
 * services report DOWN and answer 503 problem+json, never a 500; afterwards they recover by themselves, and
 * once every lag is zero no event of an accepted command is missing and no view has drifted.
 *
 * <p>The containers are a dedicated set (the shared ones serve other tests), with host ports that survive
 * a restart; the service processes are shared by the scenarios.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultToleranceIT {

    static final Duration RECOVERY = Duration.ofSeconds(120);
    static final String CUSTOMER = "faults-" + System.nanoTime();

    static Infrastructure infrastructure;
    static ServiceProcess cartService;
    static ServiceProcess orderService;
    static ServiceProcess projector;

    @BeforeAll
    static void startTheShopOnItsOwnContainers() {
        infrastructure = Infrastructure.dedicated();
        cartService = ServiceProcess.start(infrastructure, "cart-service");
        orderService = ServiceProcess.start(infrastructure, "order-service");
        projector = ServiceProcess.start(infrastructure, "cache-projector");
    }

    @AfterAll
    static void stopTheShop() {
        for (ServiceProcess service : new ServiceProcess[]{projector, orderService, cartService}) {
            if (service != null) {
                service.stop();
            }
        }
        if (infrastructure != null) {
            infrastructure.close();
        }
    }

    @Test
    @Order(1)
    void redisRestarted() throws Exception {
        dependencyRestarted(infrastructure.redis, true, cartService, orderService, projector);
    }

    @Test
    @Order(2)
    void kafkaBrokerRestarted() throws Exception {
        // commands need only PostgreSQL (and the catalog cache): they go on, and are relayed afterwards
        dependencyRestarted(infrastructure.kafka, false, cartService, orderService);
    }

    @Test
    @Order(3)
    void postgresRestarted() throws Exception {
        dependencyRestarted(infrastructure.postgres, true, cartService, orderService);
    }

    @Test
    @Order(4)
    void relayProcessKilled() throws Exception {
        CommandLoad load = CommandLoad.start(cartService, orderService, CUSTOMER);
        try {
            awaitMoreAccepted(load, 10);
            cartService.kill();
            Thread.sleep(1000);
            cartService.launch();
            awaitMoreAccepted(load, 20);
        } finally {
            load.close();
        }
        System.out.println("cart-service killed: " + load);
        assertThat(load.unexpected()).as("answers other than 2xx or 503 problem+json (%s)", load).isEmpty();
        assertCaughtUpAndConsistent(load);
    }

    /**
     * Stops {@code engine} under load, sees the services that use it report DOWN while it is (and, when
     * {@code commandsNeedIt}, refuse requests with 503s), starts it again and sees them recover by themselves.
     */
    private void dependencyRestarted(GenericContainer<?> engine, boolean commandsNeedIt, ServiceProcess... users)
            throws Exception {
        CommandLoad load = CommandLoad.start(cartService, orderService, CUSTOMER);
        try {
            awaitMoreAccepted(load, 10);
            Infrastructure.stop(engine);
            try {
                for (ServiceProcess user : users) {
                    await(user + " reporting DOWN while a dependency is stopped", Duration.ofSeconds(30),
                            () -> user.health().startsWith("503 "));
                }
                Thread.sleep(2000); // the load meets the outage
            } finally {
                Infrastructure.start(engine);
            }
            for (ServiceProcess service : List.of(cartService, orderService, projector)) {
                service.awaitHealthy(RECOVERY);
            }
            awaitMoreAccepted(load, 20);
        } finally {
            load.close();
        }
        System.out.println(engine.getDockerImageName() + " restarted: " + load);
        assertThat(load.unexpected()).as("answers other than 2xx or 503 problem+json (%s)", load).isEmpty();
        assertThat(load.unreachableCount()).as("requests without an answer (%s)", load).isZero();
        if (commandsNeedIt) {
            assertThat(load.unavailableCount()).as("503s while it was down (%s)", load).isPositive();
        }
        assertCaughtUpAndConsistent(load);
    }

    private static void awaitMoreAccepted(CommandLoad load, int more) {
        long target = load.acceptedCount() + more;
        await("commands accepted (" + load + ")", RECOVERY, () -> load.acceptedCount() >= target);
    }

    /**
     * Once the relays have sent every stored event and the consumer groups have read every record, the event
     * store holds every accepted command's event, each view is at least at its accepted version, the verifier
     * finds every view equal to the fold of its events, and nothing went to a dead-letter topic.
     */
    private void assertCaughtUpAndConsistent(CommandLoad load) throws Exception {
        await("relays and consumer groups without lag", RECOVERY, FaultToleranceIT::noLag);

        List<CommandLoad.Accepted> accepted = load.accepted();
        assertThat(accepted).isNotEmpty();
        Set<String> stored = new HashSet<>();
        try (Connection db = database()) {
            for (String schema : new String[]{"cart", "orders"}) {
                try (ResultSet rows = db.createStatement().executeQuery(
                        "select aggregateidentifier, sequencenumber from " + schema + ".domainevententry")) {
                    while (rows.next()) {
                        stored.add(schema + "/" + rows.getString(1) + "/" + rows.getLong(2));
                    }
                }
            }
        }
        RedisClient client = RedisClient.create(infrastructure.redisUri());
        try (var redis = client.connect()) {
            for (CommandLoad.Accepted command : accepted) {
                assertThat(stored).as("the event of an accepted command").contains(
                        command.schema() + "/" + command.aggregateId() + "/" + command.version());
                String key = currentKey(redis.sync(), "cart".equals(command.schema()) ? ViewKeys.Family.CARTS : ViewKeys.Family.ORDERS,
                        command.aggregateId());
                String version = redis.sync().hget(key, ViewKeys.VERSION_FIELD);
                assertThat(version).as("version of view %s", key).isNotNull();
                assertThat(Long.parseLong(version)).as("version of view %s", key).isGreaterThanOrEqualTo(command.version());
            }
        } finally {
            client.shutdown();
        }
        ViewVerifier.Report report = new ViewVerifier(infrastructure.postgres.getJdbcUrl(), infrastructure.postgres.getUsername(),
                infrastructure.postgres.getPassword(), infrastructure.redisUri()).verify(null, null);
        assertThat(report.drifted()).as(report.lastLine()).isEmpty();
        try (AdminClient admin = kafkaAdmin()) {
            assertThat(endOffsets(admin, List.of("shop.cart.events.dlt", "shop.order.events.dlt")).values())
                    .as("records dead-lettered").allMatch(offset -> offset == 0);
        }
    }

    /** Every stored event relayed (each relay's token at the store's last position), every record consumed. */
    private static boolean noLag() {
        try (Connection db = database(); AdminClient admin = kafkaAdmin()) {
            for (String schema : new String[]{"cart", "orders"}) {
                if (relayedUpTo(db, schema) < lastPosition(db, schema)) {
                    return false;
                }
            }
            return consumed(admin, "cache-projector", List.of("shop.cart.events", "shop.order.events"))
                    && consumed(admin, "order-service", List.of("shop.cart.events"));
        } catch (Exception e) {
            return false; // not reachable yet
        }
    }

    private static long lastPosition(Connection db, String schema) throws SQLException {
        try (ResultSet row = db.createStatement().executeQuery("select coalesce(max(globalindex), -1) from " + schema + ".domainevententry")) {
            row.next();
            return row.getLong(1);
        }
    }

    private static final Pattern TOKEN_INDEX = Pattern.compile("\"index\"\\s*:\\s*(\\d+)");

    /** The position the relay's tracking token has reached (its JSON, as Axon's Jackson serializer stores it). */
    private static long relayedUpTo(Connection db, String schema) throws SQLException {
        try (ResultSet rows = db.createStatement().executeQuery(
                "select token from " + schema + ".tokenentry where processorname = 'kafka-relay' and token is not null")) {
            long index = -1;
            while (rows.next()) {
                Matcher matcher = TOKEN_INDEX.matcher(new String(rows.getBytes(1), StandardCharsets.UTF_8));
                if (matcher.find()) {
                    index = Math.max(index, Long.parseLong(matcher.group(1)));
                }
            }
            return index;
        }
    }

    private static boolean consumed(AdminClient admin, String group, List<String> topics) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        for (Map.Entry<TopicPartition, Long> end : endOffsets(admin, topics).entrySet()) {
            OffsetAndMetadata at = committed.get(end.getKey());
            if ((at == null ? 0 : at.offset()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static Map<TopicPartition, Long> endOffsets(AdminClient admin, List<String> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get().forEach((topic, description) ->
                description.partitions().forEach(partition -> latest.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest())));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get().forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    private static Connection database() throws SQLException {
        return DriverManager.getConnection(infrastructure.postgres.getJdbcUrl(), infrastructure.postgres.getUsername(),
                infrastructure.postgres.getPassword());
    }

    private static AdminClient kafkaAdmin() {
        return AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafka.getBootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000));
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("still waiting after %s for %s", timeout, what).isLessThan(deadline);
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
