package shop.tools.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import shop.contracts.envelope.EventCodec;
import shop.contracts.envelope.EventEnvelope;
import shop.contracts.revision.EventRevisions;
import shop.contracts.view.ViewKeys;
import shop.tools.EventStoreOptions;
import shop.tools.Progress;
import shop.tools.Redis;
import shop.tools.RedisOptions;
import shop.tools.replay.ViewRebuild;
import shop.tools.store.EventStore;

/**
 * The rebuild's throughput against what the same PostgreSQL and Redis allow for its I/O alone. It stores N cart
 * events (realistic streams, as Axon stores them) in {@code cart.domainevententry}, then, in one run: reads
 * every row of that table in the rebuild's order through the same server-side cursor without decoding anything
 * (the read limit); rebuilds the carts views with the real tool (the same code as {@code ./shop replay rebuild
 * --view carts}); and writes as many views of the same JSON with pipelined HSETs, one chunk in flight, as the
 * rebuild does (the write limit, in the events those views stand for). The rebuild reads and writes at once, so
 * its limit is the slower of the two. The bench's rows and views are deleted afterwards.
 */
@Command(name = "rebuild", mixinStandardHelpOptions = true,
        description = "Rebuild events/s vs. the same PostgreSQL merely reading the rows and the same Redis merely writing the views")
public class RebuildBenchmark implements Callable<Integer> {

    @Mixin
    EventStoreOptions store;

    @Mixin
    RedisOptions redisOptions;

    @Option(names = "--events", defaultValue = "1000000", description = "cart events to store and rebuild from (default: ${DEFAULT-VALUE})")
    int events;

    @Option(names = "--catalog-url", defaultValue = "http://localhost:8081",
            description = "cart-service, for real product names and prices in the events (default: ${DEFAULT-VALUE})")
    String catalogUrl;

    private static final String PREFIX = "rebuild-bench-";

    @Override
    public Integer call() throws Exception {
        long stamp = System.currentTimeMillis();
        System.out.printf("rebuild benchmark: %,d cart events in %s, load average %.1f%n", events, store.jdbcUrl, BenchCommand.loadAverage());
        Properties properties = new Properties();
        properties.setProperty("user", store.user);
        properties.setProperty("password", store.password);
        properties.setProperty("reWriteBatchedInserts", "true");
        try (Connection db = DriverManager.getConnection(store.jdbcUrl, properties);
             Redis redis = redisOptions.connect()) {
            long total = seed(db, stamp);
            String result;
            try {
                double readRate = total / readAll(db);
                System.out.printf("postgres read: %,.0f events/s (%,d rows, fetch size %d)%n", readRate, total, EventStore.FETCH_SIZE);

                long started = System.nanoTime();
                try (EventStore events = new EventStore(store)) {
                    new ViewRebuild(events, redis, null, ViewRebuild.Settings.immediate(), System.err)
                            .rebuild(EnumSet.of(ViewKeys.Family.CARTS)).forEach(outcome -> System.out.println(outcome.line()));
                }
                double rebuildRate = total / ((System.nanoTime() - started) / 1e9);
                System.out.printf("rebuild: %,.0f events/s%n", rebuildRate);

                double writeRate = total / writeViews(db, redis, stamp);
                System.out.printf("redis write: %,.0f events/s (the same views by pipelined HSET)%n", writeRate);

                double limit = Math.min(readRate, writeRate);
                result = "rebuild: %.0f events/s, limit: %.0f events/s, ratio %.2f".formatted(rebuildRate, limit, rebuildRate / limit);
            } finally {
                cleanUp(db, redis);
            }
            // after the clean-up's line: the result is the last line, the one scripts read
            System.out.println(result);
        }
        return 0;
    }

    /** Stores the bench's events as Axon would; answers how many rows the table holds now (the rebuild folds all). */
    private long seed(Connection db, long stamp) throws Exception {
        CartStreams streams = new CartStreams(stamp, CartStreams.catalog(catalogUrl), 2000, 10_000, 3, 17);
        Progress progress = new Progress("storing events", events, "events", System.err);
        db.setAutoCommit(false);
        try (PreparedStatement insert = db.prepareStatement("insert into cart.domainevententry (aggregateidentifier, sequencenumber,"
                + " type, eventidentifier, metadata, payload, payloadrevision, payloadtype, timestamp) values (?, ?, 'Cart', ?, ?, ?, ?, ?, ?)")) {
            for (int i = 1; i <= events; i++) {
                EventEnvelope envelope = streams.next();
                String payloadType = EventCodec.decode(envelope).getClass().getName();
                insert.setString(1, PREFIX + envelope.subject());
                insert.setLong(2, envelope.sequence());
                insert.setString(3, envelope.id());
                insert.setBytes(4, ("{\"traceparent\":\"" + envelope.traceparent() + "\"}").getBytes(StandardCharsets.UTF_8));
                insert.setBytes(5, envelope.data());
                insert.setString(6, EventRevisions.current(payloadType));
                insert.setString(7, payloadType);
                insert.setString(8, envelope.time().toString());
                insert.addBatch();
                if (i % 5000 == 0 || i == events) {
                    insert.executeBatch();
                    db.commit();
                    progress.advance(i % 5000 == 0 ? 5000 : i % 5000);
                }
            }
        }
        progress.finish();
        try (PreparedStatement analyze = db.prepareStatement("analyze cart.domainevententry")) {
            analyze.execute();
        }
        db.commit();
        try (PreparedStatement count = db.prepareStatement("select count(*) from cart.domainevententry");
             ResultSet rows = count.executeQuery()) {
            rows.next();
            long total = rows.getLong(1);
            db.commit();
            return total;
        }
    }

    /** Seconds to read every row, every column the rebuild reads, in its order, without decoding. */
    private static double readAll(Connection db) throws Exception {
        long started = System.nanoTime();
        try (PreparedStatement query = db.prepareStatement("select globalindex, aggregateidentifier, sequencenumber, timestamp,"
                + " eventidentifier, metadata, payloadtype, payloadrevision, payload from cart.domainevententry"
                + " order by aggregateidentifier, sequencenumber")) {
            query.setFetchSize(EventStore.FETCH_SIZE);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    rows.getLong(1);
                    rows.getString(2);
                    rows.getLong(3);
                    rows.getString(4);
                    rows.getString(5);
                    rows.getBytes(6);
                    rows.getString(7);
                    rows.getString(8);
                    rows.getBytes(9);
                }
            }
        }
        db.commit();
        return (System.nanoTime() - started) / 1e9;
    }

    /** Seconds to write the rebuilt views again, to fresh keys, as the rebuild writes them: chunks, one in flight. */
    private static double writeViews(Connection db, Redis redis, long stamp) throws Exception {
        long generation = ViewKeys.generation(redis.sync().hget(ViewKeys.Family.CARTS.control(), ViewKeys.CURRENT_FIELD));
        List<String> ids = aggregateIds(db);
        List<String[]> views = new ArrayList<>(ids.size());
        RedisClusterAsyncCommands<String, String> async = redis.async();
        for (int from = 0; from < ids.size(); from += 1000) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 1000));
            List<RedisFuture<List<KeyValue<String, String>>>> reads = new ArrayList<>(chunk.size());
            for (String id : chunk) {
                reads.add(async.hmget(ViewKeys.Family.CARTS.key(generation, id), ViewKeys.VERSION_FIELD, ViewKeys.JSON_FIELD));
            }
            for (int i = 0; i < chunk.size(); i++) {
                List<KeyValue<String, String>> fields = reads.get(i).get(30, TimeUnit.SECONDS);
                views.add(new String[]{"bench-write:" + stamp + ":{" + chunk.get(i) + "}", fields.get(0).getValue(), fields.get(1).getValue()});
            }
        }
        long started = System.nanoTime();
        List<RedisFuture<?>> inFlight = List.of();
        for (int from = 0; from < views.size(); from += 500) {
            List<RedisFuture<?>> futures = new ArrayList<>(500);
            redis.setAutoFlushCommands(false);
            for (String[] view : views.subList(from, Math.min(views.size(), from + 500))) {
                futures.add(async.hset(view[0], java.util.Map.of(ViewKeys.VERSION_FIELD, view[1], ViewKeys.JSON_FIELD, view[2])));
            }
            redis.flushCommands();
            redis.setAutoFlushCommands(true);
            for (RedisFuture<?> future : inFlight) {
                future.get(30, TimeUnit.SECONDS);
            }
            inFlight = futures;
        }
        for (RedisFuture<?> future : inFlight) {
            future.get(30, TimeUnit.SECONDS);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        for (int from = 0; from < views.size(); from += 1000) {
            async.unlink(views.subList(from, Math.min(views.size(), from + 1000)).stream().map(view -> view[0]).toArray(String[]::new))
                    .get(30, TimeUnit.SECONDS);
        }
        return seconds;
    }

    private static List<String> aggregateIds(Connection db) throws Exception {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement query = db.prepareStatement("select distinct aggregateidentifier from cart.domainevententry")) {
            query.setFetchSize(EventStore.FETCH_SIZE);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
        }
        db.commit();
        return ids;
    }

    private static void cleanUp(Connection db, Redis redis) throws Exception {
        long generation = ViewKeys.generation(redis.sync().hget(ViewKeys.Family.CARTS.control(), ViewKeys.CURRENT_FIELD));
        List<String> ids = aggregateIds(db).stream().filter(id -> id.startsWith(PREFIX)).toList();
        for (int from = 0; from < ids.size(); from += 1000) {
            redis.async().unlink(ids.subList(from, Math.min(ids.size(), from + 1000)).stream()
                    .map(id -> ViewKeys.Family.CARTS.key(generation, id)).toArray(String[]::new)).get(30, TimeUnit.SECONDS);
        }
        try (PreparedStatement delete = db.prepareStatement("delete from cart.domainevententry where aggregateidentifier like ?")) {
            delete.setString(1, PREFIX + "%");
            System.out.printf("cleanup: deleted %,d bench events and %,d views%n", delete.executeUpdate(), ids.size());
        }
        db.commit();
    }
}
