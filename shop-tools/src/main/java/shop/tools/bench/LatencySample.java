package shop.tools.bench;

import java.util.Arrays;

/** Latencies of one kind of request, in nanoseconds. */
final class LatencySample {

    private long[] nanos = new long[1024];
    private int size;

    synchronized void add(long latencyNanos) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        nanos[size++] = latencyNanos;
    }

    synchronized int count() {
        return size;
    }

    /** The q-quantile (0..1) in milliseconds, nearest-rank. */
    synchronized double quantileMillis(double q) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(nanos, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * size) - 1;
        return sorted[Math.max(0, Math.min(size - 1, rank))] / 1e6;
    }
}
