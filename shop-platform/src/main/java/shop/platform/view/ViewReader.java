package shop.platform.view;

import java.util.List;
import java.util.function.Predicate;

import org.springframework.data.redis.core.StringRedisTemplate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import shop.contracts.view.ViewKeys;
import shop.platform.domain.NotFound;
import shop.platform.security.Requester;
import shop.platform.web.ViewNotCaughtUp;

/**
 * Reads views that the cache-projector materializes in Redis, as the JSON stored (no need to parse what
 * is served as is). With a {@code minVersion} a read waits, bounded, until the view has applied at least
 * that version: read-your-writes for a client that just sent a command.
 *
 * <p>Each read first asks which generation of the view family is current (one HGET), so that when a rebuild
 * switches generations every read after the switch sees the new one; the generation is not cached, since a
 * reader on a stale generation would serve views that stopped moving.
 *
 * <p>A read that has to wait does not poll: it subscribes to the view's channel, on which the projector
 * announces each write it lands ({@link ViewKeys#changes}), reads once more, and then sleeps until a write of
 * a high enough version is announced, the recheck interval passed (an announcement can be lost) or the
 * timeout ran out, reading again after each.
 */
public class ViewReader {

    private final StringRedisTemplate redis;
    private final ReadYourWritesProperties properties;
    private final ObjectMapper json;
    private final ViewChanges changes;

    ViewReader(StringRedisTemplate redis, ReadYourWritesProperties properties, ObjectMapper json, ViewChanges changes) {
        this.redis = redis;
        this.properties = properties;
        this.json = json;
        this.changes = changes;
    }

    /** A view read back: its JSON and the sequence number of the last event applied. */
    public record StoredView(String json, long version) {
    }

    /** The generation of {@code family} that readers use now. */
    public long currentGeneration(ViewKeys.Family family) {
        return ViewKeys.generation(redis.opsForHash().get(family.control(), ViewKeys.CURRENT_FIELD));
    }

    /**
     * @param family     the kind of view
     * @param id         the aggregate whose view it is
     * @param what       names the view in a 404 or 503, e.g. "cart 42"
     * @param minVersion null to answer at once
     * @throws NotFound        when there is no view and no version was asked for
     * @throws ViewNotCaughtUp when the view did not reach {@code minVersion} in time
     */
    public StoredView read(ViewKeys.Family family, String id, String what, Long minVersion) {
        return read(family, id, what, minVersion, json -> true);
    }

    /** As {@link #read}, counting a view that is not {@code visible} to the reader as no view at all. */
    private StoredView read(ViewKeys.Family family, String id, String what, Long minVersion, Predicate<String> visible) {
        long deadline = System.nanoTime() + properties.timeout().toNanos();
        Current current = readCurrent(family, id, visible);
        if (minVersion == null) {
            if (current.json() == null) {
                throw new NotFound("no " + what);
            }
            return current.view();
        }
        try {
            while (current.version() < minVersion) {
                current = awaitOnWatch(family, id, what, minVersion, current.key(), deadline, visible);
            }
            return current.view();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ViewNotCaughtUp("interrupted while waiting for the view");
        }
    }

    /**
     * Waits while the view stays at {@code key}; answers the view once it reached {@code minVersion}, or as soon
     * as a generation switch moved it to another key (to be watched there).
     */
    private Current awaitOnWatch(ViewKeys.Family family, String id, String what, long minVersion, String key, long deadline,
                                 Predicate<String> visible) throws InterruptedException {
        long recheck = properties.recheckInterval().toNanos();
        try (ViewChanges.Watch watch = changes.watch(ViewKeys.changes(key))) {
            watch.awaitSubscribed(Math.min(recheck, deadline - System.nanoTime()));
            while (true) {
                Current current = readCurrent(family, id, visible);
                if (current.version() >= minVersion || !current.key().equals(key)) {
                    return current;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new ViewNotCaughtUp(what + " has not reached version " + minVersion + " within "
                            + properties.timeout().toMillis() + " ms; retry");
                }
                watch.awaitAnnounced(minVersion, Math.min(recheck, left));
            }
        }
    }

    /** The view as stored now in the current generation, at {@code key}; version -1 when there is none. */
    private record Current(String key, String json, long version) {
        StoredView view() {
            return new StoredView(json, version);
        }
    }

    private Current readCurrent(ViewKeys.Family family, String id, Predicate<String> visible) {
        String key = family.key(currentGeneration(family), id);
        List<Object> stored = redis.opsForHash().multiGet(key, List.of(ViewKeys.JSON_FIELD, ViewKeys.VERSION_FIELD));
        String json = (String) stored.get(0);
        if (json == null || !visible.test(json)) {
            return new Current(key, null, -1);
        }
        return new Current(key, json, Long.parseLong((String) stored.get(1)));
    }

    /**
     * Like {@link #read}, for a view that belongs to a customer (its {@code customerId}), which only that customer
     * and the {@code staffRoles} may read. To anyone else it does not exist, even while they wait for a version
     * of it, so neither a 404 nor a 503 tells them anything about other customers.
     */
    public StoredView readOwned(ViewKeys.Family family, String id, String what, Long minVersion, Requester requester,
                                String... staffRoles) {
        return read(family, id, what, minVersion, json -> requester.isOwnerOrHasAny(ownerOf(json), staffRoles));
    }

    private String ownerOf(String view) {
        try {
            return json.readTree(view).path("customerId").asText();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored view is not JSON", e);
        }
    }
}
