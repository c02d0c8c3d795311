package shop.cart.cart;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import shop.contracts.view.ViewKeys;
import shop.platform.domain.NotFound;
import shop.platform.web.ViewNotCaughtUp;

/** Reads the cart view that the cache-projector materializes in Redis. */
@Component
@EnableConfigurationProperties(CartViews.ReadYourWrites.class)
class CartViews {

    /**
     * @param timeout      how long a query with {@code minVersion} waits for the view to catch up
     * @param pollInterval how often it looks again meanwhile
     */
    @ConfigurationProperties("shop.read-your-writes")
    record ReadYourWrites(@DefaultValue("2s") java.time.Duration timeout, @DefaultValue("5ms") java.time.Duration pollInterval) {
    }

    private final StringRedisTemplate redis;
    private final ReadYourWrites readYourWrites;

    CartViews(StringRedisTemplate redis, ReadYourWrites readYourWrites) {
        this.redis = redis;
        this.readYourWrites = readYourWrites;
    }

    /**
     * The view's JSON exactly as stored (no need to parse what is served as is). With a {@code minVersion}
     * it waits, bounded, until the view has applied at least that version.
     */
    String cartJson(String cartId, Long minVersion) {
        String key = ViewKeys.cart(cartId);
        long deadline = System.nanoTime() + readYourWrites.timeout().toNanos();
        while (true) {
            List<Object> stored = redis.opsForHash().multiGet(key, List.of(ViewKeys.JSON_FIELD, ViewKeys.VERSION_FIELD));
            String json = (String) stored.get(0);
            if (minVersion == null) {
                if (json == null) {
                    throw new NotFound("no cart " + cartId);
                }
                return json;
            }
            if (json != null && Long.parseLong((String) stored.get(1)) >= minVersion) {
                return json;
            }
            if (System.nanoTime() > deadline) {
                throw new ViewNotCaughtUp("cart " + cartId + " has not reached version " + minVersion
                        + " within " + readYourWrites.timeout().toMillis() + " ms; retry");
            }
            sleep(readYourWrites.pollInterval());
        }
    }

    private static void sleep(java.time.Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ViewNotCaughtUp("interrupted while waiting for the view");
        }
    }
}
