package shop.autoscaler.control;

import java.awt.Color;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.ToDoubleFunction;

import shop.autoscaler.chart.LineChart;

/**
 * The last {@code capacity} samples, oldest first. Written by the control loop, read by HTTP requests as
 * JSON, CSV or a PNG chart.
 */
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

    /** The timeline as a PNG: lag, lag seconds, rates and workers over seconds since the first sample. */
    void png(Path file, String title) {
        List<Sample> samples = samples();
        double[] x = samples.stream().mapToDouble(sample -> samples.isEmpty() ? 0
                : Duration.between(samples.get(0).at(), sample.at()).toMillis() / 1000.0).toArray();
        LineChart.write(file, title, List.of(
                new LineChart.Panel("lag", "events", List.of(series("total lag", new Color(0xD62728), x, samples, Sample::totalLag))),
                new LineChart.Panel("lag seconds (time to drain at the consume rate)", "s", List.of(series("lag seconds",
                        new Color(0x9467BD), x, samples, sample -> sample.lagSeconds() == null ? Double.NaN : sample.lagSeconds()))),
                new LineChart.Panel("rates", "events/s", List.of(
                        series("produce", new Color(0x1F77B4), x, samples, Sample::produceRate),
                        series("consume", new Color(0x2CA02C), x, samples, Sample::consumeRate))),
                new LineChart.Panel("workers", "workers", List.of(
                        series("running", new Color(0xFF7F0E), x, samples, Sample::workers),
                        series("desired", new Color(0x7F7F7F), x, samples, Sample::desiredWorkers)))),
                1200, 200);
    }

    private static LineChart.Series series(String name, Color color, double[] x, List<Sample> samples,
                                           ToDoubleFunction<Sample> value) {
        return new LineChart.Series(name, color, x, samples.stream().mapToDouble(value).toArray());
    }
}
