package io.backflush.sim.run;

import io.backflush.core.cleaning.DetergentParameters;
import io.backflush.core.machine.Machine;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The plain-word sentences that explain a run, one per event, shared by the demo's text and the
 * HTML report so both say the same thing in the same words.
 */
public final class RunNarrative {
    private RunNarrative() {
    }

    /** One sentence group per cycle, then what changed between cycles and the water ledger. */
    public static List<String> whatHappened(Machine machine, RunResult r) {
        List<String> lines = new ArrayList<>();
        boolean opening = true;
        for (CycleReport c : r.cycles()) {
            lines.add(opening ? firstCycle(machine, c) : laterCycle(c));
            opening = false;
        }
        String sooner = laterCyclesQuieterSooner(r);
        if (sooner != null) {
            lines.add(sooner);
        }
        lines.addAll(cleaning(r));
        lines.add(waterLedger(r.water()));
        return lines;
    }

    /** What the run did to residue and detergent: how much came out, when it ran clear, why rinse. */
    public static List<String> cleaning(RunResult r) {
        List<String> lines = new ArrayList<>();
        double before = r.residueBeforeMg().values().stream().mapToDouble(Double::doubleValue).sum();
        double after = r.residueAfterMg().values().stream().mapToDouble(Double::doubleValue).sum();
        if (before > 0) {
            CycleReport first = r.cycles().isEmpty() ? null : r.cycles().get(0);
            lines.add(String.format(Locale.ROOT, "The group held %.0f mg of coffee residue (oils and fines). Each whoosh "
                            + "drove liquid back through the screen, the passage and the valve and carried some out: the "
                            + "first discharge held %s mg/ml; %.0f mg (%.0f %%) was gone at the end.",
                    before, first == null || first.dischargeResidueMgPerMl() == null ? "-"
                            : String.format(Locale.ROOT, "%.2f", first.dischargeResidueMgPerMl()),
                    before - after, 100.0 * (before - after) / before));
            r.cycles().stream().filter(CycleReport::ranClear)
                    .findFirst()
                    .ifPresent(clear -> lines.add(String.format(Locale.ROOT,
                            "The discharge ran clear (below %s mg/ml) from cycle %d on.",
                            number(CycleReport.CLEAR_RESIDUE_MG_PER_ML), clear.index())));
        }
        if (r.detergentG() > 0) {
            double threshold = DetergentParameters.defaults().tasteThresholdMg();
            lines.add(String.format(Locale.ROOT, "The detergent (%.1f g) dissolved into the chamber water and loosened "
                            + "the baked-on oils that water alone barely moves; some of it clings to the surfaces, which is "
                            + "why rinse cycles follow: %.1f mg was left in the brew path at the end, %s.",
                    r.detergentG(), r.detergentLeftMg(), r.detergentLeftMg() < threshold
                            ? "below the taste threshold" : "enough to taint the next shot: rinse more"));
        }
        return lines;
    }

    /** The first cycle told in full: why the pump went quiet, why the pressure held, what the whoosh did. */
    public static String firstCycle(Machine machine, CycleReport c) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "Cycle %d (%s): at %.1f s the solenoid opened the path to the group and "
                + "the pump started pushing water into the dry blind basket.", c.index(), c.phase(), c.pumpOnAtSeconds()));
        if (c.quietAfterSeconds() != null) {
            s.append(String.format(Locale.ROOT, " The trapped air compressed until the flow into the group fell below "
                    + "%s: %s.", quietThreshold(machine), pumpWentQuiet(c.quietAfterSeconds())));
        } else {
            s.append(" The pump never went quiet: pressure was still building when it stopped.");
        }
        if (c.plateauBar() != null) {
            s.append(String.format(Locale.ROOT, " Pressure held at %.2f bar, where %s.", c.plateauBar(),
                    plateauReason(machine)));
        }
        if (c.whooshVolumeMl() != null) {
            s.append(String.format(Locale.ROOT, " At %.1f s the pump stopped and the solenoid connected the group to "
                            + "the drip tray: the headspace air vented first, then the air trapped in the basket "
                            + "expanded and pushed %.1f ml of water out at up to %.0f ml/s (the whoosh)",
                    c.releaseAtSeconds(), c.whooshVolumeMl(), c.whooshPeakFlowMlPerS()));
            if (c.whooshDecaySeconds() != null) {
                s.append(String.format(Locale.ROOT, "; the group fell below %s %.2f s after the release.",
                        decayThreshold(), c.whooshDecaySeconds()));
            } else {
                s.append("; the group stayed above ").append(decayThreshold()).append(" until the next cycle.");
            }
        } else if (c.releaseAtSeconds() != null) {
            s.append(String.format(Locale.ROOT, " At %.1f s the solenoid released, but from %s or less: no whoosh.",
                    c.releaseAtSeconds(), whooshThreshold()));
        }
        return s.toString();
    }

    /** The quiet event as the report says it: "the pump went quiet after 5.40 s". */
    public static String pumpWentQuiet(double quietAfterSeconds) {
        return String.format(Locale.ROOT, "the pump went quiet after %.2f s", quietAfterSeconds);
    }

    /**
     * A whoosh as an event line: "whoosh: 24.8 ml, discharge dark" (dark when its residue is at or
     * above {@link CycleReport#CLEAR_RESIDUE_MG_PER_ML} mg/ml, clear below; nothing said without a figure).
     */
    public static String whoosh(double volumeMl, Double dischargeResidueMgPerMl) {
        String discharge = dischargeResidueMgPerMl == null ? ""
                : dischargeResidueMgPerMl < CycleReport.CLEAR_RESIDUE_MG_PER_ML ? ", discharge clear"
                : String.format(Locale.ROOT, ", discharge dark (%.2f mg/ml)", dischargeResidueMgPerMl);
        return String.format(Locale.ROOT, "whoosh: %.1f ml%s", volumeMl, discharge);
    }

    /** A later cycle in one line. */
    public static String laterCycle(CycleReport c) {
        return String.format(Locale.ROOT, "Cycle %d (%s): pump on at %.1f s; %s; %s", c.index(), c.phase(),
                c.pumpOnAtSeconds(),
                c.quietAfterSeconds() == null ? "it never went quiet"
                        : String.format(Locale.ROOT, "quiet after %.2f s", c.quietAfterSeconds()),
                c.whooshVolumeMl() == null ? "no whoosh (released from " + whooshThreshold() + " or less)."
                        : String.format(Locale.ROOT, "released at %.2f bar: %.1f ml whooshed out at up to %.0f ml/s%s",
                        c.plateauBar(), c.whooshVolumeMl(), c.whooshPeakFlowMlPerS(),
                        c.whooshDecaySeconds() == null ? ", the group staying above " + decayThreshold() + "."
                                : String.format(Locale.ROOT, ", below %s after %.2f s.", decayThreshold(),
                                c.whooshDecaySeconds())));
    }

    /** Why the second cycle went quiet sooner than the first, or null if it did not. */
    public static String laterCyclesQuieterSooner(RunResult r) {
        if (r.cycles().size() < 2) {
            return null;
        }
        CycleReport first = r.cycles().get(0);
        CycleReport second = r.cycles().get(1);
        if (first.quietAfterSeconds() != null && second.quietAfterSeconds() != null
                && second.quietAfterSeconds() < first.quietAfterSeconds()) {
            return String.format(Locale.ROOT, "Later cycles go quiet sooner (%.2f s against %.2f s): the first release "
                            + "vented the headspace air and left water behind, so less air has to be compressed.",
                    second.quietAfterSeconds(), first.quietAfterSeconds());
        }
        return null;
    }

    public static String waterLedger(WaterReport w) {
        return String.format(Locale.ROOT, "Every millilitre is accounted for: %.1f ml drawn = %.1f ml back to the tank "
                        + "+ %.1f ml to the drip tray + %.1f ml to the cup %+.1f ml left in the group (error %.1e ml).",
                w.fromTankMl(), w.returnedToTankMl(), w.toDripTrayMl(), w.toCupMl(), w.heldInMachineDeltaMl(),
                w.balanceErrorMl());
    }

    // The detector's thresholds as the text writes them: the one place prose reads them.

    /** When the pump counts as quiet: "0.54 ml/s (5 % of the pump's 10.8 ml/s free flow)". */
    public static String quietThreshold(Machine machine) {
        double free = machine.pump().freeFlowMlPerS();
        return String.format(Locale.ROOT, "%.2f ml/s (%s of the pump's %.1f ml/s free flow)",
                CycleDetector.QUIET_FRACTION * free, quietPercent(), free);
    }

    /** The quiet threshold as a share of the pump's free flow: "5 %". */
    public static String quietPercent() {
        return number(100 * CycleDetector.QUIET_FRACTION) + " %";
    }

    /** The pressure the whoosh's decay time runs to: "0.5 bar". */
    public static String decayThreshold() {
        return number(CycleDetector.DECAY_BAR) + " bar";
    }

    /** The plateau a release must start above to whoosh: "1 bar". */
    public static String whooshThreshold() {
        return number(CycleDetector.WHOOSH_MIN_BAR) + " bar";
    }

    /** A threshold written as short as it is exact: 0.5, 5, 0.2 (at most three decimals). */
    private static String number(double value) {
        return new DecimalFormat("0.###", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(value);
    }

    /** What limits the plateau pressure on this machine. */
    public static String plateauReason(Machine machine) {
        if (machine.parameters().overPressureValve() != null) {
            return "the over-pressure valve returns the pump's whole flow to the tank";
        }
        if (!machine.pump().pulseSkipping()) {
            return "the rotary pump's bypass recirculates its whole flow";
        }
        return "the pump stalls";
    }
}
