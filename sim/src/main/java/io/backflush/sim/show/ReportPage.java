package io.backflush.sim.show;

import io.backflush.core.cleaning.CleaningParameters;
import io.backflush.sim.run.CycleReport;
import io.backflush.sim.run.RunNarrative;
import io.backflush.sim.run.RunResult;
import io.backflush.sim.run.WaterReport;
import io.backflush.core.scale.ScaleSite;
import io.backflush.sim.signal.Signal;
import io.backflush.sim.usage.CleaningTask;
import io.backflush.sim.usage.ScaleHistory;
import io.backflush.sim.usage.Strategies;

import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One self-contained HTML page explaining a run: the charts embedded as PNG data URIs, a sound
 * excerpt embedded as a WAV data URI, and plain-word explanations next to the numbers. It makes no
 * network reference; the only link is the relative one to the full-length WAV written beside it.
 */
public final class ReportPage {
    private ReportPage() {
    }

    /**
     * @param pngs        chart PNGs by file stem (as {@link RunCharts} names them)
     * @param excerptWav  the embedded sound excerpt (WAV bytes)
     * @param excerptFrom start of the excerpt in the run, s
     * @param excerptTo   end of the excerpt in the run, s
     * @param fullWavName file name of the full-length sound beside the page, or null
     */
    public static String html(ShownRun run, Map<String, byte[]> pngs, byte[] excerptWav, double excerptFrom,
                              double excerptTo, String fullWavName) {
        RunResult r = run.result();
        List<CycleReport> cycles = r.cycles();
        StringBuilder h = new StringBuilder(64 * 1024);
        head(h, "Backflush: " + r.program() + " on " + r.machine());

        h.append("<h1>").append(esc("Backflush: " + r.program() + " on " + r.machine())).append("</h1>\n");
        h.append("<p class=\"note\">").append(esc(run.machine().parameters().description())).append(". ")
                .append(esc(String.format(Locale.ROOT, "%d cycles, %.0f s of simulated time, fixed step %s s.",
                        cycles.size(), r.simulatedSeconds(), r.dtSeconds())))
                .append("</p>\n");

        glance(h, run);
        listen(h, run, excerptWav, excerptFrom, excerptTo, fullWavName);
        quiet(h, run, pngs);
        whoosh(h, run, pngs);
        residue(h, run, pngs);
        rinse(h, run, pngs);
        descaling(h, run, pngs);
        cycleTable(h, run);

        h.append("<h2>What happened, event by event</h2>\n<ul class=\"story\">\n");
        for (String line : RunNarrative.whatHappened(run.machine(), r)) {
            h.append("<li>").append(esc(line)).append("</li>\n");
        }
        h.append("</ul>\n");
        h.append("<h2>About these numbers</h2>\n<p>")
                .append(esc("The numbers come from backflush's physics-lite model of the brew circuit: pump curve, "
                        + "over-pressure valve, orifices, the air trapped in the group, and a residue and detergent "
                        + "model. The equations, every default and its source, and what the model does not capture "
                        + "are in docs/model.md. The sound is a rendering of the simulated flows, not a recording "
                        + "or an acoustic model."))
                .append("</p>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void glance(StringBuilder h, ShownRun run) {
        List<CycleReport> cycles = run.cycles();
        WaterReport w = run.result().water();
        h.append("<h2>At a glance</h2>\n<ul>\n");
        if (!cycles.isEmpty()) {
            CycleReport first = cycles.get(0);
            if (first.quietAfterSeconds() != null) {
                h.append("<li>").append(esc("The pump went quiet ")).append(num("%.2f s", first.quietAfterSeconds()))
                        .append(esc(" after it started on the dry basket"));
                if (cycles.size() > 1 && cycles.get(1).quietAfterSeconds() != null) {
                    h.append(esc(", and ")).append(num("%.2f s", cycles.get(1).quietAfterSeconds()))
                            .append(esc(" in the next cycle"));
                }
                h.append(".</li>\n");
            }
            if (first.plateauBar() != null) {
                h.append("<li>").append(esc("Pressure held at ")).append(num("%.2f bar", first.plateauBar()))
                        .append(esc(": " + RunNarrative.plateauReason(run.machine()) + ".")).append("</li>\n");
            }
            double whooshed = 0;
            int n = 0;
            double peak = 0;
            for (CycleReport c : cycles) {
                if (c.whooshed()) {
                    whooshed += c.whooshVolumeMl();
                    peak = Math.max(peak, c.whooshPeakFlowMlPerS());
                    n++;
                }
            }
            h.append("<li>").append(num("%d", n)).append(esc(" whooshes sent ")).append(num("%.1f ml", whooshed))
                    .append(esc(" to the drip tray, at up to ")).append(num("%.0f ml/s", peak)).append(".</li>\n");
        }
        if (run.residueAtStartMg() > 0) {
            h.append("<li>").append(esc("Residue removed: ")).append(num("%.1f mg", sum(run.removedPerCycleMg())))
                    .append(esc(" of the " + fmt("%.1f", run.residueAtStartMg()) + " mg in the brew path at the start."))
                    .append("</li>\n");
        } else {
            h.append("<li>").append(esc("Residue removed: none; the machine started clean.")).append("</li>\n");
        }
        h.append("<li>").append(esc("Water: ")).append(num("%.1f ml", w.fromTankMl()))
                .append(esc(" drawn from the tank, " + fmt("%.1f", w.returnedToTankMl()) + " ml of it back through "
                        + "the over-pressure valve; the ledger balances to " + fmt("%.1e", w.balanceErrorMl())
                        + " ml.")).append("</li>\n</ul>\n");
    }

    private static void listen(StringBuilder h, ShownRun run, byte[] wav, double from, double to, String full) {
        h.append("<h2>Listen</h2>\n");
        h.append("<audio controls preload=\"auto\" src=\"data:audio/wav;base64,")
                .append(Base64.getEncoder().encodeToString(wav)).append("\"></audio>\n");
        boolean vibratory = run.machine().pump().pulseSkipping();
        h.append("<p>").append(esc(String.format(Locale.ROOT, "The run from %.0f s to %.0f s, in real time. ", from, to)))
                .append(esc(vibratory
                        ? String.format(Locale.ROOT, "The buzz is the vibratory pump: one stroke per mains cycle, "
                                + "%.0f strokes a second. ", run.machine().pump().mainsHz())
                        : "The hum is the rotary pump. "))
                .append(esc("Listen to it fall as the pressure builds, and turn thinner and harsher: the pump moves "
                        + "less water against the trapped air and the over-pressure valve; dead-headed it is about "
                        + "12 dB quieter than running free. When the solenoid releases, the hiss is the "
                        + "headspace air venting and the whoosh is the water the expanding basket air pushes into "
                        + "the drip tray."));
        if (full != null) {
            h.append(" <a href=\"").append(esc(full)).append("\">").append(esc("The whole run (" + full + ")"))
                    .append("</a>").append(esc(" is beside this page."));
        }
        h.append("</p>\n<p class=\"note\">")
                .append(esc("How loud the pump sounds is a rendering choice, not acoustics: silent when stopped; "
                        + "while running 8 % of full loudness plus the rest in proportion to the square of its flow "
                        + "relative to its free flow; each stroke varies a little (seeded, so the same run sounds the "
                        + "same). The whoosh is seeded noise following the exhaust flows."))
                .append("</p>\n");
    }

    private static void quiet(StringBuilder h, ShownRun run, Map<String, byte[]> pngs) {
        List<CycleReport> cycles = run.cycles();
        h.append("<h2>Why the pump went quiet</h2>\n");
        figure(h, pngs, "pressure", "Group pressure (behind the blind basket) through the whole run. Triangles: the pump went quiet; diamonds: the solenoid released and the whoosh began.");
        h.append("<p>").append(esc("A blind basket has no way out, so the water the pump pushes into the group can "
                + "only squeeze the air trapped above and in the basket. As the air compresses the pressure climbs, "
                + "and the pump, working against it, moves less and less water. "));
        h.append(esc("The simulator calls the pump quiet when the net flow into the group falls below "
                + RunNarrative.quietThreshold(run.machine()) + " and stays there. "));
        if (!cycles.isEmpty() && cycles.get(0).plateauBar() != null) {
            h.append(esc(String.format(Locale.ROOT, "The pressure then holds at %.2f bar: there %s. ",
                    cycles.get(0).plateauBar(), RunNarrative.plateauReason(run.machine()))));
        }
        String sooner = RunNarrative.laterCyclesQuieterSooner(run.result());
        if (sooner != null) {
            h.append(esc(sooner));
        }
        h.append("</p>\n");
        figure(h, pngs, "first-cycles", "The first cycles close up: pressure (left axis), the net flow into the "
                + "group and the exhaust water flow (right axis), with the events and their figures.");
        figure(h, pngs, "pump", "Pump flow from the tank, the net flow into the group and the flow returned by the "
                + "over-pressure valve; the pump loudness used for the sound on the right axis. The brief back-flow "
                + "into the over-pressure valve at each release (about 2 ml/s for a few tens of milliseconds) is "
                + "below the axis; the close-up above shows it.");
    }

    private static void whoosh(StringBuilder h, ShownRun run, Map<String, byte[]> pngs) {
        List<CycleReport> cycles = run.cycles();
        h.append("<h2>What the whoosh carried out</h2>\n");
        figure(h, pngs, "exhaust", "Water flow through the three-way valve's exhaust to the drip tray after each "
                + "release, against time since the release command; cycles whose flows coincide share one line, named "
                + "with all of them; the headspace air venting first is on the right axis. Flows "
                + "are drawn as 10 ms averages, so the drawn peaks sit a little below the peaks in the table.");
        h.append("<p>").append(esc("When the pump stops the solenoid de-energises and connects the group to the drip "
                + "tray. The air in the headspace, next to the valve, escapes first: a short hiss. Then the air "
                + "trapped under the water in the basket expands from the plateau pressure back towards atmospheric "
                + "and drives the water out through the screen, the passage and the valve: the whoosh. That "
                + "backwards rush is what cleans: it drags coffee residue (and detergent) along with it. "));
        CycleReport first = cycles.stream().filter(CycleReport::whooshed).findFirst().orElse(null);
        if (first != null) {
            h.append(esc(String.format(Locale.ROOT, "Cycle %d's whoosh sent %.1f ml to the drip tray at up to %.0f ml/s",
                    first.index(), first.whooshVolumeMl(), first.whooshPeakFlowMlPerS())));
            if (first.whooshDecaySeconds() != null) {
                h.append(esc(String.format(Locale.ROOT, " and the group was below %s %.2f s after the release",
                        RunNarrative.decayThreshold(), first.whooshDecaySeconds())));
            }
            h.append(". ");
            if (first.dischargeResidueMgPerMl() != null) {
                h.append(esc(String.format(Locale.ROOT, "It carried %.3f mg of residue and %.3f mg of detergent per ml.",
                        first.dischargeResidueMgPerMl(), first.dischargeDetergentMgPerMl())));
            }
        } else {
            h.append(esc("No cycle was released from above " + RunNarrative.whooshThreshold()
                    + ", so there was no whoosh."));
        }
        h.append("</p>\n");
    }

    private static void residue(StringBuilder h, ShownRun run, Map<String, byte[]> pngs) {
        List<CycleReport> cycles = run.cycles();
        double start = run.residueAtStartMg();
        double[] removed = run.removedPerCycleMg();
        h.append("<h2>How much residue each cycle removed</h2>\n");
        figure(h, pngs, "residue", "Residue left at the shower screen, the passage and the three-way valve at the end "
                + "of each cycle (left axis), and each discharge's darkness: mg of residue per ml whooshed out "
                + "(right axis).");
        h.append("<p>");
        if (start <= 0) {
            h.append(esc("This run started from a clean machine: the run command starts every machine with no "
                    + "residue in the brew path, so there was nothing to remove and every discharge was clear "
                    + "(0 mg/ml). On a used machine each whoosh removes a share of the residue at each site, more "
                    + "where the flow is fast and the water hot, and most of it in the first cycles: the discharge "
                    + "gets lighter cycle by cycle."));
        } else {
            h.append(esc(String.format(Locale.ROOT, "The brew path held %.1f mg of residue at the start. Each whoosh "
                    + "removes a share of what is left at each site, more where the flow is fast and the water hot, "
                    + "so the first cycles remove the most and the discharge gets lighter cycle by cycle.", start)));
        }
        h.append("</p>\n<table>\n<tr><th>cycle</th><th>phase</th><th>removed (mg)</th><th>share of the start</th>")
                .append("<th>discharge darkness (mg/ml)</th><th>soapiness (mg/ml)</th></tr>\n");
        for (int i = 0; i < cycles.size(); i++) {
            CycleReport c = cycles.get(i);
            h.append("<tr><td>").append(c.index()).append("</td><td>").append(esc(String.valueOf(c.phase())))
                    .append("</td><td>").append(fmt("%.2f", removed[i])).append("</td><td>")
                    .append(start > 0 ? fmt("%.1f %%", 100 * removed[i] / start) : "-").append("</td><td>")
                    .append(c.dischargeResidueMgPerMl() == null ? "-" : fmt("%.3f", c.dischargeResidueMgPerMl()))
                    .append("</td><td>")
                    .append(c.dischargeDetergentMgPerMl() == null ? "-" : fmt("%.3f", c.dischargeDetergentMgPerMl()))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void rinse(StringBuilder h, ShownRun run, Map<String, byte[]> pngs) {
        h.append("<h2>Why the rinse was needed</h2>\n");
        figure(h, pngs, "detergent", "Dissolved detergent per ml of the water in the group (left axis) and the "
                + "detergent still in the brew path: undissolved, dissolved and held on the metal (right axis).");
        Trace t = run.trace();
        double threshold = CleaningParameters.defaults().detergent().tasteThresholdMg();
        h.append("<p>");
        if (run.maxDetergentLeftMg() <= 0) {
            h.append(esc(String.format(Locale.ROOT, "This run put no detergent in the basket (the run command starts "
                    + "with none), so the line stays at 0 and the rinse cycles here move only water. With detergent, "
                    + "the detergent cycles dissolve it into the water in the group and some of it sticks to the "
                    + "metal. Each whoosh carries out a share of the dissolved part, and what stuck comes off only "
                    + "slowly. The rinse cycles go on flushing until what is left is below the %.0f mg at which the "
                    + "model says the next shot would taste of it: that is why the rinse is needed.", threshold)));
        } else {
            int rinse = run.firstCycleOf("rinse");
            double end = t.size() == 0 ? 0 : t.values(Signal.DETERGENT_LEFT_MG)[t.size() - 1];
            if (rinse > 0) {
                double before = t.values(Signal.DETERGENT_LEFT_MG)[t.indexAtOrBefore(run.cycles().get(rinse).pumpOnAtSeconds())];
                h.append(esc(String.format(Locale.ROOT, "When the rinse began, %.1f mg of detergent was still in the "
                        + "brew path, dissolved in the water in the group or held on the metal. ", before)));
            }
            h.append(esc(String.format(Locale.ROOT, "Each whoosh carries out a share of the dissolved detergent and "
                    + "the metal gives up what it held only slowly, so it takes several rinse cycles. At the end "
                    + "%.1f mg was left; the model says the next shot tastes of it above %.0f mg%s", end, threshold,
                    end < threshold ? ", so the rinse did its job." : ": more rinsing was needed.")));
        }
        h.append("</p>\n");
    }

    /**
     * Why descaling is a different job: the scale the days of use left per site (when a water was
     * given), and that this backflush removed coffee residue and none of it.
     */
    private static void descaling(StringBuilder h, ShownRun run, Map<String, byte[]> pngs) {
        ScaleHistory scale = run.scale();
        h.append("<h2 id=\"descaling\">Why descaling is a different job</h2>\n");
        if (scale != null && scale.days() > 0) {
            figure(h, pngs, "scale", "Scale per site at the end of each day of use before the run: the heater element and "
                    + "the boiler walls in grams (left axis), the particles caught in the gicleur, on the valve seat, in "
                    + "its exhaust and on the shower screen in milligrams (right axis).");
        }
        h.append("<p>");
        double removed = sum(run.removedPerCycleMg());
        String backflush = String.format(Locale.ROOT, "This backflush removed %.1f mg of coffee residue%s", removed,
                run.result().detergentG() > 0 ? fmt(" with %.1f g of detergent", run.result().detergentG()) : " with water alone");
        if (scale != null && scale.days() > 0) {
            double total = scale.endTotalMg();
            h.append(esc(String.format(Locale.ROOT, "Over the %d days of use before this run, %.0f L of water of hardness "
                            + "%s and alkalinity %s mg/L as CaCO3 was heated in the boiler and left %s of scale: %s on "
                            + "the heater element, %s on the boiler walls, %s in the gicleur, %s on the valve seat, %s "
                            + "in its exhaust and %s on the shower screen. ", scale.days(), scale.litresHeated(),
                    CompareCharts.trim(scale.water().hardnessMgPerL()), CompareCharts.trim(scale.water().alkalinityMgPerL()),
                    mg(total), mg(scale.endMg(ScaleSite.ELEMENT)), mg(scale.endMg(ScaleSite.BOILER)),
                    mg(scale.endMg(ScaleSite.GICLEUR)), mg(scale.endMg(ScaleSite.SEAT)), mg(scale.endMg(ScaleSite.EXHAUST)),
                    mg(scale.endMg(ScaleSite.SCREEN)))));
            h.append(esc(backflush + " and none of the scale: detergent and water wash out coffee oils, not minerals, "
                    + "so the " + mg(total) + " are still in the machine. "));
        } else if (scale != null) {
            h.append(esc(String.format(Locale.ROOT, "The machine started without scale: with water of hardness %s and "
                            + "alkalinity %s mg/L as CaCO3, scale forms as water is heated day after day (add "
                            + "--fouled-days to start from a used machine). ",
                    CompareCharts.trim(scale.water().hardnessMgPerL()), CompareCharts.trim(scale.water().alkalinityMgPerL()))));
            h.append(esc(backflush + "; it would have removed no scale: detergent and water wash out coffee oils, "
                    + "not minerals. "));
        } else {
            h.append(esc("Scale was not simulated (give the water's --hardness and --alkalinity, and --fouled-days, to "
                    + "see it). "));
            h.append(esc(backflush + "; it removes no scale: detergent and water wash out coffee oils, not minerals. "));
        }
        h.append(esc("Descaling is the other job: citric acid in the tank dissolves the minerals from the element, the "
                + "boiler, the gicleur and the valve, and does nothing to coffee oils"));
        Strategies.all().values().stream().filter(st -> st.tasks().stream().anyMatch(CleaningTask::descales)).findFirst()
                .ifPresent(st -> {
                    CleaningTask t = st.tasks().stream().filter(CleaningTask::descales).findFirst().orElseThrow();
                    h.append(esc(String.format(Locale.ROOT, "; the strategy %s adds %s g of citric acid %s for it "
                                    + "('backflush compare' with --hardness shows what each job saves)", st.name(),
                            CompareCharts.trim(t.acidGrams()), t.everyLitres() > 0
                                    ? "every " + CompareCharts.trim(t.everyLitres()) + " L heated"
                                    : "every " + t.everyDays() + " days")));
                });
        h.append(".</p>\n");
    }

    /** Milligrams as a reader wants them: grams from 1 g, fewer decimals as they grow. */
    private static String mg(double milligrams) {
        if (milligrams >= 1000) {
            return fmt("%.2f g", milligrams / 1000.0);
        }
        return fmt(milligrams >= 10 ? "%.1f mg" : "%.3f mg", milligrams);
    }

    private static void cycleTable(StringBuilder h, ShownRun run) {
        h.append("<h2>Cycle by cycle</h2>\n<table>\n<tr><th>cycle</th><th>phase</th><th>pump on (s)</th>")
                .append("<th>quiet after (s)</th><th>plateau (bar)</th><th>release (s)</th>")
                .append("<th>whoosh peak (ml/s)</th><th>whoosh (ml)</th><th>below ")
                .append(RunNarrative.decayThreshold()).append(" after (s)</th></tr>\n");
        for (CycleReport c : run.cycles()) {
            h.append("<tr><td>").append(c.index()).append("</td><td>").append(esc(String.valueOf(c.phase())))
                    .append("</td><td>").append(fmt("%.2f", c.pumpOnAtSeconds()))
                    .append("</td><td>").append(opt("%.2f", c.quietAfterSeconds()))
                    .append("</td><td>").append(opt("%.2f", c.plateauBar()))
                    .append("</td><td>").append(opt("%.2f", c.releaseAtSeconds()))
                    .append("</td><td>").append(opt("%.1f", c.whooshPeakFlowMlPerS()))
                    .append("</td><td>").append(opt("%.2f", c.whooshVolumeMl()))
                    .append("</td><td>").append(opt("%.3f", c.whooshDecaySeconds())).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    /** The page's head and its one style sheet (shared by the run report and the comparison). */
    static void head(StringBuilder h, String title) {
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(title)).append("</title>\n")
                .append("<style>\n")
                .append("body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:1000px;margin:2em auto;")
                .append("padding:0 1em;line-height:1.5;color:#222;background:#fff}\n")
                .append("h1{font-size:1.8em;margin-bottom:.2em}h2{margin-top:2em;border-bottom:1px solid #ddd}\n")
                .append("figure{margin:1em 0}figure img{width:100%;height:auto;border:1px solid #eee}\n")
                .append("figcaption{font-size:.9em;color:#555}\n")
                .append("table{border-collapse:collapse;font-size:.9em;margin:1em 0}")
                .append("td,th{border:1px solid #ddd;padding:.25em .6em;text-align:right}th{background:#f5f5f5}\n")
                .append("td:nth-child(2){text-align:left}.num{font-weight:600}.note{color:#555;font-size:.9em}\n")
                .append("ul.story li{margin-bottom:.5em}audio{width:100%}\n")
                .append("</style>\n</head>\n<body>\n");
    }

    static void figure(StringBuilder h, Map<String, byte[]> pngs, String stem, String caption) {
        byte[] png = pngs.get(stem);
        if (png == null) {
            return;
        }
        h.append("<figure id=\"chart-").append(stem).append("\"><img alt=\"").append(esc(caption))
                .append("\" width=\"").append(Charts.WIDTH).append("\" height=\"").append(Charts.HEIGHT)
                .append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(png))
                .append("\"><figcaption>").append(esc(caption)).append("</figcaption></figure>\n");
    }

    private static String num(String pattern, Object value) {
        return "<span class=\"num\">" + esc(String.format(Locale.ROOT, pattern, value)) + "</span>";
    }

    private static String fmt(String pattern, double value) {
        return String.format(Locale.ROOT, pattern, value);
    }

    private static String opt(String pattern, Double value) {
        return value == null ? "-" : fmt(pattern, value);
    }

    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }

    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
