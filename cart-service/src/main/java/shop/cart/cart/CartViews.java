package shop.cart.cart;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import shop.contracts.view.ViewKeys;
import shop.platform.domain.NotFound;

/** Reads the cart view that the cache-projector materializes in Redis. */
@Component
class CartViews {

    private final StringRedisTemplate redis;

    CartViews(StringRedisTemplate redis) {
        this.redis = redis;
    }

    /** The view's JSON exactly as stored: no need to parse what is served as is. */
    String cartJson(String cartId) {
        Object json = redis.opsForHash().get(ViewKeys.cart(cartId), ViewKeys.JSON_FIELD);
        if (json == null) {
            throw new NotFound("no cart " + cartId);
        }
        return (String) json;
    }
}
