package shop.tools.verify;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import shop.contracts.view.ViewKeys;
import shop.tools.Progress;
import shop.tools.Redis;
import shop.tools.store.EventStore;
import shop.tools.store.EventStream;

/**
 * Folds the event store, aggregate by aggregate, with the same folds the projector applies, and compares
 * each result with the view in Redis, in the generation readers use now. A view that differs, or is missing,
 * has drifted. Each customer's list of orders counts as a view too: it must hold exactly the orders the store
 * has placed for that customer, scored by the time each was placed (for one order: its entry in its
 * customer's list).
 */
public final class ViewVerifier {

    public record Drift(String key, String expected, String actual) {
    }

    public record Report(int checked, List<Drift> drifted) {

        public boolean clean() {
            return drifted.isEmpty();
        }

        public String lastLine() {
            return "verify: " + checked + " views checked, " + drifted.size() + " drifted";
        }
    }

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final String redisUri;
    private final boolean redisCluster;

    /** Views in a single Redis server. */
    public ViewVerifier(String jdbcUrl, String user, String password, String redisUri) {
        this(jdbcUrl, user, password, redisUri, false);
    }

    /** @param redisCluster whether {@code redisUri} names a Redis Cluster (see {@link Redis#connect}) */
    public ViewVerifier(String jdbcUrl, String user, String password, String redisUri, boolean redisCluster) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.redisUri = redisUri;
        this.redisCluster = redisCluster;
    }

    /**
     * @param aggregateId only this aggregate, or null for all
     * @param progress    where to draw progress, or null
     */
    public Report verify(String aggregateId, PrintStream progress) throws Exception {
        try (Redis redis = Redis.connect(redisUri, redisCluster);
             EventStore store = new EventStore(jdbcUrl, user, password)) {
            List<Drift> drifted = new ArrayList<>();
            int checked = 0;
            for (EventStream stream : EventStream.values()) {
                checked += verify(stream, aggregateId, store, redis.sync(), drifted, progress);
            }
            return new Report(checked, drifted);
        }
    }

    private int verify(EventStream stream, String aggregateId, EventStore store, RedisClusterCommands<String, String> redis,
                       List<Drift> drifted, PrintStream progress) throws Exception {
        ViewKeys.Family family = stream.families.get(0);
        long generation = ViewKeys.generation(redis.hget(family.control(), ViewKeys.CURRENT_FIELD));
        List<Object> parameters = aggregateId == null ? List.of() : List.of(aggregateId);
        String where = aggregateId == null ? null : "aggregateidentifier = ?";
        Progress bar = new Progress("verify " + family.cliName(), store.count(stream, where, parameters), "events", progress);
        int[] checked = {0};
        Object[] folding = {null, null}; // aggregate id, view
        Map<String, Map<String, Double>> placed = new TreeMap<>(); // customer -> order -> time placed, in ms
        store.read(stream, where, parameters, "aggregateidentifier, sequencenumber", event -> {
            EventStream.CustomerOrder entry = EventStream.customerOrder(event);
            if (entry != null) {
                placed.computeIfAbsent(entry.customerId(), customer -> new TreeMap<>()).put(entry.orderId(), (double) entry.placedAtMillis());
            }
            if (!event.aggregateId().equals(folding[0])) {
                if (folding[0] != null) {
                    compare(stream, family.key(generation, (String) folding[0]), folding[1], redis, drifted);
                    checked[0]++;
                }
                folding[0] = event.aggregateId();
                folding[1] = null;
            }
            folding[1] = stream.fold(folding[1], event);
            bar.advance(1);
        });
        if (folding[0] != null) {
            compare(stream, family.key(generation, (String) folding[0]), folding[1], redis, drifted);
            checked[0]++;
        }
        bar.finish();
        if (stream.families.contains(ViewKeys.Family.CUSTOMER_ORDERS)) {
            checked[0] += verifyCustomerOrders(placed, aggregateId == null, redis, drifted);
        }
        return checked[0];
    }

    /**
     * Each customer's order list against the orders placed for them ({@code whole}), or only the entries of those
     * orders (verifying one order).
     */
    private static int verifyCustomerOrders(Map<String, Map<String, Double>> placed, boolean whole,
                                            RedisClusterCommands<String, String> redis, List<Drift> drifted) {
        ViewKeys.Family family = ViewKeys.Family.CUSTOMER_ORDERS;
        long generation = ViewKeys.generation(redis.hget(family.control(), ViewKeys.CURRENT_FIELD));
        placed.forEach((customer, expected) -> {
            String key = family.key(generation, customer);
            Map<String, Double> actual = new TreeMap<>();
            if (whole) {
                redis.zrangeWithScores(key, 0, -1).forEach(scored -> actual.put(scored.getValue(), scored.getScore()));
            } else {
                expected.keySet().forEach(order -> {
                    Double score = redis.zscore(key, order);
                    if (score != null) {
                        actual.put(order, score);
                    }
                });
            }
            if (!expected.equals(actual)) {
                drifted.add(new Drift(key, write(expected), write(actual)));
            }
        });
        return placed.size();
    }

    private static void compare(EventStream stream, String key, Object expected, RedisClusterCommands<String, String> redis,
                                List<Drift> drifted) {
        String stored = redis.hget(key, ViewKeys.JSON_FIELD);
        Object actual = null;
        try {
            actual = stored == null ? null : JSON.readValue(stored, stream.viewType);
        } catch (java.io.IOException e) {
            // unreadable: drifted, shown as stored
        }
        if (!Objects.equals(expected, actual)) {
            drifted.add(new Drift(key, write(expected), stored));
        }
    }

    private static String write(Object view) {
        try {
            return JSON.writeValueAsString(view);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
