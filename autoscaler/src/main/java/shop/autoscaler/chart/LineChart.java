package shop.autoscaler.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

/**
 * A small PNG line chart of time series (Java2D, headless): panels stacked over one shared time
 * axis, each with its own y axis and legend. Used for the simulator's comparisons and the real
 * run's timeline. Long series are reduced to each pixel column's min and max, so spikes survive
 * and files stay small.
 */
public final class LineChart {

    /** One line: a name for the legend, and y over x (x in seconds, ascending). */
    public record Series(String name, Color color, double[] x, double[] y) {

        public Series {
            if (x.length != y.length) {
                throw new IllegalArgumentException(name + ": " + x.length + " x values, " + y.length + " y values");
            }
        }
    }

    /** One panel: its title and unit, and the lines drawn in it (y axis from 0). */
    public record Panel(String title, String unit, List<Series> series) {
    }

    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 34;
    private static final int PANEL_GAP = 34;
    private static final int BOTTOM = 40;
    private static final Color GRID = new Color(0xE4E4E4);
    private static final Color INK = new Color(0x333333);

    private LineChart() {
    }

    /** Writes the chart to {@code png}; the time axis is labelled in minutes or hours as fits. */
    public static void write(Path png, String title, List<Panel> panels, int width, int panelHeight) {
        System.setProperty("java.awt.headless", "true");
        int height = TOP + panels.size() * (panelHeight + PANEL_GAP) - PANEL_GAP + BOTTOM;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(INK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString(title, LEFT, 20);
            double xMax = panels.stream().flatMap(p -> p.series().stream())
                    .mapToDouble(s -> s.x().length == 0 ? 0 : s.x()[s.x().length - 1]).max().orElse(1);
            double xMin = panels.stream().flatMap(p -> p.series().stream())
                    .mapToDouble(s -> s.x().length == 0 ? 0 : s.x()[0]).min().orElse(0);
            if (xMax <= xMin) {
                xMax = xMin + 1;
            }
            int plotWidth = width - LEFT - RIGHT;
            for (int i = 0; i < panels.size(); i++) {
                int top = TOP + i * (panelHeight + PANEL_GAP);
                drawPanel(g, panels.get(i), LEFT, top, plotWidth, panelHeight - 16, xMin, xMax, i == panels.size() - 1);
            }
        } finally {
            g.dispose();
        }
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
            ImageIO.write(image, "png", png.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void drawPanel(Graphics2D g, Panel panel, int left, int top, int w, int h,
                                  double xMin, double xMax, boolean timeLabels) {
        double yMax = panel.series().stream().flatMapToDouble(s -> java.util.Arrays.stream(s.y()))
                .filter(Double::isFinite).max().orElse(1);
        yMax = niceCeiling(yMax <= 0 ? 1 : yMax * 1.05);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        FontMetrics metrics = g.getFontMetrics();
        int plotTop = top + 16;
        g.setColor(INK);
        g.drawString(panel.title() + (panel.unit().isEmpty() ? "" : " (" + panel.unit() + ")"), left, top + 10);
        for (int tick = 0; tick <= 4; tick++) {
            int y = plotTop + h - tick * h / 4;
            g.setColor(GRID);
            g.drawLine(left, y, left + w, y);
            String label = format(yMax * tick / 4);
            g.setColor(INK);
            g.drawString(label, left - 6 - metrics.stringWidth(label), y + 4);
        }
        double span = xMax - xMin;
        double step = timeStep(span);
        for (double t = Math.ceil(xMin / step) * step; t <= xMax + 1e-9; t += step) {
            int x = left + (int) Math.round((t - xMin) / span * w);
            g.setColor(GRID);
            g.drawLine(x, plotTop, x, plotTop + h);
            if (timeLabels) {
                String label = span > 4 * 3600 ? format(t / 3600) + " h" : format(t / 60) + " min";
                g.setColor(INK);
                g.drawString(label, x - metrics.stringWidth(label) / 2, plotTop + h + 14);
            }
        }
        g.setColor(INK);
        g.drawRect(left, plotTop, w, h);
        int legendX = left + w;
        for (int s = panel.series().size() - 1; s >= 0; s--) {
            Series series = panel.series().get(s);
            legendX -= metrics.stringWidth(series.name()) + 26;
            g.setColor(series.color());
            g.fillRect(legendX, top + 3, 14, 4);
            g.setColor(INK);
            g.drawString(series.name(), legendX + 18, top + 10);
            draw(g, series, left, plotTop, w, h, xMin, span, yMax);
        }
    }

    /** Per pixel column the first, min, max and last value, so the shape survives any length. */
    private static void draw(Graphics2D g, Series series, int left, int top, int w, int h,
                             double xMin, double span, double yMax) {
        Path2D.Double path = new Path2D.Double();
        boolean started = false;
        int column = Integer.MIN_VALUE;
        double low = 0;
        double high = 0;
        double lastY = 0;
        for (int i = 0; i < series.x().length; i++) {
            double y = series.y()[i];
            if (!Double.isFinite(y)) {
                continue;
            }
            int c = (int) Math.round((series.x()[i] - xMin) / span * w);
            if (c != column) {
                if (started) {
                    path.lineTo(left + column, py(low, top, h, yMax));
                    path.lineTo(left + column, py(high, top, h, yMax));
                    path.lineTo(left + column, py(lastY, top, h, yMax));
                }
                column = c;
                low = y;
                high = y;
                if (!started) {
                    path.moveTo(left + c, py(y, top, h, yMax));
                    started = true;
                } else {
                    path.lineTo(left + c, py(y, top, h, yMax));
                }
            }
            low = Math.min(low, y);
            high = Math.max(high, y);
            lastY = y;
        }
        if (started) {
            path.lineTo(left + column, py(low, top, h, yMax));
            path.lineTo(left + column, py(high, top, h, yMax));
            path.lineTo(left + column, py(lastY, top, h, yMax));
        }
        g.setColor(series.color());
        g.setStroke(new BasicStroke(1.6f));
        g.draw(path);
        g.setStroke(new BasicStroke(1f));
    }

    private static double py(double y, int top, int h, double yMax) {
        return top + h - Math.min(y, yMax) / yMax * h;
    }

    private static double timeStep(double seconds) {
        for (double step : new double[] {10, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600}) {
            if (seconds / step <= 10) {
                return step;
            }
        }
        return 43200;
    }

    private static double niceCeiling(double value) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double factor : new double[] {1, 2, 2.5, 5, 10}) {
            if (factor * magnitude >= value) {
                return factor * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String format(double value) {
        if (value >= 1_000_000) {
            return trim(value / 1_000_000) + "M";
        }
        if (value >= 10_000) {
            return trim(value / 1000) + "k";
        }
        return trim(value);
    }

    private static String trim(double value) {
        String text = String.format(Locale.ROOT, "%.1f", value);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }
}
