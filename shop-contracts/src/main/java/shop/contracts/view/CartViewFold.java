package shop.contracts.view;

import java.util.ArrayList;
import java.util.List;

import shop.contracts.cart.CartCheckedOut;
import shop.contracts.cart.CartItemQuantityChanged;
import shop.contracts.cart.CartOpened;
import shop.contracts.cart.ItemAddedToCart;
import shop.contracts.cart.ItemRemovedFromCart;
import shop.contracts.view.CartView.Line;
import shop.contracts.view.CartView.Status;

/**
 * How cart events fold into the cart view: the one definition that the projector applies live and the
 * verifier replays from the event store, so the two can only agree or reveal drift.
 */
public final class CartViewFold {

    private CartViewFold() {
    }

    /**
     * The view after {@code event}, the cart's event number {@code sequence}.
     *
     * @param current the view before, or {@code null} before the cart's first event
     */
    public static CartView apply(CartView current, Object event, long sequence) {
        if (event instanceof CartOpened opened) {
            return new CartView(opened.cartId(), opened.customerId(), Status.OPEN, List.of(), 0, null, sequence);
        }
        if (event instanceof ItemAddedToCart added) {
            return withLines(current, sequence, added.currency(), lines -> {
                int index = indexOf(lines, added.sku());
                int quantity = added.quantity() + (index < 0 ? 0 : lines.get(index).quantity());
                Line line = line(added.sku(), added.productName(), quantity, added.unitPrice());
                if (index < 0) {
                    lines.add(line);
                } else {
                    lines.set(index, line);
                }
            });
        }
        if (event instanceof CartItemQuantityChanged changed) {
            return withLines(current, sequence, current.currency(), lines -> {
                int index = indexOf(lines, changed.sku());
                if (index >= 0) {
                    Line old = lines.get(index);
                    lines.set(index, line(old.sku(), old.name(), changed.newQuantity(), old.unitPrice()));
                }
            });
        }
        if (event instanceof ItemRemovedFromCart removed) {
            return withLines(current, sequence, current.currency(),
                    lines -> lines.removeIf(line -> line.sku().equals(removed.sku())));
        }
        if (event instanceof CartCheckedOut) {
            return new CartView(current.cartId(), current.customerId(), Status.CHECKED_OUT, current.lines(),
                    current.total(), current.currency(), sequence);
        }
        throw new IllegalArgumentException("not a cart event: " + event.getClass().getName());
    }

    private interface LineChange {
        void applyTo(List<Line> lines);
    }

    private static CartView withLines(CartView current, long sequence, String currency, LineChange change) {
        List<Line> lines = new ArrayList<>(current.lines());
        change.applyTo(lines);
        // a loop, not LongStream.sum(), which boxes its result: this runs for every cart event the projector applies
        long total = 0;
        for (Line line : lines) {
            total += line.lineTotal();
        }
        return new CartView(current.cartId(), current.customerId(), current.status(), lines, total,
                lines.isEmpty() ? null : currency, sequence);
    }

    private static Line line(String sku, String name, int quantity, long unitPrice) {
        return new Line(sku, name, quantity, unitPrice, unitPrice * quantity);
    }

    private static int indexOf(List<Line> lines, String sku) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).sku().equals(sku)) {
                return i;
            }
        }
        return -1;
    }
}
