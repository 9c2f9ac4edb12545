package io.backflush.sim.show;

import io.backflush.sim.sweep.SweepPoint;
import io.backflush.sim.sweep.SweepResult;
import io.backflush.sim.usage.Figure;
import io.backflush.sim.usage.Spread;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The charts of a sweep: the Pareto front (cup penalty against water, detergent and minutes spent
 * cleaning: every point, the front's points highlighted), and each axis's effect on the cup
 * penalty (every point's mean against its value on that axis). Error bars: the 95 % confidence
 * interval of the cup penalty over the seeds (none with one seed).
 */
public final class SweepCharts {
    private SweepCharts() {
    }

    public static List<RunCharts.Named> all(SweepResult r) {
        List<RunCharts.Named> charts = new ArrayList<>();
        String scope = String.format(Locale.ROOT, "%s, %d points × %d seed%s", r.sweep(), r.points().size(),
                r.seeds().size(), r.seeds().size() == 1 ? "" : "s");
        charts.add(front("sweep-front-water", "Cup penalty against water used, " + scope,
                "water used by cleaning (L)", Figure.WATER_USED_ML, 1e-3, r));
        charts.add(front("sweep-front-detergent", "Cup penalty against detergent used, " + scope,
                "detergent used (g)", Figure.DETERGENT_USED_G, 1, r));
        charts.add(front("sweep-front-minutes", "Cup penalty against time spent cleaning, " + scope,
                "time spent cleaning (min)", Figure.CLEANING_MINUTES, 1, r));
        for (int a = 0; a < r.axes().size(); a++) {
            charts.add(axis(a, r, scope));
        }
        return charts;
    }

    /** {@code tasks[0].cycles} -> {@code sweep-axis-1-tasks-0-cycles}. */
    public static String axisStem(int index, String axis) {
        return "sweep-axis-" + (index + 1) + "-" + axis.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("-+$", "");
    }

    private static RunCharts.Named front(String stem, String title, String xTitle, Figure x, double scale, SweepResult r) {
        XYChart chart = Charts.lines(title, xTitle, "mean cup quality penalty (dimensionless)", null, List.of());
        List<SweepPoint> off = r.points().stream().filter(p -> !p.pareto()).toList();
        List<SweepPoint> on = r.points().stream().filter(SweepPoint::pareto).toList();
        if (!off.isEmpty()) {
            scatter(chart, "dominated points", off, p -> p.figure(x).mean() * scale, new Color(150, 150, 150));
        }
        scatter(chart, "Pareto front (" + on.size() + " point" + (on.size() == 1 ? "" : "s") + ")", on,
                p -> p.figure(x).mean() * scale, Charts.PALETTE[1]);
        return new RunCharts.Named(stem, title, chart);
    }

    private static RunCharts.Named axis(int a, SweepResult r, String scope) {
        String name = r.axes().get(a);
        String title = "Effect of " + name + " on the cup penalty, " + scope;
        boolean numeric = r.points().stream().allMatch(p -> p.parameters().get(name) instanceof Number);
        Map<String, Double> categories = new LinkedHashMap<>();
        if (!numeric) {
            for (SweepPoint p : r.points()) {
                categories.putIfAbsent(String.valueOf(p.parameters().get(name)), (double) categories.size());
            }
        }
        XYChart chart = Charts.lines(title, name + (numeric ? "" : " (" + String.join(", ", categories.keySet()) + ")"),
                "mean cup quality penalty (dimensionless)", null, List.of());
        scatter(chart, "every point (error bars: 95 % interval over seeds)", r.points(), p -> {
            Object v = p.parameters().get(name);
            return v instanceof Number n ? n.doubleValue() : categories.get(String.valueOf(v));
        }, Charts.PALETTE[0]);
        if (!numeric) {
            chart.getStyler().setxAxisTickLabelsFormattingFunction(v -> categories.entrySet().stream()
                    .filter(e -> Math.abs(e.getValue() - v) < 1e-9).map(Map.Entry::getKey).findFirst().orElse(""));
        }
        return new RunCharts.Named(axisStem(a, name), title, chart);
    }

    private static void scatter(XYChart chart, String name, List<SweepPoint> points,
                                java.util.function.ToDoubleFunction<SweepPoint> x, Color colour) {
        double[] xs = new double[points.size()];
        double[] ys = new double[points.size()];
        double[] err = new double[points.size()];
        boolean spread = false;
        for (int i = 0; i < xs.length; i++) {
            SweepPoint p = points.get(i);
            Spread penalty = p.figure(Figure.MEAN_CUP_PENALTY);
            xs[i] = x.applyAsDouble(p);
            ys[i] = penalty.mean();
            err[i] = penalty.halfWidth() == null ? 0 : penalty.halfWidth();
            spread |= penalty.halfWidth() != null;
        }
        XYSeries s = spread ? chart.addSeries(name, xs, ys, err) : chart.addSeries(name, xs, ys);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(colour);
        chart.getStyler().setErrorBarsColor(new Color(90, 90, 90));
    }
}
