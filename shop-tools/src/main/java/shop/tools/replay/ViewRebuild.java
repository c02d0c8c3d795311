package shop.tools.replay;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import shop.contracts.view.ViewKeys;
import shop.contracts.view.ViewKeys.Family;
import shop.tools.Progress;
import shop.tools.Redis;
import shop.tools.store.EventStore;
import shop.tools.store.EventStream;
import shop.tools.store.StoredEvent;

/**
 * Rebuilds view families into a new generation of keys while the current one serves, then switches readers
 * and the projector over and deletes the old one (README, "Rebuilding a read model"):
 * <ol>
 * <li>register the new generation in the family's control hash; from the projector's next batch on, every
 * event is also applied to it leniently, or its aggregate is marked dirty;</li>
 * <li>fold every aggregate of the event store into it ("higher version wins"), checkpointing the last
 * aggregate written, so that a rerun after a crash continues there;</li>
 * <li>fold the dirty aggregates again until none is left and the projector has caught up;</li>
 * <li>switch with a script that refuses while any aggregate is dirty; keep draining dirty ids a moment;</li>
 * <li>after a grace period longer than any in-flight read, delete the old generation.</li>
 * </ol>
 */
public final class ViewRebuild {

    /**
     * @param grace            how long the old generation stays after the switch, for reads already under way
     * @param drainAfterSwitch how long to keep folding dirty aggregates after the switch (batches in flight)
     * @param catchUpTimeout   how long to wait for the projector to have no lag before switching anyway
     * @param rate             events folded per second at most; 0 for no limit
     * @param chunkSize        aggregates per pipelined write and checkpoint
     */
    public record Settings(Duration grace, Duration drainAfterSwitch, Duration catchUpTimeout, double rate, int chunkSize) {

        /** No waiting and no limits: for a store nobody writes to meanwhile. */
        public static Settings immediate() {
            return new Settings(Duration.ZERO, Duration.ZERO, Duration.ZERO, 0, DEFAULT_CHUNK);
        }
    }

    /** What one family's rebuild did. */
    public record Outcome(Family family, long from, long to, long events, long views, long refolded, String note) {

        public String line() {
            return String.format("rebuild %s: generation %d -> %d, %,d views from %,d events, %,d re-folded; %s",
                    family.cliName(), from, to, views, events, refolded, note);
        }
    }

    public static final int DEFAULT_CHUNK = 500;
    private static final int DIRTY_PER_ROUND = 500;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private final EventStore store;
    private final Redis connection;
    private final RedisClusterCommands<String, String> redis;
    private final ProjectorLag lag;
    private final Settings settings;
    private final PrintStream log;
    private final String higherWinsSha;

    /**
     * @param connection Redis, a single server or a cluster
     * @param lag        the projector's consumer lag, or null not to wait for it
     * @param log        where progress and steps are reported
     */
    public ViewRebuild(EventStore store, Redis connection, ProjectorLag lag,
                       Settings settings, PrintStream log) {
        this.store = store;
        this.connection = connection;
        this.redis = connection.sync();
        this.lag = lag;
        this.settings = settings;
        this.log = log;
        this.higherWinsSha = redis.scriptLoad(ViewKeys.HIGHER_VERSION_WINS);
    }

    /** Rebuilds {@code families}, those of one event stream together. */
    public List<Outcome> rebuild(Set<Family> families) throws Exception {
        List<Outcome> outcomes = new ArrayList<>();
        for (EventStream stream : EventStream.values()) {
            List<Family> wanted = stream.families.stream().filter(families::contains).toList();
            if (!wanted.isEmpty()) {
                outcomes.addAll(rebuild(stream, wanted));
            }
        }
        return outcomes;
    }

    /** What {@link #rebuild} would do, changing nothing. */
    public List<String> plan(Set<Family> families) throws Exception {
        List<String> lines = new ArrayList<>();
        for (Family family : families) {
            Map<String, String> control = redis.hgetall(family.control());
            long current = ViewKeys.generation(control.get(ViewKeys.CURRENT_FIELD));
            String building = control.get(ViewKeys.BUILDING_FIELD);
            String resumeAfter = control.get(ViewKeys.RESUME_AFTER_FIELD);
            EventStream stream = EventStream.of(family);
            long events = resumeAfter == null ? store.count(stream, null, List.of())
                    : store.count(stream, "aggregateidentifier > ?", List.of(resumeAfter));
            StringBuilder line = new StringBuilder("rebuild " + family.cliName() + " (dry run): current generation " + current);
            if (control.containsKey(ViewKeys.RETIRING_FIELD) && building == null) {
                line.append("; would finish the last rebuild: delete generation ").append(control.get(ViewKeys.RETIRING_FIELD));
            } else if (building != null) {
                line.append("; would resume generation ").append(building)
                        .append(resumeAfter == null ? " from the start" : " after aggregate " + resumeAfter);
            } else {
                line.append("; would build generation ").append(Math.max(current, ViewKeys.generation(control.get(ViewKeys.LAST_FIELD))) + 1);
            }
            line.append(String.format(", folding %,d events from %s.domainevententry, %,d dirty; then switch and delete generation %d after %s",
                    events, stream.schema, redis.scard(family.dirty()), current, settings.grace()));
            lines.add(line.toString());
        }
        return lines;
    }

    private List<Outcome> rebuild(EventStream stream, List<Family> wanted) throws Exception {
        List<Outcome> outcomes = new ArrayList<>();
        Map<Family, Long> building = new EnumMap<>(Family.class);
        Map<Family, Long> from = new EnumMap<>(Family.class);
        String resumeAfter = null;
        boolean fromStart = false;
        for (Family family : wanted) {
            Map<String, String> control = redis.hgetall(family.control());
            if (control.containsKey(ViewKeys.RETIRING_FIELD) && !control.containsKey(ViewKeys.BUILDING_FIELD)) {
                // an earlier run switched and then stopped: finish it rather than start over
                long current = ViewKeys.generation(control.get(ViewKeys.CURRENT_FIELD));
                long refolded = drainFor(stream, Map.of(family, current), settings.drainAfterSwitch());
                long retired = retire(family);
                outcomes.add(new Outcome(family, retired, current, 0, 0, refolded, "finished the earlier run, generation " + retired + " deleted"));
                continue;
            }
            from.put(family, ViewKeys.generation(control.get(ViewKeys.CURRENT_FIELD)));
            long generation = (Long) redis.eval(ViewKeys.REGISTER_BUILD, ScriptOutputType.INTEGER, family.control());
            building.put(family, generation);
            String checkpoint = control.get(ViewKeys.BUILDING_FIELD) == null ? null : control.get(ViewKeys.RESUME_AFTER_FIELD);
            if (checkpoint == null) {
                fromStart = true;
            } else if (resumeAfter == null || checkpoint.compareTo(resumeAfter) < 0) {
                resumeAfter = checkpoint;
            }
            log.printf("%s: %s generation %d (current %d)%n", family.cliName(),
                    control.get(ViewKeys.BUILDING_FIELD) == null ? "building" : "resuming", generation, from.get(family));
        }
        if (building.isEmpty()) {
            return outcomes;
        }
        if (fromStart) {
            resumeAfter = null;
        } else {
            log.printf("%s: continuing after aggregate %s%n", stream.schema, resumeAfter);
        }
        long[] counts = pass(stream, building, resumeAfter);
        long refolded = 0;
        for (int attempt = 1; ; attempt++) {
            refolded += catchUp(stream, building);
            List<Family> refused = new ArrayList<>();
            for (Family family : building.keySet()) {
                long retireAfter = System.currentTimeMillis() + settings.grace().toMillis();
                long switched = (Long) redis.eval(ViewKeys.SWITCH, ScriptOutputType.INTEGER,
                        new String[]{family.control(), family.dirty()}, Long.toString(building.get(family)), Long.toString(retireAfter));
                if (switched == -1) {
                    throw new IllegalStateException(family.cliName() + ": generation " + building.get(family)
                            + " is no longer the one building; another rebuild switched it");
                }
                if (switched == 0) {
                    refused.add(family);
                } else {
                    log.printf("%s: switched to generation %d%n", family.cliName(), building.get(family));
                }
            }
            building.keySet().retainAll(refused);
            if (building.isEmpty()) {
                break;
            }
            if (attempt == 100) {
                throw new IllegalStateException("views kept falling behind; the switch was refused 100 times: " + refused);
            }
        }
        Map<Family, Long> switched = new EnumMap<>(Family.class);
        for (Family family : from.keySet()) {
            switched.put(family, ViewKeys.generation(redis.hget(family.control(), ViewKeys.CURRENT_FIELD)));
        }
        refolded += drainFor(stream, switched, settings.drainAfterSwitch());
        for (Family family : from.keySet()) {
            long retired = retire(family);
            outcomes.add(new Outcome(family, from.get(family), switched.get(family), counts[0], counts[1], refolded,
                    "generation " + retired + " deleted"));
        }
        return outcomes;
    }

    /**
     * Folds every aggregate after {@code resumeAfter} into the building generations; answers events and views.
     * This thread reads rows; chunks of whole aggregates are decoded and folded on other threads and written,
     * in order, by one writer, so reading, folding and writing overlap.
     */
    private long[] pass(EventStream stream, Map<Family, Long> building, String resumeAfter) throws Exception {
        String where = resumeAfter == null ? null : "aggregateidentifier > ?";
        List<Object> parameters = resumeAfter == null ? List.of() : List.of(resumeAfter);
        Progress progress = new Progress("rebuild " + stream.schema, store.count(stream, where, parameters), "events", log);
        Writer writer = new Writer(building);
        int folders = Math.max(2, Runtime.getRuntime().availableProcessors());
        ExecutorService folding = Executors.newFixedThreadPool(folders, daemon("rebuild-fold"));
        ExecutorService writing = Executors.newSingleThreadExecutor(daemon("rebuild-write"));
        BlockingQueue<Future<Chunk>> inOrder = new ArrayBlockingQueue<>(2 * folders);
        Future<?> written = writing.submit(() -> {
            for (Chunk chunk = inOrder.take().get(); chunk != null; chunk = inOrder.take().get()) {
                writer.write(chunk, true);
            }
            writer.await();
            return null;
        });
        try {
            List<List<StoredEvent>> aggregates = new ArrayList<>();
            List<List<StoredEvent>> current = new ArrayList<>(1);
            long started = System.nanoTime();
            store.read(stream, where, parameters, "aggregateidentifier, sequencenumber", event -> {
                if (current.isEmpty() || !current.get(0).get(0).aggregateId().equals(event.aggregateId())) {
                    if (!current.isEmpty()) {
                        aggregates.add(current.remove(0));
                    }
                    if (aggregates.size() >= settings.chunkSize()) {
                        List<List<StoredEvent>> chunk = List.copyOf(aggregates);
                        aggregates.clear();
                        enqueue(inOrder, folding.submit(() -> fold(stream, chunk)), written);
                    }
                    current.add(new ArrayList<>());
                }
                current.get(0).add(event);
                progress.advance(1);
                pace(progress.done(), started);
            });
            aggregates.addAll(current);
            List<List<StoredEvent>> last = List.copyOf(aggregates);
            enqueue(inOrder, folding.submit(() -> fold(stream, last)), written);
            enqueue(inOrder, CompletableFuture.completedFuture(null), written);
            written.get();
        } finally {
            folding.shutdownNow();
            writing.shutdownNow();
        }
        progress.finish();
        return new long[]{progress.done(), writer.written};
    }

    private static void enqueue(BlockingQueue<Future<Chunk>> inOrder, Future<Chunk> chunk, Future<?> written) throws Exception {
        while (!inOrder.offer(chunk, 1, TimeUnit.SECONDS)) {
            if (written.isDone()) {
                written.get(); // the writer failed: its failure is the rebuild's
                throw new IllegalStateException("the writer stopped");
            }
        }
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Whole aggregates folded and ready to write. */
    private record Chunk(List<Folded> views, List<EventStream.CustomerOrder> entries, String lastAggregate) {
    }

    private record Folded(String aggregateId, long version, String json) {
    }

    /** Decodes and folds whole aggregates (each list one aggregate's events in sequence order). */
    private static Chunk fold(EventStream stream, List<List<StoredEvent>> aggregates) throws Exception {
        ObjectWriter writer = JSON.writerFor(stream.viewType);
        List<Folded> views = new ArrayList<>(aggregates.size());
        List<EventStream.CustomerOrder> entries = new ArrayList<>();
        for (List<StoredEvent> events : aggregates) {
            Object view = null;
            for (StoredEvent event : events) {
                view = stream.fold(view, event);
                EventStream.CustomerOrder entry = EventStream.customerOrder(event);
                if (entry != null) {
                    entries.add(entry);
                }
            }
            StoredEvent last = events.get(events.size() - 1);
            views.add(new Folded(last.aggregateId(), last.sequence(), writer.writeValueAsString(view)));
        }
        return new Chunk(views, entries, aggregates.isEmpty() ? null : views.get(views.size() - 1).aggregateId());
    }

    private void pace(long done, long started) throws InterruptedException {
        if (settings.rate() > 0) {
            long due = started + (long) (done / settings.rate() * 1e9);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
    }

    /** Folds dirty aggregates until none is left and the projector has no lag (or the wait is over). */
    private long catchUp(EventStream stream, Map<Family, Long> building) throws Exception {
        long refolded = 0;
        long deadline = System.nanoTime() + settings.catchUpTimeout().toNanos();
        while (true) {
            long folded = refoldDirty(stream, building);
            refolded += folded;
            if (folded > 0) {
                continue;
            }
            if (lag == null || lag.of(stream.topic) == 0) {
                return refolded;
            }
            if (System.nanoTime() > deadline) {
                log.printf("%s: the projector still lags after %s; switching anyway (correctness does not depend on it)%n",
                        stream.schema, settings.catchUpTimeout());
                return refolded;
            }
            Thread.sleep(50);
        }
    }

    private long drainFor(EventStream stream, Map<Family, Long> generations, Duration duration) throws Exception {
        long refolded = 0;
        long end = System.nanoTime() + duration.toNanos();
        do {
            refolded += refoldDirty(stream, generations);
            Thread.sleep(100);
        } while (System.nanoTime() < end);
        return refolded + refoldDirty(stream, generations);
    }

    /** One round: takes dirty ids and folds those aggregates again from the event store. */
    private long refoldDirty(EventStream stream, Map<Family, Long> generations) throws Exception {
        List<String> ids = new ArrayList<>();
        for (Family family : generations.keySet()) {
            ids.addAll(redis.spop(family.dirty(), DIRTY_PER_ROUND));
        }
        if (ids.isEmpty()) {
            return 0;
        }
        Map<String, List<StoredEvent>> aggregates = new LinkedHashMap<>();
        // one parameter, the array (List.of would spread it as varargs)
        store.read(stream, "aggregateidentifier = any(?)", List.of((Object) ids.toArray(String[]::new)),
                "aggregateidentifier, sequencenumber",
                event -> aggregates.computeIfAbsent(event.aggregateId(), id -> new ArrayList<>()).add(event));
        Writer writer = new Writer(generations);
        writer.write(fold(stream, new ArrayList<>(aggregates.values())), false);
        writer.await();
        return ids.size();
    }

    /** Waits out the grace period, then deletes the retiring generation's keys; answers that generation. */
    private long retire(Family family) throws Exception {
        Map<String, String> control = redis.hgetall(family.control());
        String retiring = control.get(ViewKeys.RETIRING_FIELD);
        if (retiring == null) {
            return -1;
        }
        long wait = Long.parseLong(control.getOrDefault(ViewKeys.RETIRE_AFTER_FIELD, "0")) - System.currentTimeMillis();
        if (wait > 0) {
            log.printf("%s: deleting generation %s in %d s, after reads that began before the switch%n", family.cliName(), retiring, wait / 1000);
            Thread.sleep(wait);
        }
        long generation = Long.parseLong(retiring);
        long deleted = 0;
        ScanCursor cursor = ScanCursor.INITIAL;
        // in a cluster, Lettuce's SCAN walks every master in turn and UNLINK splits its keys by slot
        do {
            KeyScanCursor<String> page = redis.scan(cursor, ScanArgs.Builder.matches(family.pattern(generation)).limit(1000));
            if (!page.getKeys().isEmpty()) {
                deleted += redis.unlink(page.getKeys().toArray(String[]::new));
            }
            cursor = page;
        } while (!cursor.isFinished());
        redis.hdel(family.control(), ViewKeys.RETIRING_FIELD, ViewKeys.RETIRE_AFTER_FIELD);
        log.printf("%s: deleted generation %d (%,d keys)%n", family.cliName(), generation, deleted);
        return generation;
    }

    /**
     * Pipelines the writes of a chunk: each view with "higher version wins", each customer-order entry with
     * ZADD. The chunk's checkpoint is written only once all of them are acknowledged: in a cluster they went to
     * other nodes over other connections, so their order is not the checkpoint's. One chunk is in flight while
     * the next is folded.
     */
    private final class Writer {
        final Map<Family, Long> generations;
        List<RedisFuture<?>> inFlight = List.of();
        String resumeAfter;
        long written;

        Writer(Map<Family, Long> generations) {
            this.generations = generations;
        }

        void write(Chunk chunk, boolean checkpoint) throws Exception {
            await();
            RedisClusterAsyncCommands<String, String> async = connection.async();
            List<RedisFuture<?>> futures = new ArrayList<>(chunk.views().size() + chunk.entries().size());
            connection.setAutoFlushCommands(false);
            try {
                for (Map.Entry<Family, Long> target : generations.entrySet()) {
                    Family family = target.getKey();
                    long generation = target.getValue();
                    if (family == Family.CUSTOMER_ORDERS) {
                        for (EventStream.CustomerOrder entry : chunk.entries()) {
                            futures.add(async.zadd(family.key(generation, entry.customerId()), entry.placedAtMillis(), entry.orderId()));
                        }
                    } else {
                        for (Folded view : chunk.views()) {
                            futures.add(async.evalsha(higherWinsSha, ScriptOutputType.INTEGER,
                                    new String[]{family.key(generation, view.aggregateId())}, Long.toString(view.version()), view.json()));
                        }
                    }
                }
                connection.flushCommands();
            } finally {
                connection.setAutoFlushCommands(true);
            }
            written += chunk.views().size();
            inFlight = futures;
            resumeAfter = checkpoint ? chunk.lastAggregate() : null;
        }

        /** Waits for the chunk in flight, then records its checkpoint. */
        void await() throws Exception {
            for (RedisFuture<?> future : inFlight) {
                future.get(60, TimeUnit.SECONDS);
            }
            inFlight = List.of();
            if (resumeAfter != null) {
                for (Family family : generations.keySet()) {
                    redis.hset(family.control(), ViewKeys.RESUME_AFTER_FIELD, resumeAfter);
                }
                resumeAfter = null;
            }
        }
    }
}
