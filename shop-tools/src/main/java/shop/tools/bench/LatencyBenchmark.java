package shop.tools.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Read-your-writes latency under open-loop load: a scheduler sends add-item commands through cart-service's
 * REST API at a fixed rate whatever the answers (asynchronous HTTP), each to a cart with no command in
 * flight, and for each accepted command asks {@code GET /api/carts/{id}?minVersion=V} (which waits in
 * cart-service up to 2 s, woken by the projector's announcement of the write, and is asked again when it
 * answers 503) until the view shows the command's version. The figure is the time from the command's answer ("accepted") to the view at
 * that version being readable: PostgreSQL append, the relay's tracking processor, Kafka, the projector,
 * Redis, the query.
 */
@Command(name = "latency", mixinStandardHelpOptions = true,
        description = "Open-loop commands at a fixed rate: accepted -> view visible at that version (needs ./shop up)")
public class LatencyBenchmark implements Callable<Integer> {

    @Mixin
    TrafficOptions traffic = new TrafficOptions(500, 60, 50);

    @Option(names = "--warm-up", defaultValue = "5", description = "seconds at the same rate before measuring (default: ${DEFAULT-VALUE})")
    int warmUp;

    @Option(names = "--carts", defaultValue = "0", description = "carts (default: max(100, rate))")
    int cartCount;

    @Option(names = "--give-up", defaultValue = "30", description = "seconds after which an unseen view counts as an error (default: ${DEFAULT-VALUE})")
    int giveUpSeconds;

    private record Cart(String id, String token, AtomicInteger commands) {
    }

    /** What one phase (warm-up or measured) saw. */
    private static final class Run {
        final LatencySample command = new LatencySample();
        final LatencySample visible = new LatencySample();
        final LatencySample endToEnd = new LatencySample();
        final AtomicLong sent = new AtomicLong();
        final AtomicInteger inFlight = new AtomicInteger();
        final ErrorCounts errors = new ErrorCounts();
    }

    private ShopApi api;
    private List<String> skus;
    private final ConcurrentLinkedQueue<Cart> idle = new ConcurrentLinkedQueue<>();

    @Override
    public Integer call() throws Exception {
        try (ShopApi opened = traffic.shop.api()) {
            api = opened;
            return measure();
        }
    }

    private int measure() throws Exception {
        skus = api.skus();
        int carts = cartCount > 0 ? cartCount : Math.max(100, traffic.rate);
        System.out.printf("latency benchmark: open loop, %d add-item commands/s for %d s (after %d s warm-up), %d carts of %d customers%n",
                traffic.rate, traffic.duration, warmUp, carts, traffic.customers);
        openCarts(carts);
        if (warmUp > 0) {
            Run warm = run(warmUp, false);
            System.out.printf("  warm-up: %d sent, %d errors%n", warm.sent.get(), warm.errors.total());
        }
        Run run = run(traffic.duration, true);
        int errors = run.errors.total();
        System.out.printf("  sent %d in %d s (%.0f/s), views seen %d, errors %d%s%n", run.sent.get(), traffic.duration,
                run.sent.get() / (double) traffic.duration, run.visible.count(), errors,
                errors == 0 ? "" : " " + run.errors);
        print("command  (send -> accepted)    ", run.command);
        print("view     (accepted -> visible) ", run.visible);
        print("end to end (scheduled -> visible)", run.endToEnd);
        BenchCommand.printMachineLoad();
        System.out.printf("latency: p50 %.1f ms, p99 %.1f ms, max %.1f ms, errors %d%n",
                run.visible.quantileMillis(0.5), run.visible.quantileMillis(0.99), run.visible.quantileMillis(1.0), errors);
        return 0;
    }

    private static void print(String label, LatencySample sample) {
        System.out.printf("  %-33s p50 %7.1f ms  p95 %7.1f ms  p99 %7.1f ms  max %7.1f ms%n", label,
                sample.quantileMillis(0.5), sample.quantileMillis(0.95), sample.quantileMillis(0.99), sample.quantileMillis(1.0));
    }

    private void openCarts(int carts) throws Exception {
        List<String> tokens = api.newCustomerTokens("bench-latency", traffic.customers);
        ExecutorService openers = Executors.newFixedThreadPool(8);
        try {
            List<Future<Cart>> opened = new ArrayList<>();
            for (int i = 0; i < carts; i++) {
                String token = tokens.get(i % tokens.size());
                opened.add(openers.submit(() -> new Cart(api.openCartNow(token), token, new AtomicInteger())));
            }
            for (Future<Cart> cart : opened) {
                idle.add(cart.get());
            }
        } finally {
            openers.shutdownNow();
        }
        System.out.printf("  opened %d carts%n", carts);
    }

    /** Sends {@code rate} commands a second for {@code seconds}, then waits for every answer and view. */
    private Run run(int seconds, boolean measured) throws InterruptedException {
        Run run = new Run();
        long interval = 1_000_000_000L / traffic.rate;
        long total = (long) traffic.rate * seconds;
        long start = System.nanoTime();
        long nextReport = start + 10_000_000_000L;
        for (long i = 0; i < total; i++) {
            long scheduled = start + i * interval;
            long wait;
            while ((wait = scheduled - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            Cart cart = idle.poll();
            if (cart == null) {
                run.errors.add("no idle cart (all busy)");
                continue;
            }
            run.sent.incrementAndGet();
            run.inFlight.incrementAndGet();
            send(run, cart, scheduled);
            if (measured && System.nanoTime() > nextReport) {
                nextReport += 10_000_000_000L;
                System.out.printf("  %3d s: sent %d, in flight %d, views seen %d, errors %d%n",
                        (System.nanoTime() - start) / 1_000_000_000L, run.sent.get(), run.inFlight.get(),
                        run.visible.count(), run.errors.total());
            }
        }
        long deadline = System.nanoTime() + (giveUpSeconds + 35) * 1_000_000_000L;
        while (run.inFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        if (run.inFlight.get() > 0) {
            run.errors.add("never answered", run.inFlight.get());
        }
        return run;
    }

    private void send(Run run, Cart cart, long scheduled) {
        String sku = skus.get(cart.commands().getAndIncrement() % skus.size());
        long sent = System.nanoTime();
        api.send(api.addItem(cart.token(), cart.id(), sku, 1))
                .whenComplete((response, failure) -> {
                    long accepted = System.nanoTime();
                    if (failure != null || response.status() != 200) {
                        run.errors.add(failure != null ? "command: " + failure.getClass().getSimpleName()
                                : "command: HTTP " + response.status());
                        release(run, cart);
                        return;
                    }
                    run.command.add(accepted - sent);
                    long version = ShopApi.version(response.body());
                    awaitView(run, cart, version, scheduled, accepted, accepted + giveUpSeconds * 1_000_000_000L);
                });
    }

    private void awaitView(Run run, Cart cart, long version, long scheduled, long accepted, long giveUp) {
        api.send(api.view(cart.token(), cart.id(), version))
                .whenComplete((response, failure) -> {
                    long now = System.nanoTime();
                    if (failure == null && response.status() == 200 && ShopApi.version(response.body()) >= version) {
                        run.visible.add(now - accepted);
                        run.endToEnd.add(now - scheduled);
                        release(run, cart);
                    } else if (now < giveUp && (failure != null || response.status() == 503 || response.status() == 200)) {
                        awaitView(run, cart, version, scheduled, accepted, giveUp);
                    } else {
                        run.errors.add(failure != null ? "view: " + failure.getClass().getSimpleName()
                                : now >= giveUp ? "view: not visible within " + giveUpSeconds + " s"
                                : "view: HTTP " + response.status());
                        release(run, cart);
                    }
                });
    }

    private void release(Run run, Cart cart) {
        idle.add(cart);
        run.inFlight.decrementAndGet();
    }
}
