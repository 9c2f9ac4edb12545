package io.backflush.sim.show;

import io.backflush.sim.run.CycleReport;
import io.backflush.sim.run.RunNarrative;
import io.backflush.sim.signal.Signal;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The charts of one backflush run, built from its trace and cycle reports with {@link Charts}:
 * group pressure with every cycle's quiet and whoosh marked; a close-up of the first two cycles;
 * pump flow and loudness; the exhaust flow to the drip tray after each release; residue per site
 * and discharge darkness per cycle; detergent through the rinse.
 */
public final class RunCharts {
    static final Color QUIET = new Color(0, 158, 115);
    static final Color WHOOSH = new Color(213, 94, 0);

    /** A chart and the file stem it is written under. */
    public record Named(String stem, String title, Chart<?, ?> chart) {
    }

    private RunCharts() {
    }

    public static List<Named> all(ShownRun run) {
        List<Named> out = new ArrayList<>();
        out.add(pressure(run));
        out.add(firstCycles(run));
        out.add(pump(run));
        out.add(exhaust(run));
        out.add(residue(run));
        out.add(detergent(run));
        if (run.scale() != null && run.scale().days() > 0) {
            out.add(scale(run));
        }
        return out;
    }

    /** Sites whose scale is drawn in grams on the left axis; the rest, in milligrams, on the right. */
    static final java.util.Set<io.backflush.core.scale.ScaleSite> HEAVY_SITES =
            java.util.EnumSet.of(io.backflush.core.scale.ScaleSite.ELEMENT, io.backflush.core.scale.ScaleSite.BOILER);

    /**
     * The scale per site at the end of each day of use before the run: the element and the boiler
     * walls (grams, left axis) and the particles caught in the gicleur, the valve and on the screen
     * (milligrams, right axis).
     */
    static Named scale(ShownRun run) {
        io.backflush.sim.usage.ScaleHistory h = run.scale();
        double[] days = new double[h.days()];
        for (int d = 0; d < days.length; d++) {
            days[d] = d + 1;
        }
        List<Charts.Series> series = new ArrayList<>();
        for (io.backflush.core.scale.ScaleSite site : io.backflush.core.scale.ScaleSite.values()) {
            boolean heavy = HEAVY_SITES.contains(site);
            double[] y = new double[days.length];
            List<Double> mg = h.mgPerDayBySite().get(site.label());
            for (int d = 0; d < y.length; d++) {
                y[d] = heavy ? mg.get(d) / 1000.0 : mg.get(d);
            }
            series.add(new Charts.Series(site.label() + (heavy ? " (g, left)" : " (mg, right)"), days, y, !heavy));
        }
        String title = String.format(Locale.ROOT, "Scale per site over %d days of use before the run, water %s / %s mg/L "
                + "as CaCO3", h.days(), CompareCharts.trim(h.water().hardnessMgPerL()),
                CompareCharts.trim(h.water().alkalinityMgPerL()));
        XYChart chart = Charts.lines(title, "day", "element, boiler walls (g)", "gicleur, valve, screen (mg)", series);
        chart.getStyler().setYAxisMin(0, 0.0).setYAxisMin(1, 0.0);
        return new Named("scale", title, chart);
    }

    /** Group and pump-outlet pressure over the whole run, each cycle's quiet and whoosh marked. */
    static Named pressure(ShownRun run) {
        Trace t = run.trace();
        String title = "Pressure through the run: " + run.result().machine() + ", " + run.result().program();
        XYChart chart = Charts.lines(title, "time (s)", "group pressure (bar gauge)", null, List.of(
                new Charts.Series("group pressure (behind the blind basket)", t.values(Signal.TIME_S), t.values(Signal.GROUP_BAR))));
        double top = Math.max(1.0, max(t.values(Signal.GROUP_BAR)));
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(Math.ceil(top * 1.3));
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(run.result().simulatedSeconds());
        markEvents(chart, run, top, false);
        return new Named("pressure", title, chart);
    }

    /** The first two cycles close up: pressure, flows and the events labelled with their figures. */
    static Named firstCycles(ShownRun run) {
        Trace t = run.trace();
        int shown = Math.min(2, run.cycles().size());
        double end = shown == 0 ? run.result().simulatedSeconds() : run.cycleEndSeconds(shown - 1);
        int n = t.indexAtOrBefore(end) + 1;
        double[] time = Arrays.copyOf(t.values(Signal.TIME_S), n);
        String title = shown == 2 ? "The first two cycles close up" : "The run close up";
        XYChart chart = Charts.lines(title, "time (s)", "group pressure (bar gauge)", "flow (ml/s)", List.of(
                new Charts.Series("group pressure", time, Arrays.copyOf(t.values(Signal.GROUP_BAR), n)),
                new Charts.Series("net flow into the group (right)", time,
                        Arrays.copyOf(t.values(Signal.GROUP_INFLOW_ML_PER_S), n), true),
                new Charts.Series("exhaust water (right)", time,
                        Arrays.copyOf(t.values(Signal.EXHAUST_WATER_ML_PER_S), n), true)));
        double top = Math.max(1.0, max(Arrays.copyOf(t.values(Signal.GROUP_BAR), n)));
        chart.getStyler().setYAxisMin(0, 0.0).setYAxisMax(0, Math.ceil(top * 1.4));
        double flowTop = Math.max(1.0, Math.max(max(Arrays.copyOf(t.values(Signal.EXHAUST_WATER_ML_PER_S), n)),
                max(Arrays.copyOf(t.values(Signal.GROUP_INFLOW_ML_PER_S), n))));
        chart.getStyler().setYAxisMin(1, 0.0).setYAxisMax(1, Math.ceil(flowTop * 1.4 / 10) * 10);
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(end);
        List<CycleReport> cycles = run.cycles().subList(0, shown);
        markEvents(chart, new ShownRun(run.machine(), withCycles(run, cycles), t), top, true);
        return new Named("first-cycles", title, chart);
    }

    private static io.backflush.sim.run.RunResult withCycles(ShownRun run, List<CycleReport> cycles) {
        var r = run.result();
        return new io.backflush.sim.run.RunResult(r.machine(), r.program(), r.stepper(), r.dtSeconds(), r.simulatedSeconds(),
                cycles, r.water(), r.detergentG(), r.residueBeforeMg(), r.residueAfterMg(), r.detergentLeftMg(),
                r.forced());
    }

    private static void markEvents(XYChart chart, ShownRun run, double top, boolean verbose) {
        Trace t = run.trace();
        List<CycleReport> cycles = run.cycles();
        double[] qx = new double[cycles.size()];
        double[] qy = new double[cycles.size()];
        double[] wx = new double[cycles.size()];
        double[] wy = new double[cycles.size()];
        int nq = 0;
        int nw = 0;
        double step = top * 0.09;
        for (CycleReport c : cycles) {
            if (c.quietAfterSeconds() != null) {
                double x = c.pumpOnAtSeconds() + c.quietAfterSeconds();
                double y = t.size() == 0 ? 0.0 : t.values(Signal.GROUP_BAR)[t.indexAtOrBefore(x)];
                qx[nq] = x;
                qy[nq++] = y;
                String label = verbose
                        ? String.format(Locale.ROOT, "pump quiet after %.2f s", c.quietAfterSeconds()) : "quiet";
                chart.addAnnotation(new AnnotationText(label, x, y + (verbose ? 2.2 : 1.2) * step, false));
            }
            if (c.whooshed()) {
                double x = c.releaseAtSeconds();
                wx[nw] = x;
                wy[nw++] = c.plateauBar();
                String label = verbose ? String.format(Locale.ROOT, "whoosh: %.1f ml out, peak %.0f ml/s",
                        c.whooshVolumeMl(), c.whooshPeakFlowMlPerS())
                        : "whoosh " + c.index();
                chart.addAnnotation(new AnnotationText(label, x, c.plateauBar() + (verbose ? 1.0 : 2.4) * step, false));
            }
        }
        if (nq > 0) {
            XYSeries s = Charts.markers(chart, verbose ? "pump quiet"
                            : "pump quiet (net flow < " + RunNarrative.quietPercent() + " of free flow)",
                    Arrays.copyOf(qx, nq),
                    Arrays.copyOf(qy, nq), QUIET);
            s.setMarker(SeriesMarkers.TRIANGLE_DOWN);
        }
        if (nw > 0) {
            Charts.markers(chart, verbose ? "release (whoosh)" : "release: the whoosh starts", Arrays.copyOf(wx, nw), Arrays.copyOf(wy, nw),
                    WHOOSH);
        }
    }

    /** Pump flow, net flow into the group, flow back through the OPV, and the loudness used for the sound. */
    static Named pump(ShownRun run) {
        Trace t = run.trace();
        double free = run.machine().pump().freeFlowMlPerS();
        double[] loudness = t.pumpLoudness(free);
        double[] percent = new double[loudness.length];
        for (int i = 0; i < percent.length; i++) {
            percent[i] = 100.0 * loudness[i];
        }
        String title = "The pump: its flow falls as pressure builds, and so does its loudness";
        XYChart chart = Charts.lines(title, "time (s)", "flow (ml/s)", "pump loudness (% of full, rendering)", List.of(
                new Charts.Series("drawn from the tank by the pump", t.values(Signal.TIME_S), t.values(Signal.PUMP_FLOW_ML_PER_S)),
                new Charts.Series("net flow into the group", t.values(Signal.TIME_S), t.values(Signal.GROUP_INFLOW_ML_PER_S)),
                new Charts.Series("returned to the tank by the OPV", t.values(Signal.TIME_S), t.values(Signal.RELIEF_FLOW_ML_PER_S)),
                new Charts.Series("pump loudness (right axis)", t.values(Signal.TIME_S), percent, true)));
        chart.getSeriesMap().get("pump loudness (right axis)").setLineWidth(1.2f);
        // the pump's own line is drawn wide underneath: the others coincide with it in parts
        chart.getSeriesMap().get("drawn from the tank by the pump").setLineWidth(5.0f);
        // both axes start at 0 so that 0 ml/s and 0 % line up; the brief back-flow through the OPV at
        // each release (net flow about -2 ml/s for a few tens of ms) falls below the axis
        double high = Math.ceil(Math.max(free, max(t.values(Signal.PUMP_FLOW_ML_PER_S))) * 1.3);
        chart.getStyler().setYAxisMin(0, 0.0).setYAxisMax(0, high);
        chart.getStyler().setYAxisMin(1, 0.0).setYAxisMax(1, 130.0);
        chart.getStyler().putYAxisGroupDecimalPatternMap(1, "0");
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(run.result().simulatedSeconds());
        double[] qx = new double[run.cycles().size()];
        double[] qy = new double[qx.length];
        int n = 0;
        for (CycleReport c : run.cycles()) {
            if (c.quietAfterSeconds() != null) {
                qx[n] = c.pumpOnAtSeconds() + c.quietAfterSeconds();
                qy[n++] = 0.0;
            }
        }
        if (n > 0) {
            Charts.markers(chart, "pump quiet", Arrays.copyOf(qx, n), Arrays.copyOf(qy, n), QUIET)
                    .setMarker(SeriesMarkers.TRIANGLE_UP);
        }
        return new Named("pump", title, chart);
    }

    /**
     * Two whooshes whose exhaust curves differ nowhere by more than this fraction of the first's peak
     * are drawn as one line, labelled with both cycles: identical lines drawn over each other would
     * look like one unexplained line. A rendering choice.
     */
    static final double SAME_CURVE_FRACTION = 0.02;

    /**
     * Exhaust water (and air) flow after each release against time since the release: one line per
     * cycle, or per run of consecutive cycles whose curves are the same within
     * {@link #SAME_CURVE_FRACTION} of the peak (labelled "cycles 2–5"), each in its own colour and dash.
     */
    static Named exhaust(ShownRun run) {
        Trace t = run.trace();
        List<Charts.Series> series = new ArrayList<>();
        List<CycleReport> shown = cyclesToOverlay(run.cycles());
        double window = 1.5;
        CycleReport first = null;
        List<List<CycleReport>> groups = new ArrayList<>();
        List<double[][]> curves = new ArrayList<>();
        for (CycleReport c : shown) {
            if (!c.whooshed()) {
                continue;
            }
            double[][] cut = cut(t, t.values(Signal.EXHAUST_WATER_ML_PER_S), c.releaseAtSeconds() - 0.1, c.releaseAtSeconds() + window,
                    c.releaseAtSeconds());
            int last = groups.size() - 1;
            List<CycleReport> group = last < 0 ? null : groups.get(last);
            if (group != null && group.get(group.size() - 1).index() == c.index() - 1
                    && group.get(0).phase().equals(c.phase()) && sameCurve(curves.get(last), cut)) {
                group.add(c);
            } else {
                groups.add(new ArrayList<>(List.of(c)));
                curves.add(cut);
            }
            if (first == null) {
                first = c;
            }
        }
        for (int g = 0; g < groups.size(); g++) {
            series.add(new Charts.Series(exhaustLabel(groups.get(g)), curves.get(g)[0], curves.get(g)[1]));
        }
        String title = "Exhaust flow to the drip tray after each release (the whoosh)";
        if (series.isEmpty()) {
            series.add(new Charts.Series("no release from above " + RunNarrative.whooshThreshold() + ": no whoosh", new double[] {0, window},
                    new double[] {0, 0}));
        }
        String airTitle = first == null ? null : "air flow (ml/s, measured as the air would fill at 1 atm)";
        if (first != null) {
            double[][] air = cut(t, t.values(Signal.EXHAUST_AIR_ATM_ML_PER_S), first.releaseAtSeconds() - 0.1,
                    first.releaseAtSeconds() + window, first.releaseAtSeconds());
            series.add(new Charts.Series("cycle " + first.index() + ": headspace air venting first (right axis)",
                    air[0], air[1], true));
        }
        XYChart chart = Charts.lines(title, "time since the release command (s)", "water flow (ml/s)", airTitle, series);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        chart.getStyler().setLegendBorderColor(new Color(200, 200, 200));
        chart.getStyler().setXAxisMin(-0.1).setXAxisMax(window);
        double peak = 0;
        for (CycleReport c : shown) {
            if (c.whooshed()) {
                peak = Math.max(peak, c.whooshPeakFlowMlPerS());
            }
        }
        double yTop = Math.max(10.0, Math.ceil(peak * 1.15 / 10) * 10);
        chart.getStyler().setYAxisMin(0, 0.0).setYAxisMax(0, yTop);
        for (int g = 1; g < groups.size(); g++) {
            // a dash of its own for each line, beside its colour: lines that cross stay apart
            float dash = 2f + 3f * g;
            chart.getSeriesMap().get(series.get(g).name()).setLineStyle(new java.awt.BasicStroke(2.0f,
                    java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER, 10f, new float[] {dash, 3f}, 0f));
        }
        if (first != null) {
            XYSeries air = chart.getSeriesMap().get(series.get(series.size() - 1).name());
            air.setLineStyle(new java.awt.BasicStroke(1.5f, java.awt.BasicStroke.CAP_BUTT,
                    java.awt.BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            double response = run.machine().parameters().threeWayValve() == null ? 0.0
                    : run.machine().parameters().threeWayValve().responseSeconds();
            chart.addAnnotation(new AnnotationLine(response, true, false));
            chart.addAnnotation(new AnnotationText(String.format(Locale.ROOT, "valve opens (%.0f ms dead time)",
                    response * 1000), response + 0.26, yTop * 0.95, false));
        }
        return new Named("exhaust", title, chart);
    }

    /** Whether two cut curves are the same within {@link #SAME_CURVE_FRACTION} of the first's peak. */
    static boolean sameCurve(double[][] a, double[][] b) {
        if (a[1].length != b[1].length) {
            return false;
        }
        double tolerance = SAME_CURVE_FRACTION * Math.max(1e-9, max(a[1]));
        for (int i = 0; i < a[1].length; i++) {
            if (Math.abs(a[1][i] - b[1][i]) > tolerance) {
                return false;
            }
        }
        return true;
    }

    private static String exhaustLabel(List<CycleReport> group) {
        CycleReport a = group.get(0);
        if (group.size() == 1) {
            return String.format(Locale.ROOT, "cycle %d (%s): water, %.1f ml", a.index(), a.phase(), a.whooshVolumeMl());
        }
        CycleReport b = group.get(group.size() - 1);
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (CycleReport c : group) {
            lo = Math.min(lo, c.whooshVolumeMl());
            hi = Math.max(hi, c.whooshVolumeMl());
        }
        String volume = String.format(Locale.ROOT, "%.1f", lo).equals(String.format(Locale.ROOT, "%.1f", hi))
                ? String.format(Locale.ROOT, "%.1f ml each", lo) : String.format(Locale.ROOT, "%.1f-%.1f ml", lo, hi);
        return String.format(Locale.ROOT, "cycles %d-%d (%s; one line, they coincide within %.0f %%): water, %s",
                a.index(), b.index(), a.phase(), 100 * SAME_CURVE_FRACTION, volume);
    }

    private static List<CycleReport> cyclesToOverlay(List<CycleReport> cycles) {
        if (cycles.size() <= 6) {
            return cycles;
        }
        List<CycleReport> out = new ArrayList<>(cycles.subList(0, 3));
        out.add(cycles.get(cycles.size() - 1));
        return out;
    }

    /** Samples of a channel between two times, with time shifted to start at {@code zero}. */
    private static double[][] cut(Trace t, double[] channel, double from, double to, double zero) {
        int a = t.indexAtOrBefore(from);
        int b = t.indexAtOrBefore(to);
        int n = Math.max(1, b - a + 1);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n && a + i < t.size(); i++) {
            x[i] = t.values(Signal.TIME_S)[a + i] - zero;
            y[i] = channel[a + i];
        }
        return new double[][] {x, y};
    }

    /**
     * Residue at each site before the first cycle (at 0) and at the end of each cycle, and how dark
     * each whoosh's discharge was.
     */
    static Named residue(ShownRun run) {
        Trace t = run.trace();
        int n = run.cycles().size();
        double[] x = new double[n + 1];
        double[] cycleX = new double[n];
        double[] dark = new double[n];
        for (int i = 0; i < n; i++) {
            CycleReport c = run.cycles().get(i);
            x[i + 1] = c.index();
            cycleX[i] = c.index();
            dark[i] = c.dischargeResidueMgPerMl() == null ? 0.0 : c.dischargeResidueMgPerMl();
        }
        var before = run.result().residueBeforeMg();
        double[] screen = withStart(before.get("screen"), run.atCycleEnds(t.values(Signal.SCREEN_RESIDUE_MG)));
        double[] passage = withStart(before.get("passage"), run.atCycleEnds(t.values(Signal.PASSAGE_RESIDUE_MG)));
        double[] valve = withStart(before.get("valve"), run.atCycleEnds(t.values(Signal.VALVE_RESIDUE_MG)));
        boolean clean = run.residueAtStartMg() <= 0.0;
        String title = clean ? "Residue per site and discharge darkness: this machine started clean, 0 mg to remove"
                : String.format(Locale.ROOT, "Residue per site, from %.0f mg before the first cycle, and how dark "
                + "each discharge was", screen[0] + passage[0] + valve[0]);
        XYChart chart = Charts.lines(title, "cycle (0: before the first)", "residue left (mg)",
                "discharge darkness (mg residue per ml)",
                List.of(new Charts.Series("shower screen", x, screen),
                        new Charts.Series("passage (valve to screen)", x, passage),
                        new Charts.Series("three-way valve", x, valve),
                        new Charts.Series("discharge darkness (right axis)", cycleX, dark, true)));
        for (XYSeries s : chart.getSeriesMap().values()) {
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        double top = Math.max(Math.max(max(screen), max(passage)), max(valve));
        chart.getStyler().setYAxisMin(0, 0.0).setYAxisMax(0, top > 0 ? niceCeiling(top * 1.2) : 1.0);
        double darkTop = max(dark);
        chart.getStyler().setYAxisMin(1, 0.0).setYAxisMax(1, darkTop > 0 ? niceCeiling(darkTop * 1.2) : 1.0);
        chart.getStyler().setXAxisMin(-0.5).setXAxisMax(n + 0.5);
        chart.getStyler().setXAxisDecimalPattern("0");
        return new Named("residue", title, chart);
    }

    private static double[] withStart(Double start, double[] values) {
        double[] out = new double[values.length + 1];
        out[0] = start == null ? 0.0 : start;
        System.arraycopy(values, 0, out, 1, values.length);
        return out;
    }

    /** Dissolved detergent in the chamber water through the run, and detergent left in the brew path. */
    static Named detergent(ShownRun run) {
        Trace t = run.trace();
        boolean dosed = run.maxDetergentLeftMg() > 0.0;
        String title = dosed ? "Detergent through the run: what the rinse has to carry out"
                : "Detergent through the run: none was dosed in this run, so the line stays at 0";
        XYChart chart = Charts.lines(title, "time (s)", "dissolved detergent (mg per ml of chamber water)",
                "detergent left in the brew path (mg)", List.of(
                        new Charts.Series("concentration in the chamber water", t.values(Signal.TIME_S), t.values(Signal.DETERGENT_MG_PER_ML)),
                        new Charts.Series("left in the brew path: undissolved, dissolved, on the metal (right axis)",
                                t.values(Signal.TIME_S), t.values(Signal.DETERGENT_LEFT_MG), true)));
        double cTop = max(t.values(Signal.DETERGENT_MG_PER_ML));
        chart.getStyler().setYAxisMin(0, 0.0).setYAxisMax(0, cTop > 0 ? niceCeiling(cTop * 1.2) : 1.0);
        double leftTop = max(t.values(Signal.DETERGENT_LEFT_MG));
        chart.getStyler().setYAxisMin(1, 0.0).setYAxisMax(1, leftTop > 0 ? niceCeiling(leftTop * 1.2) : 1.0);
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(run.result().simulatedSeconds());
        int rinse = run.firstCycleOf("rinse");
        if (rinse >= 0) {
            double at = run.cycles().get(rinse).pumpOnAtSeconds();
            chart.addAnnotation(new AnnotationLine(at, true, false));
            double yTop = cTop > 0 ? niceCeiling(cTop * 1.2) : 1.0;
            chart.addAnnotation(new AnnotationText("rinse starts", at + run.result().simulatedSeconds() * 0.04,
                    yTop * 0.93, false));
        }
        return new Named("detergent", title, chart);
    }

    static double max(double[] values) {
        double m = 0.0;
        for (double v : values) {
            if (v > m) {
                m = v;
            }
        }
        return m;
    }

    static double min(double[] values) {
        double m = 0.0;
        for (double v : values) {
            if (v < m) {
                m = v;
            }
        }
        return m;
    }

    /** 1, 2 or 5 times a power of ten, at or above {@code v} (v > 0). */
    static double niceCeiling(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }
}
