package shop.autoscaler.control;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The last {@code capacity} samples, oldest first. Written by the control loop, read by HTTP requests. */
final class Timeline {

    private final int capacity;
    private final Deque<Sample> samples = new ArrayDeque<>();

    Timeline(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(Sample sample) {
        if (samples.size() == capacity) {
            samples.removeFirst();
        }
        samples.addLast(sample);
    }

    synchronized List<Sample> samples() {
        return new ArrayList<>(samples);
    }

    String csv() {
        StringBuilder csv = new StringBuilder(Sample.CSV_HEADER).append('\n');
        samples().forEach(sample -> csv.append(sample.csv()).append('\n'));
        return csv.toString();
    }
}
