package shop.tools.bench;

import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Real shop traffic at a fixed rate, open loop: every {@code 1/rate} s one command goes to cart-service's REST
 * API, whatever the earlier ones are doing (asynchronous HTTP). The commands are shoppers' sessions: open a
 * cart, add a few items, check out (which order-service turns into an order). A session has at most one
 * command in flight, so each cart's commands arrive in order; when every session is busy a new one starts,
 * up to {@code --sessions}. It is a load generator for watching the autoscaler, not a benchmark: it prints
 * progress and a summary of what was sent and answered.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Shop traffic (open carts, add items, check out) through the REST API at a fixed rate (needs ./shop up)")
public class LoadCommand implements Callable<Integer> {

    @Mixin
    TrafficOptions traffic = new TrafficOptions(50, 60, 20);

    @Option(names = "--items", defaultValue = "5", description = "most items added per cart before its checkout (default: ${DEFAULT-VALUE})")
    int maxItems;

    @Option(names = "--sessions", defaultValue = "2000", description = "most sessions at once (default: ${DEFAULT-VALUE})")
    int maxSessions;

    /** One shopper's cart: its commands so far and how many items it gets before the checkout. */
    private static final class Session {
        final String token;
        final int items;
        String cartId;
        int added;

        Session(String token, int items) {
            this.token = token;
            this.items = items;
        }
    }

    private final ConcurrentLinkedQueue<Session> ready = new ConcurrentLinkedQueue<>();
    private final AtomicInteger sessions = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong carts = new AtomicLong();
    private final AtomicLong checkouts = new AtomicLong();
    private final ErrorCounts errors = new ErrorCounts();
    private final LatencySample latency = new LatencySample();
    private final Random random = new Random();
    private ShopApi api;
    private List<String> skus;
    private List<String> tokens;

    @Override
    public Integer call() throws Exception {
        try (ShopApi opened = traffic.shop.api()) {
            api = opened;
            return sendLoad();
        }
    }

    private int sendLoad() throws Exception {
        skus = api.skus();
        tokens = api.newCustomerTokens("load", traffic.customers);
        System.out.printf("load: %d commands/s for %d s against %s (carts of 1-%d items, then checkout)%n",
                traffic.rate, traffic.duration, traffic.shop.baseUrl, maxItems);
        long interval = 1_000_000_000L / traffic.rate;
        long total = (long) traffic.rate * traffic.duration;
        long start = System.nanoTime();
        long nextReport = start + 5_000_000_000L;
        for (long i = 0; i < total; i++) {
            long scheduled = start + i * interval;
            long wait;
            while ((wait = scheduled - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            Session session = ready.poll();
            if (session == null && sessions.get() < maxSessions) {
                sessions.incrementAndGet();
                session = new Session(tokens.get(random.nextInt(tokens.size())), 1 + random.nextInt(maxItems));
            }
            if (session == null) {
                errors.add("not sent: every session busy");
                continue;
            }
            send(session);
            if (System.nanoTime() > nextReport) {
                nextReport += 5_000_000_000L;
                progress(start);
            }
        }
        long deadline = System.nanoTime() + 35_000_000_000L;
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        progress(start);
        int errorCount = errors.total() + inFlight.get();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("  answers: p50 %.1f ms, p99 %.1f ms, max %.1f ms%s%n", latency.quantileMillis(0.5),
                latency.quantileMillis(0.99), latency.quantileMillis(1.0), errors.isEmpty() ? "" : "; errors " + errors);
        System.out.printf("load: %d commands sent in %.0f s (%.1f/s), %d accepted, %d carts opened, %d checked out, %d errors%n",
                sent.get(), seconds, sent.get() / seconds, accepted.get(), carts.get(), checkouts.get(), errorCount);
        return 0;
    }

    private void progress(long start) {
        System.out.printf("  %3d s: sent %d, accepted %d, in flight %d, carts %d, checkouts %d, errors %d%n",
                (System.nanoTime() - start) / 1_000_000_000L, sent.get(), accepted.get(), inFlight.get(), carts.get(),
                checkouts.get(), errors.total());
    }

    /** The session's next command: open the cart, add an item, or check out. */
    private void send(Session session) {
        SimpleHttpRequest request;
        int expected;
        if (session.cartId == null) {
            request = api.openCart(session.token);
            expected = 201;
        } else if (session.added < session.items) {
            request = api.addItem(session.token, session.cartId, skus.get(random.nextInt(skus.size())), 1);
            expected = 200;
        } else {
            request = api.checkout(session.token, session.cartId);
            expected = 202;
        }
        sent.incrementAndGet();
        inFlight.incrementAndGet();
        long sentAt = System.nanoTime();
        api.send(request).whenComplete((response, failure) -> {
            latency.add(System.nanoTime() - sentAt);
            inFlight.decrementAndGet();
            if (failure != null || response.status() != expected) {
                errors.add(failure != null ? failure.getClass().getSimpleName() + ": " + failure.getMessage() : "HTTP " + response.status());
                // a failed command leaves the cart in an unknown state: that session ends
                sessions.decrementAndGet();
                return;
            }
            accepted.incrementAndGet();
            if (session.cartId == null) {
                session.cartId = ShopApi.cartId(response.body());
                carts.incrementAndGet();
            } else if (session.added < session.items) {
                session.added++;
            } else {
                checkouts.incrementAndGet();
                sessions.decrementAndGet();
                return;
            }
            ready.add(session);
        });
    }
}
