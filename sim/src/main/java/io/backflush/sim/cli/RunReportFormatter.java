package io.backflush.sim.cli;

import io.backflush.core.machine.Machine;
import io.backflush.sim.run.CycleReport;
import io.backflush.sim.run.RunNarrative;
import io.backflush.sim.run.RunResult;
import io.backflush.sim.run.WaterReport;

import java.io.PrintWriter;
import java.util.Locale;

/** The human-readable forms of a run: a per-cycle table and one sentence per event ({@link RunNarrative}). */
final class RunReportFormatter {
    private RunReportFormatter() {
    }

    static void printTable(PrintWriter out, RunResult r) {
        out.printf(Locale.ROOT, "machine %s, program %s, %s stepper, dt %s s, %.1f s simulated%n%n",
                r.machine(), r.program(), r.stepper(), r.dtSeconds(), r.simulatedSeconds());
        // 100 columns at most (a terminal's usual width)
        String head = "%5s  %-9s  %7s  %7s  %7s  %7s  %9s  %6s  %5s  %9s  %9s%n";
        out.printf(Locale.ROOT, head, "cycle", "phase", "pump on", "quiet", "plateau", "release", "whoosh", "whoosh",
                "decay", "residue", "detergent");
        out.printf(Locale.ROOT, head, "", "", "at s", "after s", "bar", "at s", "peak ml/s", "ml", "s", "out mg/ml",
                "out mg/ml");
        for (CycleReport c : r.cycles()) {
            out.printf(Locale.ROOT, "%5d  %-9s  %7.2f  %7s  %7s  %7s  %9s  %6s  %5s  %9s  %9s%n",
                    c.index(), c.phase() == null ? "-" : c.phase(), c.pumpOnAtSeconds(),
                    fmt(c.quietAfterSeconds(), "%.2f"), fmt(c.plateauBar(), "%.2f"),
                    fmt(c.releaseAtSeconds(), "%.2f"), fmt(c.whooshPeakFlowMlPerS(), "%.1f"),
                    fmt(c.whooshVolumeMl(), "%.2f"), fmt(c.whooshDecaySeconds(), "%.3f"),
                    fmt(c.dischargeResidueMgPerMl(), "%.3f"), fmt(c.dischargeDetergentMgPerMl(), "%.2f"));
        }
        WaterReport w = r.water();
        out.println();
        out.printf(Locale.ROOT, "water: %.2f ml drawn from the tank, %.2f ml returned by the OPV, %.2f ml to the drip tray,%n"
                        + "       %.2f ml to the cup, %+.2f ml held in the group; balance error %.1e ml%n",
                w.fromTankMl(), w.returnedToTankMl(), w.toDripTrayMl(), w.toCupMl(), w.heldInMachineDeltaMl(),
                w.balanceErrorMl());
        out.printf(Locale.ROOT, "residue (screen / passage / valve): %s mg before, %s mg after;%n"
                        + "detergent: %.1f g dosed, %.1f mg left in the brew path%n",
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
        out.println("What happened:");
        for (String line : RunNarrative.whatHappened(machine, r)) {
            out.println("- " + line);
        }
    }

    private static String fmt(Double value, String pattern) {
        return value == null ? "-" : String.format(Locale.ROOT, pattern, value);
    }
}
