package shop.platform.view;

import java.time.Duration;
import java.util.List;

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
 */
public class ViewReader {

    private final StringRedisTemplate redis;
    private final ReadYourWritesProperties properties;
    private final ObjectMapper json;

    ViewReader(StringRedisTemplate redis, ReadYourWritesProperties properties, ObjectMapper json) {
        this.redis = redis;
        this.properties = properties;
        this.json = json;
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
        long deadline = System.nanoTime() + properties.timeout().toNanos();
        while (true) {
            String key = family.key(currentGeneration(family), id);
            List<Object> stored = redis.opsForHash().multiGet(key, List.of(ViewKeys.JSON_FIELD, ViewKeys.VERSION_FIELD));
            String json = (String) stored.get(0);
            long version = json == null ? -1 : Long.parseLong((String) stored.get(1));
            if (minVersion == null) {
                if (json == null) {
                    throw new NotFound("no " + what);
                }
                return new StoredView(json, version);
            }
            if (version >= minVersion) {
                return new StoredView(json, version);
            }
            if (System.nanoTime() > deadline) {
                throw new ViewNotCaughtUp(what + " has not reached version " + minVersion + " within "
                        + properties.timeout().toMillis() + " ms; retry");
            }
            sleep(properties.pollInterval());
        }
    }

    /**
     * Like {@link #read}, for a view that belongs to a customer (its {@code customerId}): to anyone who may
     * not see it, it does not exist, so a 404 tells nothing about other customers.
     */
    public StoredView readOwned(ViewKeys.Family family, String id, String what, Long minVersion, Requester requester) {
        StoredView view = read(family, id, what, minVersion);
        if (!requester.maySee(ownerOf(view.json()))) {
            throw new NotFound("no " + what);
        }
        return view;
    }

    private String ownerOf(String view) {
        try {
            return json.readTree(view).path("customerId").asText();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored view is not JSON", e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ViewNotCaughtUp("interrupted while waiting for the view");
        }
    }
}
