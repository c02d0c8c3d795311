package shop.cart.cart.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import shop.cart.cart.domain.CartCommands.AddItemToCart;
import shop.cart.cart.domain.CartCommands.ChangeCartItemQuantity;
import shop.cart.cart.domain.CartCommands.CheckOutCart;
import shop.cart.cart.domain.CartCommands.OpenCart;
import shop.cart.cart.domain.CartCommands.RemoveItemFromCart;
import shop.contracts.cart.CartCheckedOut;
import shop.contracts.cart.CartCheckedOut.PricedLine;
import shop.contracts.cart.CartItemQuantityChanged;
import shop.contracts.cart.CartOpened;
import shop.contracts.cart.ItemAddedToCart;
import shop.contracts.cart.ItemRemovedFromCart;
import shop.platform.domain.InvalidCommand;
import shop.platform.domain.NotFound;
import shop.platform.domain.RuleViolation;
import shop.platform.domain.StaleVersion;

/**
 * A customer's cart, event-sourced. Command handlers return the aggregate's version (the sequence number
 * of its last event) so that clients can ask the read side for at least that version.
 */
public class Cart {

    public static final int MIN_QUANTITY = 1;
    public static final int MAX_QUANTITY = 99;
    public static final int MAX_LINES = 50;

    @AggregateIdentifier
    private String cartId;
    private String customerId;
    private String currency;
    private final Map<String, PricedLine> lines = new LinkedHashMap<>();
    private boolean checkedOut;

    protected Cart() {
        // for Axon's event sourcing
    }

    @CommandHandler
    public Cart(OpenCart command) {
        apply(new CartOpened(command.cartId(), command.customerId()));
    }

    /** The order a cart becomes has an id derived from the cart: a second checkout can never make a second order. */
    public static String orderIdFor(String cartId) {
        return UUID.nameUUIDFromBytes(("order-of-cart:" + cartId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    @CommandHandler
    public long handle(AddItemToCart command) {
        requireOwner(command.customerId());
        StaleVersion.requireAt("cart " + cartId, command.expectedVersion(), getVersion());
        requireOpen();
        requireQuantityInRange(command.quantity());
        PricedLine line = lines.get(command.sku());
        if (line == null && lines.size() >= MAX_LINES) {
            throw new RuleViolation("a cart holds at most " + MAX_LINES + " lines");
        }
        if (line != null && line.quantity() + command.quantity() > MAX_QUANTITY) {
            throw new RuleViolation("line " + command.sku() + " would hold " + (line.quantity() + command.quantity())
                    + "; at most " + MAX_QUANTITY + " per line");
        }
        if (currency != null && !currency.equals(command.currency())) {
            throw new RuleViolation("the cart is in " + currency + "; " + command.sku() + " is priced in " + command.currency());
        }
        apply(new ItemAddedToCart(cartId, command.sku(), command.productName(), command.unitPrice(),
                command.currency(), command.quantity()));
        return getVersion();
    }

    @CommandHandler
    public long handle(ChangeCartItemQuantity command) {
        requireOwner(command.customerId());
        StaleVersion.requireAt("cart " + cartId, command.expectedVersion(), getVersion());
        requireOpen();
        PricedLine line = requireLine(command.sku());
        if (command.quantity() == 0) {
            apply(new ItemRemovedFromCart(cartId, command.sku()));
        } else {
            requireQuantityInRange(command.quantity());
            if (command.quantity() != line.quantity()) {
                apply(new CartItemQuantityChanged(cartId, command.sku(), command.quantity()));
            }
        }
        return getVersion();
    }

    @CommandHandler
    public long handle(RemoveItemFromCart command) {
        requireOwner(command.customerId());
        StaleVersion.requireAt("cart " + cartId, command.expectedVersion(), getVersion());
        requireOpen();
        requireLine(command.sku());
        apply(new ItemRemovedFromCart(cartId, command.sku()));
        return getVersion();
    }

    @CommandHandler
    public long handle(CheckOutCart command) {
        requireOwner(command.customerId());
        StaleVersion.requireAt("cart " + cartId, command.expectedVersion(), getVersion());
        requireOpen();
        if (lines.isEmpty()) {
            throw new RuleViolation("an empty cart cannot be checked out");
        }
        List<PricedLine> pricedLines = List.copyOf(lines.values());
        long total = pricedLines.stream().mapToLong(line -> line.unitPrice() * line.quantity()).sum();
        apply(new CartCheckedOut(cartId, customerId, orderIdFor(cartId), pricedLines, total, currency,
                command.shippingAddress()));
        return getVersion();
    }

    @EventSourcingHandler
    void on(CartOpened event) {
        cartId = event.cartId();
        customerId = event.customerId();
    }

    @EventSourcingHandler
    void on(ItemAddedToCart event) {
        currency = event.currency();
        PricedLine line = lines.get(event.sku());
        int quantity = (line == null ? 0 : line.quantity()) + event.quantity();
        lines.put(event.sku(), new PricedLine(event.sku(), event.productName(), quantity, event.unitPrice()));
    }

    @EventSourcingHandler
    void on(CartItemQuantityChanged event) {
        lines.computeIfPresent(event.sku(),
                (sku, line) -> new PricedLine(sku, line.productName(), event.newQuantity(), line.unitPrice()));
    }

    @EventSourcingHandler
    void on(ItemRemovedFromCart event) {
        lines.remove(event.sku());
        if (lines.isEmpty()) {
            currency = null;
        }
    }

    @EventSourcingHandler
    void on(CartCheckedOut event) {
        checkedOut = true;
    }

    private void requireOwner(String requester) {
        if (!customerId.equals(requester)) {
            throw NotFound.noAggregate(cartId);
        }
    }

    private void requireOpen() {
        if (checkedOut) {
            throw new RuleViolation("cart " + cartId + " is checked out and accepts no more changes");
        }
    }

    private PricedLine requireLine(String sku) {
        PricedLine line = lines.get(sku);
        if (line == null) {
            throw new NotFound("cart " + cartId + " has no line for sku " + sku);
        }
        return line;
    }

    private static void requireQuantityInRange(int quantity) {
        if (quantity < MIN_QUANTITY || quantity > MAX_QUANTITY) {
            throw new InvalidCommand("quantity must be between " + MIN_QUANTITY + " and " + MAX_QUANTITY);
        }
    }
}
