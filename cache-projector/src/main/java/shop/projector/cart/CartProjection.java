package shop.projector.cart;

import java.time.Instant;

import shop.projector.apply.ProjectorProperties;
import org.springframework.stereotype.Component;

import shop.contracts.view.CartView;
import shop.contracts.view.CartViewFold;
import shop.contracts.view.ViewKeys;
import shop.projector.apply.Projection;

/** Folds cart events into the cart view that cart-service serves. */
@Component
class CartProjection implements Projection<CartView> {

    private final String topic;

    CartProjection(ProjectorProperties properties) {
        this.topic = properties.cartTopic();
    }

    @Override
    public String topic() {
        return topic;
    }

    @Override
    public Class<CartView> viewType() {
        return CartView.class;
    }

    @Override
    public ViewKeys.Family family() {
        return ViewKeys.Family.CARTS;
    }

    @Override
    public CartView apply(CartView current, Object event, long sequence, Instant time) {
        return CartViewFold.apply(current, event, sequence);
    }
}
