package io.backflush.sim.show;

import io.backflush.sim.usage.ComparisonResult;
import io.backflush.sim.usage.StrategySummary;

import java.util.ArrayList;
import java.util.List;

/**
 * The charts of a strategy comparison: the table as bar charts (cup quality, residue left per
 * site, water, time, detergent, each with an axis of its own), and residue and cup quality over the simulated days, one line
 * per strategy; with a water, the scale over the days too.
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
                        new Charts.Bars("mean over shots", values(c, StrategySummary::meanCupPenalty)),
                        new Charts.Bars("worst shot", values(c, StrategySummary::worstCupPenalty))))));

        String residueTitle = "Residue left at the end, per site, " + scope;
        charts.add(new RunCharts.Named("compare-residue", residueTitle, Charts.bar(residueTitle, "strategy",
                "residue (mg)", names, List.of(
                        new Charts.Bars("shower screen", values(c, s -> s.residueEndMg().get("screen"))),
                        new Charts.Bars("passage", values(c, s -> s.residueEndMg().get("passage"))),
                        new Charts.Bars("valve", values(c, s -> s.residueEndMg().get("valve")))))));

        String waterTitle = "Water used by cleaning, " + scope;
        charts.add(new RunCharts.Named("compare-water", waterTitle, Charts.bar(waterTitle, "strategy",
                "water drawn from the tank by cleaning (L)", names, List.of(
                        new Charts.Bars("water", values(c, s -> s.waterUsedMl() / 1000.0))))));

        // minutes and grams each on an axis of their own
        String effortTitle = "Time spent cleaning, " + scope;
        charts.add(new RunCharts.Named("compare-effort", effortTitle, Charts.bar(effortTitle, "strategy",
                "time spent cleaning (min)", names, List.of(
                        new Charts.Bars("cleaning time", values(c, StrategySummary::cleaningMinutes))))));
        String detergentTitle = "Detergent used, " + scope;
        charts.add(new RunCharts.Named("compare-detergent", detergentTitle, Charts.bar(detergentTitle, "strategy",
                "detergent used (g)", names, List.of(
                        new Charts.Bars("detergent", values(c, StrategySummary::detergentUsedG))))));

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
        String residueDaysTitle = "Residue in the brew path, end of each day, " + scope;
        charts.add(new RunCharts.Named("compare-residue-days", residueDaysTitle,
                Charts.lines(residueDaysTitle, "day", "residue, all sites (mg)", null, residue)));
        String penaltyDaysTitle = "Cup quality penalty of each day's shots, " + scope;
        charts.add(new RunCharts.Named("compare-penalty-days", penaltyDaysTitle,
                Charts.lines(penaltyDaysTitle, "day", "mean cup quality penalty (dimensionless)", null, penalty)));
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
