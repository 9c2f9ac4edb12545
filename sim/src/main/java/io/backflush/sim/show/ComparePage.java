package io.backflush.sim.show;

import io.backflush.sim.usage.ComparisonResult;
import io.backflush.sim.usage.StrategySummary;

import java.util.Comparator;
import java.util.Locale;
import java.util.Map;

/**
 * One self-contained HTML page for a strategy comparison: the table, the charts embedded as PNG
 * data URIs, and what the numbers say in plain words. No network references.
 */
public final class ComparePage {
    private ComparePage() {
    }

    public static String html(ComparisonResult c, Map<String, byte[]> pngs) {
        StringBuilder h = new StringBuilder(64 * 1024);
        String title = "Cleaning strategies compared on " + c.machine();
        ReportPage.head(h, title);
        h.append("<h1>").append(ReportPage.esc(title)).append("</h1>\n");
        h.append("<p class=\"note\">").append(ReportPage.esc(String.format(Locale.ROOT,
                "%d simulated days of %s shots a day, %s roast, %d seed%s per strategy; means over the seeds "
                        + "(the worst penalty is the worst shot of any seed), each with ± the half-width of its 95 %% "
                        + "confidence interval and its standard deviation (sd) over the seeds.", c.days(), CompareCharts.trim(c.shotsPerDay()),
                c.roast(), c.seeds(), c.seeds() == 1 ? "" : "s"))).append("</p>\n");

        h.append("<h2>What the numbers say</h2>\n<ul class=\"story\">\n");
        for (String line : story(c)) {
            h.append("<li>").append(ReportPage.esc(line)).append("</li>\n");
        }
        h.append("</ul>\n");

        h.append("<h2>The table</h2>\n<table>\n<tr><th>strategy</th><th>cup penalty</th><th>worst</th>")
                .append("<th>screen mg</th><th>passage mg</th><th>valve mg</th><th>water ml</th><th>detergent g</th>")
                .append("<th>cleaning min</th><th>tainted shots</th><th>drip days</th></tr>\n");
        String[] patterns = {"%.3f", "%.3f", "%.1f", "%.1f", "%.1f", "%.0f", "%.1f", "%.1f", "%.1f", "%.1f"};
        io.backflush.sim.usage.Figure[] figures = io.backflush.sim.usage.Figure.values();
        for (StrategySummary s : c.strategies()) {
            h.append("<tr><td style=\"text-align:left\">").append(ReportPage.esc(s.name())).append("</td>");
            double[] means = {s.meanCupPenalty(), s.worstCupPenalty(), s.residueEndMg().get("screen"),
                s.residueEndMg().get("passage"), s.residueEndMg().get("valve"), s.waterUsedMl(), s.detergentUsedG(),
                s.cleaningMinutes(), s.taintedShots(), s.dripDays()};
            for (int i = 0; i < means.length; i++) {
                h.append(cell(patterns[i], means[i], s.spread(figures[i])));
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
        h.append("<p class=\"note\">The cup penalty counts residue in the brew path (in units of what a taster "
                + "notices) and detergent carried into a shot. Residue and detergent figures come from a physics-lite "
                + "model whose cleaning parameters are estimates calibrated to published practice "
                + "(see docs/model.md); compare strategies with them, not absolute milligrams.</p>\n");

        h.append("<h2>Charts</h2>\n");
        for (RunCharts.Named chart : CompareCharts.all(c)) {
            ReportPage.figure(h, pngs, chart.stem(), chart.title());
        }
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    /** Plain-word findings: the cleanest, the cheapest in water and time, and the never-cleaned baseline. */
    static java.util.List<String> story(ComparisonResult c) {
        java.util.List<String> lines = new java.util.ArrayList<>();
        if (c.strategies().isEmpty()) {
            return lines;
        }
        // claims only where the seeds separate the strategies (Verdict): otherwise "no clear difference"
        for (io.backflush.sim.usage.Verdict v : c.verdicts()) {
            lines.add(v.text() + ".");
        }
        if (c.strategies().size() == 1) {
            StrategySummary only = c.strategies().get(0);
            lines.add(String.format(Locale.ROOT, "%s: mean penalty %.3f, %.1f mg of residue left.", only.name(),
                    only.meanCupPenalty(), total(only)));
        }
        c.strategies().stream().filter(s -> s.cleaningMinutes() > 0)
                .min(Comparator.comparingDouble(s -> s.meanCupPenalty() * (1 + s.cleaningMinutes() / 60.0)))
                .ifPresent(s -> lines.add(String.format(Locale.ROOT, "By the means, a good trade-off: %s — penalty %.3f for %.0f minutes "
                                + "of cleaning, %.1f L of water and %.1f g of detergent.", s.name(), s.meanCupPenalty(),
                        s.cleaningMinutes(), s.waterUsedMl() / 1000.0, s.detergentUsedG())));
        c.strategies().stream().filter(s -> s.taintedShots() > 0).forEach(s -> lines.add(String.format(Locale.ROOT,
                "%s tainted %.1f shots with detergent: its rinse is too short for the dose.", s.name(), s.taintedShots())));
        lines.add("Water alone moves fresh residue; the oils baked on at brew temperature need detergent, which is "
                + "why a weekly detergent clean keeps a machine cleaner than a daily water backflush alone.");
        if (c.water() != null) {
            c.strategies().stream().filter(s -> s.scaleMg() != null)
                    .max(Comparator.comparingDouble(s -> s.scaleMg().values().stream().mapToDouble(Double::doubleValue).sum()))
                    .ifPresent(s -> lines.add(String.format(Locale.ROOT, "Most scale: %s, %.1f g after %.0f L heated. "
                                    + "Backflushing and descaling are different jobs: detergent moves coffee oils from "
                                    + "the group, screen and valve but leaves scale; citric acid dissolves scale from the "
                                    + "element, boiler, gicleur and valve but leaves coffee oils.", s.name(),
                            s.scaleMg().values().stream().mapToDouble(Double::doubleValue).sum() / 1000.0,
                            s.litresHeated())));
            c.strategies().stream().filter(s -> s.acidTaintedShots() > 0).forEach(s -> lines.add(String.format(
                    Locale.ROOT, "%s soured %.1f shots with acid left from a descale: its flush is too short for the "
                            + "boiler.", s.name(), s.acidTaintedShots())));
        }
        return lines;
    }

    private static double total(StrategySummary s) {
        return s.residueEndMg().values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** A mean with, beneath it, ± its 95 % half-width and its standard deviation (nothing for one seed). */
    private static String cell(String pattern, double mean, io.backflush.sim.usage.Spread spread) {
        StringBuilder b = new StringBuilder("<td>").append(ReportPage.esc(String.format(Locale.ROOT, pattern, mean)));
        if (spread != null && spread.sd() != null) {
            b.append("<br><small>± ").append(ReportPage.esc(String.format(Locale.ROOT, pattern, spread.halfWidth())))
                    .append(" (sd ").append(ReportPage.esc(String.format(Locale.ROOT, pattern, spread.sd())))
                    .append(")</small>");
        }
        return b.append("</td>").toString();
    }
}
