package shop.projector.apply;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisPipelineException;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.stereotype.Component;

import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.cluster.api.async.RedisAdvancedClusterAsyncCommands;

import shop.contracts.view.ViewKeys;

/**
 * Reads and writes views in Redis, a whole batch per round trip. A write is a compare-and-set in one Lua
 * script: it lands only if the view's version is still the one the new view was folded from, so the JSON
 * and its version change together or not at all, and a stale or concurrent writer changes nothing. The same
 * script announces each write that lands on the view's channel ({@link ViewKeys#changes}), which wakes the
 * reads waiting for that version. A generation that a rebuild is filling is written with
 * {@link ViewKeys#HIGHER_VERSION_WINS} instead: no one reads it yet.
 *
 * <p>Commands go to the connection as bytes, not through {@code StringRedisTemplate}: its proxy and string
 * conversions cost a tenth of the projector's CPU, for a class whose JSON is bytes at both ends anyway.
 */
@Component
class ViewStore {

    private static final byte[] JSON = bytes(ViewKeys.JSON_FIELD);
    private static final byte[] VERSION = bytes(ViewKeys.VERSION_FIELD);
    private static final byte[] CURRENT = bytes(ViewKeys.CURRENT_FIELD);
    private static final byte[] BUILDING = bytes(ViewKeys.BUILDING_FIELD);
    private static final byte[] NO_VERSION = new byte[0];

    private final RedisConnectionFactory connections;

    ViewStore(RedisConnectionFactory connections) {
        this.connections = connections;
    }

    /** Views as read, with the generations of every view family read just before them. */
    record Snapshot(Generations generations, Map<String, StoredView> views) {
    }

    /**
     * The current and building generation of every view family, then the current view of every key that
     * {@code keys} hands to its consumer, in one round trip. Reads are sent as they are handed over, so Redis
     * answers the first ones while the caller is still working out the rest.
     */
    Snapshot readWithGenerations(Consumer<Consumer<String>> keys) {
        ViewKeys.Family[] families = ViewKeys.Family.values();
        List<String> read = new ArrayList<>();
        List<Object> replies = pipelined(connection -> {
            for (ViewKeys.Family family : families) {
                connection.hashCommands().hMGet(bytes(family.control()), CURRENT, BUILDING);
            }
            keys.accept(key -> {
                read.add(key);
                connection.hashCommands().hMGet(bytes(key), JSON, VERSION);
            });
        });
        return new Snapshot(generations(families, replies), views(read, replies.subList(families.length, replies.size())));
    }

    private static Generations generations(ViewKeys.Family[] families, List<Object> replies) {
        Map<ViewKeys.Family, Long> current = new EnumMap<>(ViewKeys.Family.class);
        Map<ViewKeys.Family, Long> building = new EnumMap<>(ViewKeys.Family.class);
        for (int i = 0; i < families.length; i++) {
            List<byte[]> fields = fields(replies.get(i));
            current.put(families[i], ViewKeys.generation(string(fields.get(0))));
            if (fields.get(1) != null) {
                building.put(families[i], ViewKeys.generation(string(fields.get(1))));
            }
        }
        return new Generations(current, building);
    }

    /** The current views of {@code keys}; a key without a view is absent from the answer. */
    Map<String, StoredView> read(List<String> keys) {
        return views(keys, pipelined(connection -> keys.forEach(key -> connection.hashCommands().hMGet(bytes(key), JSON, VERSION))));
    }

    private static Map<String, StoredView> views(List<String> keys, List<Object> replies) {
        Map<String, StoredView> views = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            List<byte[]> fields = fields(replies.get(i));
            if (fields.get(0) != null && fields.get(1) != null) {
                views.put(keys.get(i), new StoredView(fields.get(0), Long.parseLong(string(fields.get(1)))));
            }
        }
        return views;
    }

    record Write(String key, Long expectedVersion, long newVersion, byte[] json) {
    }

    /**
     * Sends each write that is to land only if the view is still at its expected version. {@code fold} makes the
     * write of each key (null for none) inside the pipeline, so the first writes run in Redis while later ones are
     * still being folded. The replies are read by {@link SentWrites#landed()}, which may come later: Redis runs
     * the writes meanwhile.
     */
    SentWrites compareAndSet(Collection<String> keys, Function<String, Write> fold) {
        return send(ViewKeys.COMPARE_AND_SET, send -> keys.forEach(key -> {
            Write write = fold.apply(key);
            if (write != null) {
                send.accept(write);
            }
        }), write -> new byte[][]{bytes(write.key()),
                write.expectedVersion() == null ? NO_VERSION : bytes(write.expectedVersion().toString()),
                bytes(Long.toString(write.newVersion())), write.json()});
    }

    /** Writes each view that is newer than the stored one, for a generation being rebuilt. */
    void writeIfHigher(List<Write> writes) {
        if (!writes.isEmpty()) {
            send(ViewKeys.HIGHER_VERSION_WINS, writes::forEach,
                    write -> new byte[][]{bytes(write.key()), bytes(Long.toString(write.newVersion())), write.json()}).landed();
        }
    }

    /** Records aggregates whose view in a building generation could not be brought up to date here. */
    void markDirty(Map<ViewKeys.Family, ? extends Collection<String>> aggregateIds) {
        if (!aggregateIds.isEmpty()) {
            pipelined(connection -> aggregateIds.forEach((family, ids) ->
                    connection.setCommands().sAdd(bytes(family.dirty()), ids.stream().map(ViewStore::bytes).toArray(byte[][]::new))));
        }
    }

    /**
     * Sends {@code script} (one key, then its arguments) for every write {@code writes} hands over, in a pipeline
     * left open on a connection of its own until {@link SentWrites#landed()} or {@link SentWrites#abandon()}.
     */
    private SentWrites send(String script, Consumer<Consumer<Write>> writes, Function<Write, byte[][]> keyAndArguments) {
        String sha = sha1Hex(script);
        List<Write> sent = new ArrayList<>();
        RedisConnection connection = connections.getConnection();
        SentWrites sentWrites = new SentWrites(connection, script, sha, sent, keyAndArguments);
        try {
            connection.openPipeline();
            writes.accept(write -> {
                sent.add(write);
                connection.scriptingCommands().evalSha(sha, ReturnType.INTEGER, 1, keyAndArguments.apply(write));
            });
            // the flush policy sends every 64 commands; the rest go now, not when the replies are read: that may be
            // a whole poll later, and Lettuce's command timeout runs from when a command is queued, not sent
            flush(connection);
        } catch (RuntimeException e) {
            sentWrites.abandon();
            throw e;
        }
        return sentWrites;
    }

    /** Writes in flight: sent to Redis in one pipeline, their replies not read yet. Used by one thread. */
    final class SentWrites {

        private final RedisConnection connection;
        private final String script;
        private final String sha;
        private final List<Write> sent;
        private final Function<Write, byte[][]> keyAndArguments;
        private boolean open = true;

        private SentWrites(RedisConnection connection, String script, String sha, List<Write> sent,
                           Function<Write, byte[][]> keyAndArguments) {
            this.connection = connection;
            this.script = script;
            this.sha = sha;
            this.sent = sent;
            this.keyAndArguments = keyAndArguments;
        }

        /**
         * Waits for the replies and answers, per write sent, in order, whether it landed; the writes are made once,
         * even when some must be sent again.
         */
        List<Boolean> landed() {
            List<Object> replies;
            try {
                replies = connection.closePipeline();
            } catch (RuntimeException e) {
                if (!mentionsNoScript(e)) {
                    throw e;
                }
                return afterNoScript();
            } finally {
                close();
            }
            List<Boolean> landed = new ArrayList<>(replies.size());
            replies.forEach(reply -> landed.add(landedReply(reply)));
            return landed;
        }

        /** Gives up on the replies (the writes may land or not) and frees the connection. */
        void abandon() {
            try {
                connection.closePipeline();
            } catch (RuntimeException e) {
                // replies no one will read: whatever they say is no longer of interest
            } finally {
                close();
            }
        }

        private void close() {
            if (open) {
                open = false;
                connection.close();
            }
        }

        /**
         * Redis restarted or was flushed: load the script and send again the writes that did not land. The failure
         * does not say which those are: if another client loaded the script meanwhile, the rest of the pipeline
         * ran, and a write that landed sent again would look like a lost race, its events like duplicates. So the
         * versions are read first: a write landed if its view is now at its version.
         */
        private List<Boolean> afterNoScript() {
            try (RedisConnection loading = connections.getConnection()) {
                loading.scriptingCommands().scriptLoad(bytes(script));
            }
            List<Object> versions = pipelined(reading -> sent.forEach(write -> reading.hashCommands().hGet(bytes(write.key()), VERSION)));
            List<Write> notLanded = new ArrayList<>();
            List<Boolean> landed = new ArrayList<>(sent.size());
            for (int i = 0; i < sent.size(); i++) {
                boolean atItsVersion = Long.toString(sent.get(i).newVersion()).equals(string((byte[]) versions.get(i)));
                landed.add(atItsVersion);
                if (!atItsVersion) {
                    notLanded.add(sent.get(i));
                }
            }
            List<Object> replies = pipelined(writing -> notLanded.forEach(write ->
                    writing.scriptingCommands().evalSha(sha, ReturnType.INTEGER, 1, keyAndArguments.apply(write))));
            Iterator<Object> again = replies.iterator();
            for (int i = 0; i < landed.size(); i++) {
                if (!landed.get(i)) {
                    landed.set(i, landedReply(again.next()));
                }
            }
            return landed;
        }
    }

    private static boolean refusedForNoScript(Object reply) {
        return reply instanceof Throwable error && mentionsNoScript(error);
    }

    private static boolean landedReply(Object reply) {
        return Long.valueOf(1).equals(reply);
    }

    /** A sorted-set entry with its key resolved to a generation. */
    record IndexWrite(String key, String member, double score) {
    }

    /** Adds index entries in one pipelined round trip; ZADD of an existing member with its score changes nothing. */
    void addToIndexes(List<IndexWrite> entries) {
        if (!entries.isEmpty()) {
            pipelined(connection -> entries.forEach(entry ->
                    connection.zSetCommands().zAdd(bytes(entry.key()), entry.score(), bytes(entry.member()))));
        }
    }

    /**
     * Sends the commands as one pipeline and answers their replies, as {@code RedisTemplate.executePipelined}
     * does: the pipeline is closed (and the connection's auto-flush restored) even when a command fails.
     */
    private List<Object> pipelined(Consumer<RedisConnection> commands) {
        try (RedisConnection connection = connections.getConnection()) {
            connection.openPipeline();
            boolean closed = false;
            try {
                commands.accept(connection);
                List<Object> replies = connection.closePipeline();
                closed = true;
                return replies;
            } finally {
                if (!closed) {
                    connection.closePipeline();
                }
            }
        }
    }

    /** Sends the commands a pipeline holds so far without waiting for their replies or closing it. */
    private static void flush(RedisConnection connection) {
        Object commands = connection.getNativeConnection();
        if (commands instanceof RedisAsyncCommands<?, ?> server) {
            server.getStatefulConnection().flushCommands();
        } else if (commands instanceof RedisAdvancedClusterAsyncCommands<?, ?> cluster) {
            cluster.getStatefulConnection().flushCommands();
        } else {
            throw new IllegalStateException("not a Lettuce connection: " + commands);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<byte[]> fields(Object reply) {
        return (List<byte[]>) reply;
    }

    private static boolean mentionsNoScript(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains("NOSCRIPT")) {
                return true;
            }
            if (t instanceof RedisPipelineException pipeline
                    && pipeline.getPipelineResult().stream().anyMatch(ViewStore::refusedForNoScript)) {
                return true;
            }
        }
        return false;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    private static String string(byte[] bytes) {
        return bytes == null ? null : new String(bytes, UTF_8);
    }

    private static String sha1Hex(String script) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-1").digest(bytes(script));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
