package io.backflush.sim.show;

import io.backflush.sim.usage.ComparisonResult;
import io.backflush.sim.usage.Figure;
import io.backflush.sim.usage.LifeResult;
import io.backflush.sim.usage.Spread;
import io.backflush.sim.usage.StrategySummary;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;

import java.util.ArrayList;
import java.util.List;

/**
 * The charts of a strategy comparison: the table as bar charts (cup quality, residue left per
 * site, water, time, detergent, each with an axis of its own), each bar with an error bar of its
 * 95 % confidence interval over the seeds, and residue and cup quality over the simulated days, one
 * line per strategy (the mean over seeds) within a band of its 95 % confidence interval, day by
 * day. The penalty charts draw the taster threshold (penalty 1: what a taster notices). With a
 * water, the scale over the days too.
 */
public final class CompareCharts {
    private CompareCharts() {
    }

    public static List<RunCharts.Named> all(ComparisonResult c) {
        List<String> names = c.strategies().stream().map(StrategySummary::name).toList();
        List<RunCharts.Named> charts = new ArrayList<>();
        String scope = String.format(java.util.Locale.ROOT, "%d d × %s shots, %s", c.days(), trim(c.shotsPerDay()),
                c.roast());

        String penaltyTitle = "Cup quality penalty (0 clean, 1 a taster notices), " + scope;
        charts.add(new RunCharts.Named("compare-penalty", penaltyTitle, Charts.bar(penaltyTitle, "strategy",
                "cup quality penalty (dimensionless)", names, List.of(
                        new Charts.Bars("mean over shots", values(c, StrategySummary::meanCupPenalty),
                                errors(c, Figure.MEAN_CUP_PENALTY)),
                        new Charts.Bars("worst shot", values(c, StrategySummary::worstCupPenalty),
                                errors(c, Figure.WORST_CUP_PENALTY))))));
        tasterLine((CategoryChart) charts.get(0).chart(), names);

        String residueTitle = "Residue left at the end, per site, " + scope;
        charts.add(new RunCharts.Named("compare-residue", residueTitle, Charts.bar(residueTitle, "strategy",
                "residue (mg)", names, List.of(
                        new Charts.Bars("shower screen", values(c, s -> s.residueEndMg().get("screen")),
                                errors(c, Figure.RESIDUE_SCREEN_MG)),
                        new Charts.Bars("passage", values(c, s -> s.residueEndMg().get("passage")),
                                errors(c, Figure.RESIDUE_PASSAGE_MG)),
                        new Charts.Bars("valve", values(c, s -> s.residueEndMg().get("valve")),
                                errors(c, Figure.RESIDUE_VALVE_MG))))));

        String waterTitle = "Water used by cleaning, " + scope;
        charts.add(new RunCharts.Named("compare-water", waterTitle, Charts.bar(waterTitle, "strategy",
                "water drawn from the tank by cleaning (L)", names, List.of(
                        new Charts.Bars("water", values(c, s -> s.waterUsedMl() / 1000.0),
                                scaled(errors(c, Figure.WATER_USED_ML), 1e-3))))));

        // minutes and grams each on an axis of their own
        String effortTitle = "Time spent cleaning, " + scope;
        charts.add(new RunCharts.Named("compare-effort", effortTitle, Charts.bar(effortTitle, "strategy",
                "time spent cleaning (min)", names, List.of(
                        new Charts.Bars("cleaning time", values(c, StrategySummary::cleaningMinutes),
                                errors(c, Figure.CLEANING_MINUTES))))));
        String detergentTitle = "Detergent used, " + scope;
        charts.add(new RunCharts.Named("compare-detergent", detergentTitle, Charts.bar(detergentTitle, "strategy",
                "detergent used (g)", names, List.of(
                        new Charts.Bars("detergent", values(c, StrategySummary::detergentUsedG),
                                errors(c, Figure.DETERGENT_USED_G))))));

        // eight strategy names side by side overlap: slant them
        for (RunCharts.Named chart : charts) {
            if (chart.chart() instanceof org.knowm.xchart.CategoryChart bars) {
                bars.getStyler().setXAxisLabelRotation(names.size() > 4 ? 20 : 0);
            }
        }
        double[] days = new double[c.days()];
        for (int d = 0; d < days.length; d++) {
            days[d] = d + 1;
        }
        List<Charts.Series> residue = new ArrayList<>();
        List<Charts.Series> penalty = new ArrayList<>();
        for (StrategySummary s : c.strategies()) {
            residue.add(new Charts.Series(s.name(), days, toArray(s.residuePerDayMg())));
            penalty.add(new Charts.Series(s.name(), days, toArray(s.cupPenaltyPerDay())));
        }
        String band = c.seeds() > 1 ? ", 95 % bands" : "";
        String residueDaysTitle = "Residue in the brew path, end of each day, " + scope + band;
        XYChart residueChart = Charts.lines(residueDaysTitle, "day", "residue, all sites (mg)", null, residue);
        String penaltyDaysTitle = "Cup quality penalty of each day's shots, " + scope + band;
        XYChart penaltyChart = Charts.lines(penaltyDaysTitle, "day", "mean cup quality penalty (dimensionless)", null,
                penalty);
        int colour = 0;
        for (StrategySummary s : c.strategies()) {
            Color tint = Charts.PALETTE[colour++ % Charts.PALETTE.length];
            band(residueChart, s.name(), days, s.perSeed(), LifeResult::residuePerDayMg, tint);
            band(penaltyChart, s.name(), days, s.perSeed(), LifeResult::cupPenaltyPerDay, tint);
        }
        double[] threshold = new double[days.length];
        java.util.Arrays.fill(threshold, TASTER_PENALTY);
        XYSeries taster = penaltyChart.addSeries("taster notices (penalty 1)", days.length == 1
                ? new double[] {0.5, 1.5} : days, days.length == 1 ? new double[] {1, 1} : threshold);
        taster.setMarker(SeriesMarkers.NONE);
        taster.setLineColor(Color.GRAY);
        taster.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {8f, 5f}, 0f));
        charts.add(new RunCharts.Named("compare-residue-days", residueDaysTitle, residueChart));
        charts.add(new RunCharts.Named("compare-penalty-days", penaltyDaysTitle, penaltyChart));
        if (c.water() != null) {
            List<Charts.Series> scale = new ArrayList<>();
            for (StrategySummary st : c.strategies()) {
                double[] grams = toArray(st.scalePerDayMg());
                for (int d = 0; d < grams.length; d++) {
                    grams[d] /= 1000.0;
                }
                scale.add(new Charts.Series(st.name(), java.util.Arrays.copyOf(days, grams.length), grams));
            }
            String scaleTitle = String.format(java.util.Locale.ROOT, "Scale in the machine, end of each day, water %s / %s "
                    + "mg/L as CaCO3, %s", trim(c.water().hardnessMgPerL()), trim(c.water().alkalinityMgPerL()), scope);
            charts.add(new RunCharts.Named("compare-scale-days", scaleTitle,
                    Charts.lines(scaleTitle, "day", "scale, all sites (g)", null, scale)));
        }
        return charts;
    }

    /** Cup penalty at which a taster notices: the scale's unit. */
    static final double TASTER_PENALTY = 1.0;

    /** A dashed line at the taster threshold across the bars. */
    private static void tasterLine(CategoryChart chart, List<String> names) {
        List<Double> ones = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            ones.add(TASTER_PENALTY);
        }
        CategorySeries line = chart.addSeries("taster notices (penalty 1)", names, ones);
        line.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        line.setMarker(SeriesMarkers.NONE);
        line.setLineColor(Color.GRAY);
        line.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {8f, 5f}, 0f));
    }

    /** Thin lines at the lower and upper ends of each day's 95 % interval over the seeds (none for one seed). */
    private static void band(XYChart chart, String name, double[] days, List<LifeResult> lives,
                             java.util.function.Function<LifeResult, List<Double>> series, Color tint) {
        if (lives.size() < 2) {
            return;
        }
        double[] low = new double[days.length];
        double[] high = new double[days.length];
        double[] values = new double[lives.size()];
        for (int d = 0; d < days.length; d++) {
            for (int k = 0; k < values.length; k++) {
                values[k] = series.apply(lives.get(k)).get(d);
            }
            Spread sp = Spread.of(values);
            low[d] = sp.ci95Low();
            high[d] = sp.ci95High();
        }
        Color light = new Color(tint.getRed(), tint.getGreen(), tint.getBlue(), 110);
        for (double[] edge : new double[][] {low, high}) {
            XYSeries s = chart.addSeries(name + (edge == low ? " (95 % low)" : " (95 % high)"), days, edge);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(light);
            s.setLineWidth(1.0f);
            s.setShowInLegend(false);
        }
    }

    private static List<Double> errors(ComparisonResult c, Figure figure) {
        List<Double> v = new ArrayList<>();
        for (StrategySummary s : c.strategies()) {
            Double half = s.spread(figure).halfWidth();
            v.add(half == null ? 0.0 : half);
        }
        return v;
    }

    private static List<Double> scaled(List<Double> values, double factor) {
        return values.stream().map(v -> v * factor).toList();
    }

    private static List<Double> values(ComparisonResult c, java.util.function.ToDoubleFunction<StrategySummary> f) {
        List<Double> v = new ArrayList<>();
        for (StrategySummary s : c.strategies()) {
            v.add(f.applyAsDouble(s));
        }
        return v;
    }

    private static double[] toArray(List<Double> values) {
        double[] a = new double[values.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = values.get(i);
        }
        return a;
    }

    static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
