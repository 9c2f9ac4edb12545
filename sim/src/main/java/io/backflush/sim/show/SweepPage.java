package io.backflush.sim.show;

import io.backflush.sim.sweep.Pareto;
import io.backflush.sim.sweep.SweepPoint;
import io.backflush.sim.sweep.SweepResult;
import io.backflush.sim.usage.Figure;
import io.backflush.sim.usage.Spread;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One self-contained HTML page for a sweep: what was swept, the Pareto front as a table (each
 * figure with ± its 95 % confidence interval over the seeds), the charts embedded as PNG data URIs,
 * and the first {@value #MAX_ROWS} points (every point is in {@code points.csv}). No network references.
 */
public final class SweepPage {
    /** Rows of the all-points table on the page. */
    public static final int MAX_ROWS = 500;

    private SweepPage() {
    }

    public static String html(SweepResult r, Map<String, byte[]> pngs) {
        StringBuilder h = new StringBuilder(64 * 1024);
        String title = "Sweep " + r.sweep() + " on " + r.machine();
        ReportPage.head(h, title);
        h.append("<h1>").append(ReportPage.esc(title)).append("</h1>\n");
        h.append("<p class=\"note\">").append(ReportPage.esc(String.format(Locale.ROOT,
                "Base strategy %s, %d days; %s design over %s: %d points, each run for %d seed%s. Figures are means over "
                        + "the seeds with ± the half-width of their 95 %% confidence interval.", r.strategy(), r.days(),
                r.design(), String.join(", ", r.axes()), r.points().size(), r.seeds().size(),
                r.seeds().size() == 1 ? "" : "s"))).append("</p>\n");
        List<SweepPoint> front = r.points().stream().filter(SweepPoint::pareto).toList();
        h.append("<h2>The Pareto front</h2>\n<p>").append(ReportPage.esc(String.format(Locale.ROOT,
                "%d of %d points are on the front: no other point has a lower (or equal) cup penalty, water, detergent "
                        + "and cleaning time all at once. Which of them is best depends on what a minute, a litre and "
                        + "a gram are worth to you; differences within the ± intervals are not established by these seeds.",
                front.size(), r.points().size()))).append("</p>\n");
        table(h, r, front);
        h.append("<h2>Charts</h2>\n");
        for (RunCharts.Named chart : SweepCharts.all(r)) {
            ReportPage.figure(h, pngs, chart.stem(), chart.title());
        }
        h.append("<h2>Every point</h2>\n");
        if (r.points().size() > MAX_ROWS) {
            h.append("<p class=\"note\">").append(ReportPage.esc("The first " + MAX_ROWS + " of " + r.points().size()
                    + " points; all of them are in points.csv and points.json.")).append("</p>\n");
        }
        table(h, r, r.points().subList(0, Math.min(MAX_ROWS, r.points().size())));
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    private static void table(StringBuilder h, SweepResult r, List<SweepPoint> points) {
        h.append("<table>\n<tr><th>point</th>");
        for (String axis : r.axes()) {
            h.append("<th>").append(ReportPage.esc(axis)).append("</th>");
        }
        for (Figure f : Pareto.OBJECTIVES) {
            h.append("<th>").append(ReportPage.esc(f.label() + (f.unit().isEmpty() ? "" : " " + f.unit()))).append("</th>");
        }
        h.append("<th>front</th></tr>\n");
        for (SweepPoint p : points) {
            h.append("<tr><td>").append(p.index()).append("</td>");
            for (String axis : r.axes()) {
                h.append("<td>").append(ReportPage.esc(String.valueOf(p.parameters().get(axis)))).append("</td>");
            }
            for (Figure f : Pareto.OBJECTIVES) {
                Spread s = p.figure(f);
                String pattern = f == Figure.MEAN_CUP_PENALTY ? "%.4f" : "%.1f";
                String text = String.format(Locale.ROOT, pattern, s.mean())
                        + (s.halfWidth() == null ? "" : " ± " + String.format(Locale.ROOT, pattern, s.halfWidth()));
                h.append("<td>").append(ReportPage.esc(text)).append("</td>");
            }
            h.append("<td>").append(p.pareto() ? "yes" : "").append("</td></tr>\n");
        }
        h.append("</table>\n");
    }
}
