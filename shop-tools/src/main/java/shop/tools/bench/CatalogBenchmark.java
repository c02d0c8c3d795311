package shop.tools.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Product reads through cart-service with the Redis cache against the same reads with the cache bypassed
 * (cart-service reads PostgreSQL when asked with {@code Cache-Control: no-cache} and started with
 * {@code shop.catalog.cache-bypass-header=true}, as {@code ./shop up} does). Both kinds run interleaved in
 * rounds, so machine noise falls on both alike.
 */
@Command(name = "catalog", mixinStandardHelpOptions = true,
        description = "Catalog reads with the Redis cache vs. with the cache bypassed (needs ./shop up)")
public class CatalogBenchmark implements Callable<Integer> {

    static final String BYPASS_HEADER = "X-Catalog-Source";

    @Option(names = "--url", defaultValue = "http://localhost:8081", description = "cart-service (default: ${DEFAULT-VALUE})")
    String baseUrl;

    @Option(names = "--requests", defaultValue = "20000", description = "reads of each kind (default: ${DEFAULT-VALUE})")
    int requests;

    @Option(names = "--concurrency", defaultValue = "4", description = "concurrent clients (default: ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = "--round", defaultValue = "1000", description = "reads per round before switching kind (default: ${DEFAULT-VALUE})")
    int round;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @Override
    public Integer call() throws Exception {
        List<String> skus = skus();
        if (!bypassHonoured(skus.get(0))) {
            System.err.println("cart-service at " + baseUrl + " does not honour the cache bypass; start it with "
                    + "shop.catalog.cache-bypass-header=true (./shop up does)");
            return 2;
        }
        System.out.printf("catalog benchmark: %d products, %d reads of each kind, %d clients, rounds of %d%n",
                skus.size(), requests, concurrency, round);
        LatencySample cached = new LatencySample();
        LatencySample bypassed = new LatencySample();
        run(skus, cached, false, Math.min(requests, 2000));   // warm-up: JIT, connections, cache
        run(skus, bypassed, true, Math.min(requests, 2000));
        cached = new LatencySample();
        bypassed = new LatencySample();
        long cachedNanos = 0;
        long bypassedNanos = 0;
        for (int done = 0; done < requests; done += round) {
            int n = Math.min(round, requests - done);
            cachedNanos += run(skus, cached, false, n);
            bypassedNanos += run(skus, bypassed, true, n);
        }
        print("cached  ", cached, cachedNanos);
        print("bypassed", bypassed, bypassedNanos);
        System.out.printf("catalog: cached p50 %.2f ms, p99 %.2f ms; bypassed p50 %.2f ms, p99 %.2f ms; ratio p50 %.2f, p99 %.2f (bypassed/cached)%n",
                cached.quantileMillis(0.5), cached.quantileMillis(0.99),
                bypassed.quantileMillis(0.5), bypassed.quantileMillis(0.99),
                bypassed.quantileMillis(0.5) / cached.quantileMillis(0.5),
                bypassed.quantileMillis(0.99) / cached.quantileMillis(0.99));
        return 0;
    }

    private static void print(String label, LatencySample sample, long wallNanos) {
        System.out.printf("  %s p50 %7.3f ms  p90 %7.3f ms  p99 %7.3f ms  max %7.3f ms  %8.0f reads/s%n", label,
                sample.quantileMillis(0.5), sample.quantileMillis(0.9), sample.quantileMillis(0.99),
                sample.quantileMillis(1.0), sample.count() / (wallNanos / 1e9));
    }

    private long run(List<String> skus, LatencySample sample, boolean bypass, int reads) throws Exception {
        AtomicInteger remaining = new AtomicInteger(reads);
        ExecutorService clients = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        try {
            List<java.util.concurrent.Future<?>> running = new ArrayList<>();
            for (int c = 0; c < concurrency; c++) {
                running.add(clients.submit(() -> {
                    while (remaining.getAndDecrement() > 0) {
                        String sku = skus.get(ThreadLocalRandom.current().nextInt(skus.size()));
                        long t0 = System.nanoTime();
                        HttpResponse<Void> response = http.send(request(sku, bypass), HttpResponse.BodyHandlers.discarding());
                        sample.add(System.nanoTime() - t0);
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException("GET " + sku + " answered " + response.statusCode());
                        }
                    }
                    return null;
                }));
            }
            for (var client : running) {
                client.get();
            }
        } finally {
            clients.shutdownNow();
        }
        return System.nanoTime() - start;
    }

    private HttpRequest request(String sku, boolean bypass) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/products/" + sku));
        if (bypass) {
            request.header("Cache-Control", "no-cache");
        }
        return request.build();
    }

    private boolean bypassHonoured(String sku) throws Exception {
        HttpResponse<Void> response = http.send(request(sku, true), HttpResponse.BodyHandlers.discarding());
        return response.headers().firstValue(BYPASS_HEADER).map("database"::equals).orElse(false);
    }

    private List<String> skus() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/products")).build(),
                HttpResponse.BodyHandlers.ofString());
        List<String> skus = new ArrayList<>();
        for (JsonNode product : new ObjectMapper().readTree(response.body())) {
            skus.add(product.get("sku").asText());
        }
        return skus;
    }
}
