package shop.tools;

import java.io.PrintStream;
import java.time.Duration;

/**
 * A progress bar on one terminal line for long operations: done/total, rate and ETA, redrawn at most
 * five times a second. With an unknown total (0) it shows the count and rate only.
 */
public final class Progress {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final String label;
    private final String unit;
    private final PrintStream out;
    private final long start = System.nanoTime();
    private long total;
    private long done;
    private long lastDrawn;

    /** @param out where to draw; null draws nothing */
    public Progress(String label, long total, String unit, PrintStream out) {
        this.label = label;
        this.total = total;
        this.unit = unit;
        this.out = out;
    }

    public void total(long total) {
        this.total = total;
    }

    public void advance(long count) {
        done += count;
        long now = System.nanoTime();
        if (now - lastDrawn >= REDRAW_NANOS) {
            lastDrawn = now;
            draw(now);
        }
    }

    public long done() {
        return done;
    }

    /** Events (or whatever is counted) per second so far. */
    public double rate() {
        double seconds = (System.nanoTime() - start) / 1e9;
        return seconds <= 0 ? 0 : done / seconds;
    }

    /** Draws the final state and ends the line. */
    public void finish() {
        draw(System.nanoTime());
        if (out != null) {
            out.println();
        }
    }

    private void draw(long now) {
        if (out == null) {
            return;
        }
        double rate = rate();
        StringBuilder line = new StringBuilder("\r").append(label).append(' ');
        if (total > 0) {
            double fraction = Math.min(1, (double) done / total);
            int filled = (int) Math.round(fraction * WIDTH);
            line.append('[').append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ")
                    .append(String.format("%3d%% %,d/%,d %s", Math.round(fraction * 100), done, total, unit));
        } else {
            line.append(String.format("%,d %s", done, unit));
        }
        line.append(String.format(", %,.0f %s/s", rate, unit));
        if (total > 0 && rate > 0 && done < total) {
            line.append(", ETA ").append(format(Duration.ofSeconds(Math.round((total - done) / rate))));
        }
        out.print(line.append("   "));
        out.flush();
    }

    private static String format(Duration duration) {
        return duration.toHours() > 0
                ? String.format("%d:%02d:%02d", duration.toHours(), duration.toMinutesPart(), duration.toSecondsPart())
                : String.format("%d:%02d", duration.toMinutes(), duration.toSecondsPart());
    }
}
