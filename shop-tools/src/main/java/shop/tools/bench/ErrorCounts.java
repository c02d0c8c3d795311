package shop.tools.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Failures by kind, counted from any thread (HTTP callbacks, client threads); printed sorted by kind, {@code {kind=n, ...}}. */
final class ErrorCounts {

    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    void add(String kind) {
        add(kind, 1);
    }

    void add(String kind, int count) {
        counts.computeIfAbsent(kind, k -> new AtomicInteger()).addAndGet(count);
    }

    int total() {
        return counts.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    boolean isEmpty() {
        return counts.isEmpty();
    }

    @Override
    public String toString() {
        return new TreeMap<>(counts).toString();
    }
}
