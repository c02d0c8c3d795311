package shop.system;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;

import shop.testsupport.TestTokens;

/**
 * Steady command load on the shop while a test breaks something: each worker opens a cart, adds two items,
 * checks it out (with an {@code Idempotency-Key}), reads the cart back at its version, and pays an order an
 * earlier checkout placed. Every answer is either accepted (2xx, recorded with the aggregate and version it
 * reports) or a 503 problem+json; anything else is recorded as unexpected. A journey that meets a 503 or an
 * unreachable service is abandoned and a new one begun.
 */
final class CommandLoad implements AutoCloseable {

    /** A command the shop accepted: its aggregate ({@code cart} or {@code orders} schema) and version. */
    record Accepted(String schema, String aggregateId, long version) {
    }

    private static final long TOTAL = 2 * 1290 + 5490;
    private static final String ADDRESS = """
            {"shippingAddress": {"name": "F", "street": "S 1", "city": "C", "postalCode": "1", "country": "DE"}}""";

    private final ServiceProcess cartService;
    private final ServiceProcess orderService;
    private final String token;
    private final String fulfilment = TestTokens.token("picker-1", "fulfilment");
    private final ExecutorService workers;
    private final Queue<Accepted> accepted = new ConcurrentLinkedQueue<>();
    private final Queue<String> unexpected = new ConcurrentLinkedQueue<>();
    private final Queue<String> placedOrders = new ConcurrentLinkedQueue<>();
    private final AtomicLong acceptedCount = new AtomicLong();
    private final AtomicInteger unavailable = new AtomicInteger();
    private final AtomicInteger unreachable = new AtomicInteger();
    private volatile boolean running = true;

    private CommandLoad(ServiceProcess cartService, ServiceProcess orderService, String customer, int workerCount) {
        this.cartService = cartService;
        this.orderService = orderService;
        this.token = TestTokens.customer(customer);
        this.workers = Executors.newFixedThreadPool(workerCount);
        for (int i = 0; i < workerCount; i++) {
            workers.submit(this::run);
        }
    }

    static CommandLoad start(ServiceProcess cartService, ServiceProcess orderService, String customer) {
        return new CommandLoad(cartService, orderService, customer, 3);
    }

    private void run() {
        while (running) {
            try {
                journey();
            } catch (IOException e) {
                unreachable.incrementAndGet();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                unexpected.add(e.toString());
            }
            pause();
        }
    }

    private void journey() throws IOException, InterruptedException {
        JsonNode opened = command(cartService, token, "cart", "POST", "/api/carts", null, Map.of());
        if (opened == null) {
            return;
        }
        String cartId = opened.get("cartId").asText();
        accepted(new Accepted("cart", cartId, opened.get("version").asLong()));
        for (String item : new String[]{"{\"sku\": \"MUG-CQRS\", \"quantity\": 2}", "{\"sku\": \"BOOK-DDD\", \"quantity\": 1}"}) {
            pause();
            JsonNode added = command(cartService, token, "cart", "POST", "/api/carts/" + cartId + "/items", item, Map.of());
            if (added == null) {
                return;
            }
            accepted(new Accepted("cart", cartId, added.get("version").asLong()));
        }
        pause();
        JsonNode checkedOut = command(cartService, token, "cart", "POST", "/api/carts/" + cartId + "/checkout", ADDRESS,
                Map.of("Idempotency-Key", "checkout-" + cartId));
        if (checkedOut == null) {
            return;
        }
        long version = checkedOut.get("version").asLong();
        accepted(new Accepted("cart", cartId, version));
        // the checkout is accepted once stored: order-service must then place its order, version 0
        accepted(new Accepted("orders", checkedOut.get("orderId").asText(), 0));
        placedOrders.add(checkedOut.get("orderId").asText());
        pause();
        query(cartService, "/api/carts/" + cartId + "?minVersion=" + version);
        String orderId = placedOrders.poll();
        if (orderId != null) {
            pause();
            if (query(orderService, "/api/orders/" + orderId + "?minVersion=0")) {
                JsonNode paid = command(orderService, fulfilment, "orders", "POST", "/api/orders/" + orderId + "/payment",
                        "{\"amount\": " + TOTAL + ", \"currency\": \"EUR\", \"reference\": \"pay-" + orderId + "\"}", Map.of());
                if (paid != null) {
                    accepted(new Accepted("orders", orderId, paid.get("version").asLong()));
                }
            } else {
                placedOrders.add(orderId); // not placed yet: another time
            }
        }
    }

    /** The answer of an accepted command, or null after a 503 (or an unexpected answer, recorded). */
    private JsonNode command(ServiceProcess service, String caller, String schema, String method, String path, String body,
                             Map<String, String> headers) throws IOException, InterruptedException {
        HttpResponse<String> response = Api.send(service, caller, method, path, body, headers);
        if (response.statusCode() / 100 == 2) {
            return Api.JSON.readTree(response.body());
        }
        refused(method + " " + path + " (" + schema + ")", response);
        return null;
    }

    /** Whether the view answered; a 503 (not caught up, or Redis down) is expected now and then. */
    private boolean query(ServiceProcess service, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = Api.send(service, token, "GET", path, null, Map.of());
        if (response.statusCode() == 200) {
            return true;
        }
        refused("GET " + path, response);
        return false;
    }

    private void refused(String request, HttpResponse<String> response) {
        boolean problem = response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json");
        if (response.statusCode() == 503 && problem) {
            unavailable.incrementAndGet();
        } else {
            unexpected.add(response.statusCode() + " for " + request + ": " + response.body());
        }
    }

    private void accepted(Accepted command) {
        accepted.add(command);
        acceptedCount.incrementAndGet();
    }

    private void pause() {
        try {
            Thread.sleep(40);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    long acceptedCount() {
        return acceptedCount.get();
    }

    int unavailableCount() {
        return unavailable.get();
    }

    int unreachableCount() {
        return unreachable.get();
    }

    List<String> unexpected() {
        return List.copyOf(unexpected);
    }

    List<Accepted> accepted() {
        return new ArrayList<>(accepted);
    }

    /** Stops the workers and waits for their last requests. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        workers.shutdown();
        if (!workers.awaitTermination(60, TimeUnit.SECONDS)) {
            workers.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return acceptedCount() + " accepted, " + unavailableCount() + " answered 503, " + unreachableCount()
                + " unreachable, " + unexpected.size() + " unexpected";
    }
}
