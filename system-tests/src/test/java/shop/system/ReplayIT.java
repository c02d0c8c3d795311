package shop.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import picocli.CommandLine;
import shop.contracts.cart.CartItemQuantityChanged;
import shop.contracts.cart.CartOpened;
import shop.contracts.cart.ItemAddedToCart;
import shop.contracts.envelope.EventCodec;
import shop.contracts.envelope.EventEnvelope;
import shop.contracts.view.ViewKeys;
import shop.testsupport.SharedContainers;
import shop.testsupport.TestTokens;
import shop.testsupport.TopicReader;
import shop.tools.ShopTools;

/**
 * {@code ./shop replay} against the real services: old event revisions replay, republish reaches a fresh
 * consumer group with the relay's envelope, reset-offsets refuses a live group, and rebuilds switch views
 * under load without a query seeing a missing view or a version going back, also after a crash half-way.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplayIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String CUSTOMER = "replay-" + System.nanoTime();
    static final String TOKEN = TestTokens.customer(CUSTOMER);
    static ServiceProcess cartService;
    static ServiceProcess orderService;
    static ServiceProcess projector;
    static RedisClient redisClient;
    static StatefulRedisConnection<String, String> redis;
    static String upcastCart;
    static String freshGroup;
    static String republishTopic;

    @BeforeAll
    static void startTheShop() {
        SharedContainers.start();
        cartService = ServiceProcess.start("cart-service");
        orderService = ServiceProcess.start("order-service");
        projector = ServiceProcess.start("cache-projector");
        redisClient = RedisClient.create(redisUri());
        redis = redisClient.connect();
    }

    @AfterAll
    static void stopTheShop() {
        if (redis != null) {
            redis.close();
            redisClient.shutdown();
        }
        for (ServiceProcess service : new ServiceProcess[]{projector, orderService, cartService}) {
            if (service != null) {
                service.stop();
            }
        }
    }

    @Test
    @Order(1)
    void eventsStoredAtAnOldRevisionStillLoadFoldAndReplay() throws Exception {
        upcastCart = UUID.randomUUID().toString();
        try (Connection db = database()) {
            store(db, upcastCart, 0, CartOpened.class, null, EventCodec.encode(new CartOpened(upcastCart, CUSTOMER)));
            store(db, upcastCart, 1, ItemAddedToCart.class, null,
                    EventCodec.encode(new ItemAddedToCart(upcastCart, "MUG-CQRS", "CQRS mug", 1290, "EUR", 2)));
            // revision 1 of CartItemQuantityChanged, as stored before the field was renamed: no revision, "quantity"
            store(db, upcastCart, 2, CartItemQuantityChanged.class, null,
                    ("{\"cartId\":\"" + upcastCart + "\",\"sku\":\"MUG-CQRS\",\"quantity\":7}").getBytes(StandardCharsets.UTF_8));
        }

        // the aggregate loads through Axon's upcaster: the line holds 7, so 93 more would exceed 99
        call(cartService, "POST", "/api/carts/" + upcastCart + "/items", "{\"sku\": \"MUG-CQRS\", \"quantity\": 93}", 409);
        assertThat(call(cartService, "POST", "/api/carts/" + upcastCart + "/items", "{\"sku\": \"MUG-CQRS\", \"quantity\": 92}", 200)
                .get("version").asLong()).isEqualTo(3);

        // the relay sent the upcast event, so the projector's view agrees
        JsonNode view = awaitView(cartService, "/api/carts/" + upcastCart + "?minVersion=3");
        assertThat(view.get("lines").get(0).get("quantity").asInt()).isEqualTo(99);

        // and the tools fold the old row with the same upcast
        Run history = tool("replay", "history", "--aggregate", upcastCart, "--at", "2", "--jdbc-url", jdbcUrl(),
                "--db-user", SharedContainers.POSTGRES.getUsername(), "--db-password", SharedContainers.POSTGRES.getPassword());
        assertThat(history.exitCode()).as(history.out()).isZero();
        assertThat(history.out()).contains("shop.cart.CartItemQuantityChanged", "\"newQuantity\":7", "state at sequence 2",
                "\"quantity\" : 7", "\"version\" : 2");
        assertThat(history.out().lines().filter(line -> line.startsWith("*"))).hasSize(1); // sequence 3, after --at
    }

    @Test
    @Order(2)
    void republishSendsARangeInTheRelaysEnvelopeToAFreshConsumerGroup() throws Exception {
        List<Long> positions = new ArrayList<>();
        try (Connection db = database();
             PreparedStatement query = db.prepareStatement(
                     "select globalindex from cart.domainevententry where aggregateidentifier = ? order by globalindex")) {
            query.setString(1, upcastCart);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    positions.add(rows.getLong(1));
                }
            }
        }
        assertThat(positions).hasSize(4);
        String topic = "replay-it-" + System.nanoTime();
        republishTopic = topic;
        long started = System.nanoTime();
        Run republish = tool(withStore("replay", "republish", "--stream", "CART", "--aggregate", upcastCart,
                "--from-position", positions.get(1).toString(), "--to-position", positions.get(3).toString(),
                "--topic", topic, "--rate", "5", "--bootstrap-servers", SharedContainers.KAFKA.getBootstrapServers()));
        assertThat(republish.exitCode()).as(republish.out()).isZero();
        assertThat(republish.out()).contains("republish: 3 events");
        assertThat(System.nanoTime() - started).as("3 events at 5/s").isGreaterThan(Duration.ofMillis(400).toNanos());

        freshGroup = "replay-it-group-" + System.nanoTime();
        List<EventEnvelope> republished = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer(freshGroup)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (republished.size() < 3 && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> republished.add(EventEnvelope.from(record)));
            }
            consumer.commitSync();
        }
        List<EventEnvelope> relayed = TopicReader.readUntil(SharedContainers.KAFKA.getBootstrapServers(), "shop.cart.events",
                        Duration.ofSeconds(60), records -> records.stream().filter(record -> upcastCart.equals(record.key())).count() == 4)
                .stream().filter(record -> upcastCart.equals(record.key())).map(EventEnvelope::from).toList();
        // exactly what the relay sent for those positions: same id, type, source, time, sequence, position, data
        assertThat(republished).containsExactlyElementsOf(relayed.subList(1, 4));
        assertThat(republished.get(1).type()).isEqualTo("shop.cart.CartItemQuantityChanged");
        assertThat(new String(republished.get(1).data(), StandardCharsets.UTF_8)).contains("\"newQuantity\":7");
    }

    @Test
    @Order(3)
    void resetOffsetsRefusesWhileTheGroupHasMembersAndResetsOtherwise() throws Exception {
        Run refused = tool("replay", "reset-offsets", "--group", "cache-projector", "--to-earliest",
                "--bootstrap-servers", SharedContainers.KAFKA.getBootstrapServers());
        assertThat(refused.exitCode()).isEqualTo(3);
        assertThat(refused.err()).contains("refused", "cache-projector", "active member");

        Run reset = tool("replay", "reset-offsets", "--group", freshGroup, "--to-earliest",
                "--bootstrap-servers", SharedContainers.KAFKA.getBootstrapServers());
        assertThat(reset.exitCode()).as(reset.err()).isZero();
        assertThat(reset.out()).contains("reset-offsets: group " + freshGroup);
        try (KafkaConsumer<String, byte[]> consumer = consumer(freshGroup)) {
            consumer.subscribe(List.of(republishTopic));
            List<ConsumerRecord<String, byte[]>> again = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (again.size() < 3 && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(again::add);
            }
            assertThat(again).as("the group consumes the topic again from the start").hasSize(3);
        }
    }

    @Test
    @Order(3)
    void anAggregateOrATopicThatDoesNotExistIsAFailureNotAnEmptySuccess() throws Exception {
        Run verify = tool(withStore("verify", "--aggregate", "no-such-" + UUID.randomUUID(), "--redis", redisUri()));
        assertThat(verify.exitCode()).as(verify.err()).isEqualTo(1);
        assertThat(verify.err()).contains("no events of aggregate no-such-");

        String missing = "no-such-" + UUID.randomUUID() + ".dlt";
        Run redrive = tool("redrive", "--topic", missing, "--timeout", "PT20S",
                "--bootstrap-servers", SharedContainers.KAFKA.getBootstrapServers());
        assertThat(redrive.exitCode()).as(redrive.err()).isEqualTo(1);
        assertThat(redrive.err()).contains("redrive: no topic " + missing);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedContainers.KAFKA.getBootstrapServers()))) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).as("asking created it").doesNotContain(missing);
        }
    }

    @Test
    @Order(4)
    void aRebuildUnderLoadSwitchesWithoutAQuerySeeingAMissingViewOrAnOlderVersion() throws Exception {
        Map<ViewKeys.Family, Long> before = generations();
        try (Load load = new Load()) {
            load.awaitViews(20);
            long readsBefore = load.reads.get();
            Run rebuild = tool(withEndpoints("replay", "rebuild", "--view", "all", "--grace", "PT3S",
                    "--drain-after-switch", "PT2S", "--catch-up-timeout", "PT20S"));
            assertThat(rebuild.exitCode()).as(rebuild.err()).isZero();
            long readsDuring = load.reads.get() - readsBefore;
            Thread.sleep(2000); // reads after the switch, on the new generation
            load.stop();
            assertThat(load.violations).isEmpty();
            assertThat(readsDuring).as("queries answered during the rebuild").isGreaterThan(20);
            assertThat(load.errors).isEmpty();
            for (ViewKeys.Family family : ViewKeys.Family.values()) {
                assertThat(rebuild.out()).contains("rebuild " + family.cliName() + ": generation " + before.get(family)
                        + " -> " + (before.get(family) + 1));
            }
        }
        Map<ViewKeys.Family, Long> after = generations();
        for (ViewKeys.Family family : ViewKeys.Family.values()) {
            assertThat(after.get(family)).isEqualTo(before.get(family) + 1);
            assertThat(keysOf(family, before.get(family))).as("the old generation of " + family + " is deleted").isZero();
            assertThat(redis.sync().hget(family.control(), ViewKeys.BUILDING_FIELD)).isNull();
        }
        awaitVerified();
    }

    @Test
    @Order(5)
    void aRebuildKilledHalfWayContinuesWhenRunAgain() throws Exception {
        ViewKeys.Family carts = ViewKeys.Family.CARTS;
        long current = generations().get(carts);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ShopTools.class.getName()));
        command.addAll(List.of(withEndpoints("replay", "rebuild", "--view", "carts", "--rate", "100", "--chunk-size", "10")));
        Process rebuild = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("target", "replay-killed-rebuild.log").toFile())).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (redis.sync().hget(carts.control(), ViewKeys.RESUME_AFTER_FIELD) == null) {
            assertThat(rebuild.isAlive()).as("the rebuild still runs (see target/replay-killed-rebuild.log)").isTrue();
            assertThat(System.nanoTime()).as("a checkpoint within 90 s").isLessThan(deadline);
            Thread.sleep(20);
        }
        rebuild.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        Map<String, String> crashed = redis.sync().hgetall(carts.control());
        assertThat(crashed).containsEntry(ViewKeys.BUILDING_FIELD, Long.toString(current + 1));
        assertThat(ViewKeys.generation(crashed.get(ViewKeys.CURRENT_FIELD))).as("readers still use the old generation").isEqualTo(current);

        // meanwhile the shop goes on; the projector writes both generations: a new cart, and an open cart the
        // crashed pass had not reached, whose next event the projector can only mark dirty in the new generation
        String cartId = call(cartService, "POST", "/api/carts", null, 201).get("cartId").asText();
        call(cartService, "POST", "/api/carts/" + cartId + "/items", "{\"sku\": \"BOOK-DDD\", \"quantity\": 1}", 200);
        awaitView(cartService, "/api/carts/" + cartId + "?minVersion=1");
        String behind = lastOpenCartAfter(crashed.get(ViewKeys.RESUME_AFTER_FIELD));
        call(cartService, "POST", "/api/carts/" + behind + "/items", "{\"sku\": \"PEN-GEL\", \"quantity\": 1}", 200);
        awaitView(cartService, "/api/carts/" + behind + "?minVersion=3");
        assertThat(redis.sync().sismember(carts.dirty(), behind)).as("marked dirty in the building generation").isTrue();

        Run dryRun = tool(withEndpoints("replay", "rebuild", "--view", "carts", "--dry-run"));
        assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
        assertThat(dryRun.out()).contains("rebuild carts (dry run): current generation " + current,
                "would resume generation " + (current + 1) + " after aggregate " + crashed.get(ViewKeys.RESUME_AFTER_FIELD));
        assertThat(redis.sync().hgetall(carts.control())).as("a dry run changes nothing").isEqualTo(crashed);

        Run rerun = tool(withEndpoints("replay", "rebuild", "--view", "carts", "--grace", "PT1S", "--drain-after-switch", "PT1S"));
        assertThat(rerun.exitCode()).as(rerun.err()).isZero();
        assertThat(rerun.err()).contains("carts: resuming generation " + (current + 1), "continuing after aggregate "
                + crashed.get(ViewKeys.RESUME_AFTER_FIELD));
        Matcher folded = Pattern.compile("from ([\\d,]+) events").matcher(rerun.out());
        assertThat(folded.find()).as(rerun.out()).isTrue();
        assertThat(Long.parseLong(folded.group(1).replace(",", ""))).as("the rerun folds only what was left")
                .isLessThan(count("select count(*) from cart.domainevententry"));
        Matcher refolded = Pattern.compile("([\\d,]+) re-folded").matcher(rerun.out());
        assertThat(refolded.find()).as(rerun.out()).isTrue();
        assertThat(Long.parseLong(refolded.group(1).replace(",", ""))).as("dirty aggregates folded again").isPositive();
        assertThat(generations().get(carts)).isEqualTo(current + 1);
        assertThat(keysOf(carts, current)).isZero();
        assertThat(call(cartService, "GET", "/api/carts/" + cartId, null, 200).get("version").asLong()).isEqualTo(1);
        assertThat(call(cartService, "GET", "/api/carts/" + behind, null, 200).get("version").asLong()).isEqualTo(3);
        awaitVerified();
    }

    // ------------------------------------------------------------------ the load during a rebuild

    /**
     * Shoppers opening carts, adding items and checking out, and readers querying carts, orders and the
     * customer's order list, remembering the highest version (or count) answered so far: a query that answers
     * 404 for something an earlier query had answered, or a lower version (or count) than one answered
     * before it was sent, is a violation. (Two queries in flight at once may finish in either order.)
     */
    final class Load implements AutoCloseable {
        final AtomicBoolean running = new AtomicBoolean(true);
        final List<String> carts = new CopyOnWriteArrayList<>();
        final List<String> orders = new CopyOnWriteArrayList<>();
        final Map<String, Long> seen = new ConcurrentHashMap<>();
        final List<String> violations = Collections.synchronizedList(new ArrayList<>());
        final List<String> errors = Collections.synchronizedList(new ArrayList<>());
        final AtomicLong reads = new AtomicLong();
        final List<Thread> threads = new ArrayList<>();

        Load() {
            threads.add(new Thread(this::shop, "shopper"));
            threads.add(new Thread(this::read, "reader-1"));
            threads.add(new Thread(this::read, "reader-2"));
            threads.forEach(Thread::start);
        }

        void shop() {
            int n = 0;
            while (running.get()) {
                try {
                    String cartId = call(cartService, "POST", "/api/carts", null, 201).get("cartId").asText();
                    carts.add(cartId);
                    call(cartService, "POST", "/api/carts/" + cartId + "/items", "{\"sku\": \"MUG-CQRS\", \"quantity\": 1}", 200);
                    call(cartService, "POST", "/api/carts/" + cartId + "/items", "{\"sku\": \"BOOK-DDD\", \"quantity\": 2}", 200);
                    if (n++ % 2 == 0) {
                        orders.add(call(cartService, "POST", "/api/carts/" + cartId + "/checkout", """
                                {"shippingAddress": {"name": "R", "street": "S 1", "city": "C", "postalCode": "1", "country": "NL"}}""", 202)
                                .get("orderId").asText());
                    }
                } catch (Throwable e) {
                    errors.add("shopper: " + e);
                }
            }
        }

        void read() {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            while (running.get()) {
                try {
                    int kind = random.nextInt(3);
                    if (kind == 0 && !carts.isEmpty()) {
                        check("/api/carts/" + carts.get(random.nextInt(carts.size())), cartService);
                    } else if (kind == 1 && !orders.isEmpty()) {
                        check("/api/orders/" + orders.get(random.nextInt(orders.size())), orderService);
                    } else if (kind == 2) {
                        String what = "customer-orders";
                        long floor = seen.getOrDefault(what, -1L);
                        HttpResponse<String> page = get(orderService, "/api/customers/" + CUSTOMER + "/orders?size=1");
                        assertThat(page.statusCode()).isEqualTo(200);
                        remember(what, floor, JSON.readTree(page.body()).get("totalElements").asLong());
                    }
                } catch (Throwable e) {
                    errors.add("reader: " + e);
                }
            }
        }

        private void check(String path, ServiceProcess service) throws Exception {
            long floor = seen.getOrDefault(path, -1L);
            HttpResponse<String> response = get(service, path);
            if (response.statusCode() == 404) {
                if (floor >= 0) {
                    violations.add(path + " answered 404 after version " + floor + " was read");
                }
                return;
            }
            assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
            remember(path, floor, JSON.readTree(response.body()).get("version").asLong());
        }

        /** @param floor the highest value answered before this query was sent */
        private void remember(String what, long floor, long value) {
            reads.incrementAndGet();
            if (value < floor) {
                violations.add(what + " went back from " + floor + " to " + value);
            }
            seen.merge(what, value, Math::max);
        }

        void awaitViews(int count) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (seen.size() < count && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(seen.size()).as("views read before the rebuild").isGreaterThanOrEqualTo(count);
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread thread : threads) {
                thread.join(30_000);
            }
        }

        @Override
        public void close() throws InterruptedException {
            stop();
        }
    }

    // ------------------------------------------------------------------ helpers

    record Run(int exitCode, String out, String err) {
    }

    /** Runs shop-tools in this JVM, as {@code ./shop} would, capturing what it prints. */
    static synchronized Run tool(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
            int exitCode = new CommandLine(new ShopTools()).execute(args);
            return new Run(exitCode, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
            out.print(stdout.toString(StandardCharsets.UTF_8));
        }
    }

    static String[] withStore(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--jdbc-url", jdbcUrl(), "--db-user", SharedContainers.POSTGRES.getUsername(),
                "--db-password", SharedContainers.POSTGRES.getPassword()));
        return all.toArray(String[]::new);
    }

    static String[] withEndpoints(String... args) {
        List<String> all = new ArrayList<>(List.of(withStore(args)));
        all.addAll(List.of("--redis", redisUri(), "--bootstrap-servers", SharedContainers.KAFKA.getBootstrapServers()));
        return all.toArray(String[]::new);
    }

    static void awaitVerified() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        Run verify;
        do {
            Thread.sleep(500);
            verify = tool(withStore("replay", "verify", "--redis", redisUri()));
        } while (verify.exitCode() != 0 && System.nanoTime() < deadline);
        assertThat(verify.exitCode()).as(verify.out()).isZero();
        assertThat(verify.out()).contains(" 0 drifted");
    }

    static Map<ViewKeys.Family, Long> generations() {
        Map<ViewKeys.Family, Long> generations = new java.util.EnumMap<>(ViewKeys.Family.class);
        for (ViewKeys.Family family : ViewKeys.Family.values()) {
            generations.put(family, ViewKeys.generation(redis.sync().hget(family.control(), ViewKeys.CURRENT_FIELD)));
        }
        return generations;
    }

    static long keysOf(ViewKeys.Family family, long generation) {
        long keys = 0;
        io.lettuce.core.ScanCursor cursor = io.lettuce.core.ScanCursor.INITIAL;
        do {
            var page = redis.sync().scan(cursor, ScanArgs.Builder.matches(family.pattern(generation)).limit(1000));
            keys += page.getKeys().size();
            cursor = page;
        } while (!cursor.isFinished());
        return keys;
    }

    static void store(Connection db, String aggregateId, long sequence, Class<?> type, String revision, byte[] payload) throws Exception {
        try (PreparedStatement insert = db.prepareStatement("insert into cart.domainevententry (aggregateidentifier, sequencenumber,"
                + " type, eventidentifier, metadata, payload, payloadrevision, payloadtype, timestamp) values (?, ?, 'Cart', ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, aggregateId);
            insert.setLong(2, sequence);
            insert.setString(3, UUID.randomUUID().toString());
            insert.setBytes(4, "{}".getBytes(StandardCharsets.UTF_8));
            insert.setBytes(5, payload);
            insert.setString(6, revision);
            insert.setString(7, type.getName());
            insert.setString(8, Instant.now().toString());
            insert.executeUpdate();
        }
    }

    /** The last cart (by id) of this test's customer that is still open with two items, after {@code aggregateId}. */
    static String lastOpenCartAfter(String aggregateId) throws Exception {
        try (Connection db = database(); PreparedStatement query = db.prepareStatement(
                "select aggregateidentifier from cart.domainevententry where aggregateidentifier > ?"
                        + " group by aggregateidentifier having max(sequencenumber) = 2"
                        + " and bool_or(payloadtype like '%CartOpened' and convert_from(payload, 'UTF8') like ?)"
                        + " order by aggregateidentifier desc limit 1")) {
            query.setString(1, aggregateId);
            query.setString(2, "%\"" + CUSTOMER + "\"%");
            try (ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).as("an open cart after " + aggregateId).isTrue();
                return rows.getString(1);
            }
        }
    }

    static long count(String sql) throws Exception {
        try (Connection db = database(); PreparedStatement query = db.prepareStatement(sql); ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    static Connection database() throws Exception {
        return DriverManager.getConnection(jdbcUrl(), SharedContainers.POSTGRES.getUsername(), SharedContainers.POSTGRES.getPassword());
    }

    static String jdbcUrl() {
        return SharedContainers.POSTGRES.getJdbcUrl();
    }

    static String redisUri() {
        return "redis://" + SharedContainers.redisHost() + ":" + SharedContainers.redisPort();
    }

    static KafkaConsumer<String, byte[]> consumer(String group) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedContainers.KAFKA.getBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
    }

    static HttpResponse<String> get(ServiceProcess service, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + path)).header("Authorization", "Bearer " + TOKEN)
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode call(ServiceProcess service, String method, String path, String body, int expectedStatus) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + TOKEN)
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expectedStatus);
        return JSON.readTree(response.body());
    }

    static JsonNode awaitView(ServiceProcess service, String path) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            HttpResponse<String> response = get(service, path);
            if (response.statusCode() == 200) {
                return JSON.readTree(response.body());
            }
            assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isIn(404, 503);
            assertThat(System.nanoTime()).as("GET %s not there after 90 s", path).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
