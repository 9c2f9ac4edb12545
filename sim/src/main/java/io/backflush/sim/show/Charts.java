package io.backflush.sim.show;

import de.erichseifert.vectorgraphics2d.Document;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Chart helpers shared by every command that draws (XChart, headless): a line-per-series chart
 * ({@link #lines}) and a grouped bar chart ({@link #bar}), one house style readable at
 * {@value #WIDTH}×{@value #HEIGHT}, and encoders to PNG and SVG bytes. The encoders paint the
 * chart themselves (PNG through {@code ImageIO}, SVG through VectorGraphics2D), so XChart's PDF
 * and GIF encoders and their libraries are not needed.
 */
public final class Charts {
    public static final int WIDTH = 1200;
    public static final int HEIGHT = 700;

    /** A palette that stays distinct in print and for the common colour-vision deficiencies (Okabe–Ito). */
    public static final Color[] PALETTE = {
        new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115), new Color(204, 121, 167),
        new Color(230, 159, 0), new Color(86, 180, 233), new Color(0, 0, 0), new Color(240, 228, 66)};

    static {
        // charts are drawn off-screen, on servers and in CI alike
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Charts() {
    }

    /** One line of a {@link #lines} chart. {@code rightAxis}: plot it against the secondary y axis. */
    public record Series(String name, double[] x, double[] y, boolean rightAxis) {
        public Series(String name, double[] x, double[] y) {
            this(name, x, y, false);
        }
    }

    /**
     * One bar per category of a {@link #bar} chart.
     *
     * @param errors the half-length of each bar's error bar, or null for none
     */
    public record Bars(String name, List<? extends Number> values, List<? extends Number> errors) {
        public Bars(String name, List<? extends Number> values) {
            this(name, values, null);
        }
    }

    /**
     * A chart with one line per series against a shared x axis.
     *
     * @param rightAxisTitle title of the secondary y axis, or null if no series uses it
     */
    public static XYChart lines(String title, String xAxisTitle, String yAxisTitle, String rightAxisTitle,
                                List<Series> series) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xAxisTitle).yAxisTitle(yAxisTitle).build();
        style(chart.getStyler());
        int colour = 0;
        for (Series s : series) {
            double[][] xy0 = decimate(s.x(), s.y(), WIDTH / 2);
            XYSeries xy = chart.addSeries(s.name(), xy0[0], xy0[1]);
            xy.setMarker(SeriesMarkers.NONE);
            Color c = PALETTE[colour++ % PALETTE.length];
            xy.setLineColor(c);
            xy.setMarkerColor(c);
            xy.setLineWidth(2.0f);
            if (s.rightAxis()) {
                xy.setYAxisGroup(1);
            }
        }
        if (rightAxisTitle != null) {
            chart.setYAxisGroupTitle(0, yAxisTitle);
            chart.setYAxisGroupTitle(1, rightAxisTitle);
            chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        }
        return chart;
    }

    /**
     * Thins a long series for drawing: the x range is cut into {@code buckets} slices and each
     * slice keeps its first point and its lowest and highest, in order, so peaks and steps drawn at
     * chart resolution look the same as from every point. Short series are returned as they are.
     */
    static double[][] decimate(double[] x, double[] y, int buckets) {
        int n = x.length;
        if (n <= 4 * buckets) {
            return new double[][] {x, y};
        }
        double[] ox = new double[4 * buckets + 4];
        double[] oy = new double[ox.length];
        int m = 0;
        double x0 = x[0];
        double width = (x[n - 1] - x0) / buckets;
        int i = 0;
        while (i < n) {
            int b = (int) Math.min(buckets - 1, Math.floor((x[i] - x0) / width));
            int start = i;
            int lo = i;
            int hi = i;
            while (i < n && (int) Math.min(buckets - 1, Math.floor((x[i] - x0) / width)) == b) {
                if (y[i] < y[lo]) {
                    lo = i;
                }
                if (y[i] > y[hi]) {
                    hi = i;
                }
                i++;
            }
            int last = i - 1;
            int[] keep = {start, Math.min(lo, hi), Math.max(lo, hi), last};
            int previous = -1;
            for (int k : keep) {
                if (k != previous && k > previous) {
                    if (m == ox.length) {
                        ox = java.util.Arrays.copyOf(ox, m * 2);
                        oy = java.util.Arrays.copyOf(oy, m * 2);
                    }
                    ox[m] = x[k];
                    oy[m++] = y[k];
                    previous = k;
                }
            }
        }
        return new double[][] {java.util.Arrays.copyOf(ox, m), java.util.Arrays.copyOf(oy, m)};
    }

    /** A grouped bar chart: one bar per category for each series. */
    public static CategoryChart bar(String title, String xAxisTitle, String yAxisTitle, List<String> categories,
                                    List<Bars> series) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xAxisTitle).yAxisTitle(yAxisTitle).build();
        style(chart.getStyler());
        chart.getStyler().setOverlapped(false);
        int colour = 0;
        for (Bars b : series) {
            (b.errors() == null ? chart.addSeries(b.name(), categories, b.values())
                    : chart.addSeries(b.name(), categories, b.values(), b.errors()))
                    .setFillColor(PALETTE[colour++ % PALETTE.length]);
        }
        chart.getStyler().setErrorBarsColor(new Color(40, 40, 40));
        return chart;
    }

    /** Adds points drawn as markers only (events), in a given colour. */
    public static XYSeries markers(XYChart chart, String name, double[] x, double[] y, Color colour) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.DIAMOND);
        s.setMarkerColor(colour);
        return s;
    }

    private static void style(AxesChartStyler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderColor(new Color(160, 160, 160));
        styler.setPlotGridLinesColor(new Color(225, 225, 225));
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 22));
        styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 17));
        styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
        styler.setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        styler.setAnnotationTextFontColor(new Color(50, 50, 50));
        styler.setAnnotationLineColor(new Color(120, 120, 120));
        styler.setAnnotationLineStroke(new BasicStroke(1.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {6f, 4f}, 0f));
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setLegendBorderColor(Color.WHITE);
        styler.setChartPadding(14);
        styler.setMarkerSize(11);
        styler.setAntiAlias(true);
    }

    /** The chart as a PNG of its own size (anti-aliased, white background). */
    public static byte[] png(Chart<?, ?> chart) {
        BufferedImage image = new BufferedImage(chart.getWidth(), chart.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            chart.paint(g, chart.getWidth(), chart.getHeight());
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128 * 1024);
        try {
            if (!ImageIO.write(image, "png", bytes)) {
                throw new IllegalStateException("no PNG writer in this Java runtime");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The chart as an SVG document (UTF-8). */
    public static byte[] svg(Chart<?, ?> chart) {
        VectorGraphics2D g = new VectorGraphics2D();
        chart.paint(g, chart.getWidth(), chart.getHeight());
        Document document = new SVGProcessor().getDocument(g.getCommands(),
                new PageSize(0.0, 0.0, chart.getWidth(), chart.getHeight()));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 * 1024);
        try {
            document.writeTo(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
