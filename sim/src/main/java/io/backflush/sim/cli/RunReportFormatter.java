package io.backflush.sim.cli;

import io.backflush.core.machine.Machine;
import io.backflush.sim.run.CycleDetector;
import io.backflush.sim.run.CycleReport;
import io.backflush.sim.run.RunResult;
import io.backflush.sim.run.WaterReport;

import java.io.PrintWriter;
import java.util.Locale;

/** The human-readable forms of a run: a per-cycle table and one sentence per event. */
final class RunReportFormatter {
    private RunReportFormatter() {
    }

    static void printTable(PrintWriter out, RunResult r) {
        out.printf(Locale.ROOT, "machine %s, program %s, dt %s s, %.1f s simulated%n%n",
                r.machine(), r.program(), r.dtSeconds(), r.simulatedSeconds());
        out.printf(Locale.ROOT, "%5s  %-9s  %8s  %8s  %8s  %8s  %11s  %8s  %6s  %9s  %9s%n",
                "cycle", "phase", "pump on", "quiet", "plateau", "release", "whoosh peak", "whoosh", "decay",
                "residue", "detergent");
        out.printf(Locale.ROOT, "%5s  %-9s  %8s  %8s  %8s  %8s  %11s  %8s  %6s  %9s  %9s%n",
                "", "", "at s", "after s", "bar", "at s", "ml/s", "ml", "s", "out mg/ml", "out mg/ml");
        for (CycleReport c : r.cycles()) {
            out.printf(Locale.ROOT, "%5d  %-9s  %8.2f  %8s  %8s  %8s  %11s  %8s  %6s  %9s  %9s%n",
                    c.index(), c.phase() == null ? "-" : c.phase(), c.pumpOnAtSeconds(),
                    fmt(c.quietAfterSeconds(), "%.2f"), fmt(c.plateauBar(), "%.2f"),
                    fmt(c.releaseAtSeconds(), "%.2f"), fmt(c.whooshPeakFlowMlPerS(), "%.1f"),
                    fmt(c.whooshVolumeMl(), "%.2f"), fmt(c.whooshDecaySeconds(), "%.3f"),
                    fmt(c.dischargeResidueMgPerMl(), "%.3f"), fmt(c.dischargeDetergentMgPerMl(), "%.2f"));
        }
        WaterReport w = r.water();
        out.println();
        out.printf(Locale.ROOT, "water: %.2f ml drawn from the tank, %.2f ml returned by the OPV, %.2f ml to the drip tray, "
                        + "%.2f ml to the cup, %+.2f ml held in the group; balance error %.1e ml%n",
                w.fromTankMl(), w.returnedToTankMl(), w.toDripTrayMl(), w.toCupMl(), w.heldInMachineDeltaMl(),
                w.balanceErrorMl());
        out.printf(Locale.ROOT, "residue (screen / passage / valve): %s mg before, %s mg after; detergent: %.1f g dosed, "
                        + "%.1f mg left in the brew path%n",
                sites(r.residueBeforeMg()), sites(r.residueAfterMg()), r.detergentG(), r.detergentLeftMg());
    }

    static void printForced(PrintWriter out, RunResult r) {
        double trapped = r.cycles().stream().filter(c -> c.plateauBar() != null).mapToDouble(CycleReport::plateauBar)
                .max().orElse(0.0);
        out.println();
        out.printf(Locale.ROOT, "FORCED on machine '%s', which has no three-way valve: nothing released the group when "
                + "the pump stopped, so pressure stayed trapped (up to %.2f bar) and there was no whoosh; "
                + "%.1f mg of detergent stayed in water connected straight to the boiler. Do not do this on a real machine.%n",
                r.machine(), trapped, r.detergentLeftMg());
    }

    private static String sites(java.util.Map<String, Double> residue) {
        StringBuilder b = new StringBuilder();
        for (Double v : residue.values()) {
            if (b.length() > 0) {
                b.append(" / ");
            }
            b.append(String.format(Locale.ROOT, "%.1f", v));
        }
        return b.toString();
    }

    static void printNarrative(PrintWriter out, Machine machine, RunResult r) {
        double free = machine.pump().freeFlowMlPerS();
        out.println("What happened:");
        boolean opening = true;
        for (CycleReport c : r.cycles()) {
            if (opening) {
                explainFirstCycle(out, machine, c, free);
                opening = false;
            } else {
                out.printf(Locale.ROOT, "- Cycle %d (%s): pump on at %.1f s; %s; %s%n", c.index(), c.phase(),
                        c.pumpOnAtSeconds(),
                        c.quietAfterSeconds() == null ? "it never went quiet"
                                : String.format(Locale.ROOT, "quiet after %.2f s", c.quietAfterSeconds()),
                        c.whooshVolumeMl() == null ? "no whoosh (released from 1 bar or less)."
                                : String.format(Locale.ROOT, "released at %.2f bar: %.1f ml whooshed out at up to %.0f ml/s%s",
                                c.plateauBar(), c.whooshVolumeMl(), c.whooshPeakFlowMlPerS(),
                                c.whooshDecaySeconds() == null ? ", the group staying above 0.5 bar."
                                        : String.format(Locale.ROOT, ", below 0.5 bar after %.2f s.",
                                        c.whooshDecaySeconds())));
            }
        }
        if (r.cycles().size() > 1) {
            CycleReport first = r.cycles().get(0);
            CycleReport second = r.cycles().get(1);
            if (first.quietAfterSeconds() != null && second.quietAfterSeconds() != null
                    && second.quietAfterSeconds() < first.quietAfterSeconds()) {
                out.printf(Locale.ROOT, "- Later cycles go quiet sooner (%.2f s against %.2f s): the first release vented the "
                                + "headspace air and left water behind, so less air has to be compressed.%n",
                        second.quietAfterSeconds(), first.quietAfterSeconds());
            }
        }
        explainCleaning(out, r);
        WaterReport w = r.water();
        out.printf(Locale.ROOT, "- Every millilitre is accounted for: %.1f ml drawn = %.1f ml back to the tank + %.1f ml to the "
                        + "drip tray + %.1f ml to the cup %+.1f ml left in the group (error %.1e ml).%n",
                w.fromTankMl(), w.returnedToTankMl(), w.toDripTrayMl(), w.toCupMl(), w.heldInMachineDeltaMl(),
                w.balanceErrorMl());
    }

    private static void explainCleaning(PrintWriter out, RunResult r) {
        double before = r.residueBeforeMg().values().stream().mapToDouble(Double::doubleValue).sum();
        double after = r.residueAfterMg().values().stream().mapToDouble(Double::doubleValue).sum();
        if (before > 0) {
            CycleReport first = r.cycles().isEmpty() ? null : r.cycles().get(0);
            out.printf(Locale.ROOT, "- The group held %.0f mg of coffee residue (oils and fines). Each whoosh drove liquid back "
                            + "through the screen, the passage and the valve and carried some out: the first discharge held "
                            + "%s mg/ml; %.0f mg (%.0f %%) was gone at the end.%n",
                    before, first == null ? "-" : fmt(first.dischargeResidueMgPerMl(), "%.2f"), before - after,
                    100.0 * (before - after) / before);
            CycleReport clear = r.cycles().stream().filter(c -> c.dischargeResidueMgPerMl() != null
                    && c.dischargeResidueMgPerMl() < io.backflush.sim.usage.MachineLife.CLEAR_RESIDUE_MG_PER_ML)
                    .findFirst().orElse(null);
            if (clear != null) {
                out.printf(Locale.ROOT, "- The discharge ran clear (below %.1f mg/ml) from cycle %d on.%n",
                        io.backflush.sim.usage.MachineLife.CLEAR_RESIDUE_MG_PER_ML, clear.index());
            }
        }
        if (r.detergentG() > 0) {
            out.printf(Locale.ROOT, "- The detergent (%.1f g) dissolved into the chamber water and loosened the baked-on "
                            + "oils that water alone barely moves; some of it clings to the surfaces, which is why "
                            + "rinse cycles follow: %.1f mg was left in the brew path at the end%s.%n",
                    r.detergentG(), r.detergentLeftMg(),
                    r.detergentLeftMg() < 2.0 ? ", below the taste threshold" : ", enough to taint the next shot: rinse more");
        }
    }

    private static void explainFirstCycle(PrintWriter out, Machine machine, CycleReport c, double free) {
        out.printf(Locale.ROOT, "- Cycle %d (%s): at %.1f s the solenoid opened the path to the group and the pump "
                + "started pushing water into the dry blind basket.", c.index(), c.phase(), c.pumpOnAtSeconds());
        if (c.quietAfterSeconds() != null) {
            out.printf(Locale.ROOT, " The trapped air compressed until the flow into the group fell below %.2f ml/s "
                            + "(5 %% of the pump's %.1f ml/s free flow): the pump went quiet after %.2f s.",
                    CycleDetector.QUIET_FRACTION * free, free, c.quietAfterSeconds());
        } else {
            out.print(" The pump never went quiet: pressure was still building when it stopped.");
        }
        if (c.plateauBar() != null) {
            out.printf(Locale.ROOT, " Pressure held at %.2f bar, where %s.", c.plateauBar(), plateauReason(machine));
        }
        if (c.whooshVolumeMl() != null) {
            out.printf(Locale.ROOT, " At %.1f s the pump stopped and the solenoid connected the group to the drip tray: "
                            + "the headspace air vented first, then the air trapped in the basket expanded and pushed "
                            + "%.1f ml of water out at up to %.0f ml/s (the whoosh)",
                    c.releaseAtSeconds(), c.whooshVolumeMl(), c.whooshPeakFlowMlPerS());
            if (c.whooshDecaySeconds() != null) {
                out.printf(Locale.ROOT, "; the group fell below 0.5 bar %.2f s after the release.", c.whooshDecaySeconds());
            } else {
                out.print("; the group stayed above 0.5 bar until the next cycle.");
            }
        } else if (c.releaseAtSeconds() != null) {
            out.printf(Locale.ROOT, " At %.1f s the solenoid released, but from 1 bar or less: no whoosh.",
                    c.releaseAtSeconds());
        }
        out.println();
    }

    private static String plateauReason(Machine machine) {
        if (machine.parameters().overPressureValve() != null) {
            return "the over-pressure valve returns the pump's whole flow to the tank";
        }
        if (!machine.pump().pulseSkipping()) {
            return "the rotary pump's bypass recirculates its whole flow";
        }
        return "the pump stalls";
    }

    private static String fmt(Double value, String pattern) {
        return value == null ? "-" : String.format(Locale.ROOT, pattern, value);
    }
}
