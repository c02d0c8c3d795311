package shop.tools.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import shop.contracts.cart.CartItemQuantityChanged;
import shop.contracts.cart.CartOpened;
import shop.contracts.cart.CartEvent;
import shop.contracts.cart.ItemAddedToCart;
import shop.contracts.envelope.EventCodec;
import shop.contracts.envelope.EventEnvelope;

/**
 * Realistic cart event streams in the real envelope: many carts open at once, each a {@link CartOpened} then
 * {@link ItemAddedToCart} and {@link CartItemQuantityChanged} events with consecutive sequence numbers,
 * interleaved across carts the way concurrent shoppers interleave. Deterministic for a given seed.
 */
final class CartStreams {

    record Product(String sku, String name, long unitPrice, String currency) {
    }

    /** What cart-service's catalog held when this was written; used when the catalog cannot be read. */
    private static final List<Product> FALLBACK_CATALOG = List.of(
            new Product("BOOK-DDD", "Domain-Driven Design (book)", 5490, "EUR"),
            new Product("BOOK-EIP", "Enterprise Integration Patterns (book)", 5990, "EUR"),
            new Product("MUG-CQRS", "CQRS mug", 1290, "EUR"),
            new Product("TSHIRT-KAFKA", "Kafka t-shirt", 2490, "EUR"),
            new Product("HOODIE-AXON", "Axon hoodie", 4990, "EUR"),
            new Product("STICKER-PACK", "Sticker pack (20 stickers)", 590, "EUR"),
            new Product("KEYBOARD-MECH", "Mechanical keyboard", 12900, "EUR"),
            new Product("MONITOR-27", "27-inch monitor", 27900, "EUR"),
            new Product("USB-C-HUB", "USB-C hub, 7 ports", 3990, "EUR"),
            new Product("COFFEE-BEANS", "Coffee beans, 1 kg", 1890, "EUR"));

    static final String SOURCE = "/cart-service";

    private final Random random;
    private final List<Product> catalog;
    private final int customers;
    private final int minEvents;
    private final int maxEvents;
    private final List<Cart> active = new ArrayList<>();
    private final List<String> cartIds = new ArrayList<>();
    private final Instant start = Instant.now();
    private long position;

    /**
     * @param activeCarts carts with events still to come at any moment, interleaved
     * @param minEvents   fewest events after the opening per cart
     * @param maxEvents   most events after the opening per cart
     */
    CartStreams(long seed, List<Product> catalog, int activeCarts, int customers, int minEvents, int maxEvents) {
        this.random = new Random(seed);
        this.catalog = catalog;
        this.customers = customers;
        this.minEvents = minEvents;
        this.maxEvents = maxEvents;
        for (int i = 0; i < activeCarts; i++) {
            active.add(newCart());
        }
    }

    /** Every cart id handed out so far (for cleaning up their views). */
    List<String> cartIds() {
        return cartIds;
    }

    /** The next event of a randomly chosen open cart, in its envelope. */
    EventEnvelope next() {
        int slot = random.nextInt(active.size());
        Cart cart = active.get(slot);
        CartEvent event = cart.next();
        long sequence = cart.sequence++;
        if (cart.remaining-- == 0) {
            active.set(slot, newCart());
        }
        byte[] traceId = new byte[16];
        byte[] spanId = new byte[8];
        random.nextBytes(traceId);
        random.nextBytes(spanId);
        String traceparent = "00-" + HexFormat.of().formatHex(traceId) + "-" + HexFormat.of().formatHex(spanId) + "-01";
        return new EventEnvelope(new UUID(random.nextLong(), random.nextLong()).toString(),
                EventCodec.typeOf(event.getClass()), SOURCE, start.plusMillis(position), cart.id, sequence,
                position++, traceparent, EventCodec.encode(event));
    }

    private Cart newCart() {
        Cart cart = new Cart(new UUID(random.nextLong(), random.nextLong()).toString(),
                "customer-" + random.nextInt(customers), minEvents + random.nextInt(maxEvents - minEvents + 1));
        cartIds.add(cart.id);
        return cart;
    }

    private final class Cart {
        final String id;
        final String customerId;
        final Map<String, Integer> lines = new LinkedHashMap<>();
        int remaining;
        long sequence;

        Cart(String id, String customerId, int events) {
            this.id = id;
            this.customerId = customerId;
            this.remaining = events;
        }

        CartEvent next() {
            if (sequence == 0) {
                return new CartOpened(id, customerId);
            }
            if (!lines.isEmpty() && random.nextInt(10) < 3) {
                List<String> skus = new ArrayList<>(lines.keySet());
                String sku = skus.get(random.nextInt(skus.size()));
                int quantity = 1 + random.nextInt(99);
                if (quantity == lines.get(sku)) {
                    quantity = quantity % 99 + 1;
                }
                lines.put(sku, quantity);
                return new CartItemQuantityChanged(id, sku, quantity);
            }
            Product product = catalog.get(random.nextInt(catalog.size()));
            int quantity = Math.min(1 + random.nextInt(3), 99 - lines.getOrDefault(product.sku(), 0));
            if (quantity <= 0) {
                // that line is full: change another quantity instead
                lines.put(product.sku(), 1);
                return new CartItemQuantityChanged(id, product.sku(), 1);
            }
            lines.merge(product.sku(), quantity, Integer::sum);
            return new ItemAddedToCart(id, product.sku(), product.name(), product.unitPrice(), product.currency(), quantity);
        }
    }

    /** cart-service's catalog, so events carry real names and prices; a built-in list when it cannot be read. */
    static List<Product> catalog(String cartServiceUrl) {
        try {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(2)).build();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(cartServiceUrl + "/api/products"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            List<Product> products = new ArrayList<>();
            if (response.statusCode() == 200) {
                for (JsonNode product : new ObjectMapper().readTree(response.body())) {
                    products.add(new Product(product.get("sku").asText(), product.get("name").asText(),
                            product.get("unitPrice").asLong(), product.get("currency").asText()));
                }
            }
            if (!products.isEmpty()) {
                return products;
            }
        } catch (Exception e) {
            // fall through
        }
        System.out.println("  (catalog not readable at " + cartServiceUrl + "; using built-in products)");
        return FALLBACK_CATALOG;
    }
}
