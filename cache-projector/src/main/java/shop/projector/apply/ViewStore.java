package shop.projector.apply;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.data.redis.connection.RedisPipelineException;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.connection.StringRedisConnection;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import shop.contracts.view.ViewKeys;

/**
 * Reads and writes views in Redis, a whole batch per round trip. A write is a compare-and-set in one Lua
 * script: it lands only if the view's version is still the one the new view was folded from, so the JSON
 * and its version change together or not at all, and a stale or concurrent writer changes nothing.
 */
@Component
class ViewStore {

    private final StringRedisTemplate redis;
    private final String scriptSha;

    ViewStore(StringRedisTemplate redis) {
        this.redis = redis;
        this.scriptSha = sha1Hex(ViewKeys.COMPARE_AND_SET);
    }

    /** The current views of {@code keys}; a key without a view is absent from the answer. */
    Map<String, StoredView> read(List<String> keys) {
        List<Object> replies = redis.executePipelined((RedisCallback<Object>) connection -> {
            StringRedisConnection strings = (StringRedisConnection) connection;
            keys.forEach(key -> strings.hMGet(key, ViewKeys.JSON_FIELD, ViewKeys.VERSION_FIELD));
            return null;
        });
        Map<String, StoredView> views = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            @SuppressWarnings("unchecked")
            List<String> fields = (List<String>) replies.get(i);
            if (fields.get(0) != null && fields.get(1) != null) {
                views.put(keys.get(i), new StoredView(fields.get(0), Long.parseLong(fields.get(1))));
            }
        }
        return views;
    }

    record Write(String key, Long expectedVersion, long newVersion, String json) {
    }

    /** Applies each write that still matches its expected version; answers, per write, whether it landed. */
    List<Boolean> compareAndSet(List<Write> writes) {
        try {
            return evalAll(writes);
        } catch (RuntimeException e) {
            if (!mentionsNoScript(e)) {
                throw e;
            }
            // Redis restarted or was flushed: load the script once and go again
            redis.execute((RedisCallback<String>) connection ->
                    connection.scriptingCommands().scriptLoad(ViewKeys.COMPARE_AND_SET.getBytes(StandardCharsets.UTF_8)));
            return evalAll(writes);
        }
    }

    private List<Boolean> evalAll(List<Write> writes) {
        List<Object> replies = redis.executePipelined((RedisCallback<Object>) connection -> {
            StringRedisConnection strings = (StringRedisConnection) connection;
            for (Write write : writes) {
                strings.evalSha(scriptSha, ReturnType.INTEGER, 1, write.key(),
                        write.expectedVersion() == null ? "" : write.expectedVersion().toString(),
                        Long.toString(write.newVersion()), write.json());
            }
            return null;
        });
        List<Boolean> landed = new ArrayList<>(replies.size());
        replies.forEach(reply -> landed.add(Long.valueOf(1).equals(reply)));
        return landed;
    }

    /** Adds index entries in one pipelined round trip; ZADD of an existing member with its score changes nothing. */
    void addToIndexes(List<Projection.IndexEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        redis.executePipelined((RedisCallback<Object>) connection -> {
            StringRedisConnection strings = (StringRedisConnection) connection;
            entries.forEach(entry -> strings.zAdd(entry.key(), entry.score(), entry.member()));
            return null;
        });
    }

    private static boolean mentionsNoScript(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains("NOSCRIPT")) {
                return true;
            }
            if (t instanceof RedisPipelineException pipeline
                    && pipeline.getPipelineResult().stream().anyMatch(result -> result instanceof Throwable error && mentionsNoScript(error))) {
                return true;
            }
        }
        return false;
    }

    private static String sha1Hex(String script) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-1").digest(script.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
