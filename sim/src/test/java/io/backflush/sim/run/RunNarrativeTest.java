package io.backflush.sim.run;

import io.backflush.core.cleaning.DetergentParameters;
import io.backflush.core.hydraulics.RotaryPumpParameters;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.MachineParameters;
import io.backflush.core.machine.Presets;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sentences that explain a run say what its figures say: each branch (quiet or never, whoosh,
 * a release with none, decay or not, sooner or not, clear or dark, detergent left above or below
 * the taste threshold, what limits the plateau) and the thresholds written from the detector's
 * constants.
 */
class RunNarrativeTest {
    private static final Machine SINGLE = Machine.of(Presets.all().get("single-boiler"));
    private static final WaterReport WATER = new WaterReport(120.0, 40.0, 70.0, 0.0, 10.0, 0.0);

    private static CycleReport cycle(int index, Double quiet, Double plateau, Double release, Double peak, Double volume,
                                     Double decay, Double residue) {
        return new CycleReport(index, "water", 20.0 * (index - 1), quiet, plateau, release, peak, volume, decay, residue, null);
    }

    private static RunResult run(List<CycleReport> cycles, double detergentG, double residueBefore, double residueAfter,
                                 double detergentLeft) {
        Map<String, Double> before = new LinkedHashMap<>();
        before.put("screen", residueBefore * 0.75);
        before.put("valve", residueBefore * 0.25);
        Map<String, Double> after = new LinkedHashMap<>();
        after.put("screen", residueAfter);
        after.put("valve", 0.0);
        return new RunResult("single-boiler", "p", "fixed", 0.001, 100, cycles, WATER, detergentG, before, after,
                detergentLeft, false);
    }

    @Test
    void theThresholdsAreWrittenFromTheDetectorsConstants() {
        assertThat(RunNarrative.quietPercent()).isEqualTo("5 %");
        assertThat(RunNarrative.decayThreshold()).isEqualTo("0.5 bar");
        assertThat(RunNarrative.whooshThreshold()).isEqualTo("1 bar");
        double free = SINGLE.pump().freeFlowMlPerS();
        assertThat(RunNarrative.quietThreshold(SINGLE)).isEqualTo(String.format(java.util.Locale.ROOT,
                "%.2f ml/s (5 %% of the pump's %.1f ml/s free flow)", 0.05 * free, free));
        assertThat(RunNarrative.pumpWentQuiet(5.4)).isEqualTo("the pump went quiet after 5.40 s");
    }

    @Test
    void aWhooshLineSaysDarkOrClearFromTheDischargeAndNothingWithoutAFigure() {
        assertThat(RunNarrative.whoosh(24.84, null)).isEqualTo("whoosh: 24.8 ml");
        assertThat(RunNarrative.whoosh(24.84, 0.1999)).isEqualTo("whoosh: 24.8 ml, discharge clear");
        assertThat(RunNarrative.whoosh(24.84, CycleReport.CLEAR_RESIDUE_MG_PER_ML)).isEqualTo("whoosh: 24.8 ml, discharge dark (0.20 mg/ml)");
        assertThat(RunNarrative.whoosh(3.0, 1.234)).isEqualTo("whoosh: 3.0 ml, discharge dark (1.23 mg/ml)");
    }

    @Test
    void whatLimitsThePlateauIsTheOpvTheRotaryBypassOrTheStall() {
        MachineParameters single = Presets.all().get("single-boiler");
        assertThat(RunNarrative.plateauReason(SINGLE)).contains("over-pressure valve");
        assertThat(RunNarrative.plateauReason(Machine.of(single.withOverPressureValve(null)))).isEqualTo("the pump stalls");
        MachineParameters rotary = Presets.all().get("rotary-commercial");
        assertThat(rotary.pump()).isInstanceOf(RotaryPumpParameters.class);
        assertThat(RunNarrative.plateauReason(Machine.of(rotary.withOverPressureValve(null))))
                .contains("rotary pump's bypass");
    }

    @Test
    void theFirstCycleIsToldInFullWithEachOfItsBranches() {
        String full = RunNarrative.firstCycle(SINGLE, cycle(1, 5.4, 9.1, 10.0, 41.0, 6.5, 0.75, null));
        assertThat(full).startsWith("Cycle 1 (water): at 0.0 s the solenoid opened")
                .contains("fell below " + RunNarrative.quietThreshold(SINGLE) + ": the pump went quiet after 5.40 s.")
                .contains("Pressure held at 9.10 bar, where the over-pressure valve")
                .contains("At 10.0 s the pump stopped").contains("pushed 6.5 ml of water out at up to 41 ml/s")
                .endsWith("; the group fell below 0.5 bar 0.75 s after the release.");

        String neverQuiet = RunNarrative.firstCycle(SINGLE, cycle(1, null, 3.0, 2.0, 20.0, 1.0, null, null));
        assertThat(neverQuiet).contains("The pump never went quiet")
                .endsWith("; the group stayed above 0.5 bar until the next cycle.");

        String noWhoosh = RunNarrative.firstCycle(SINGLE, cycle(1, 0.0, 0.8, 2.0, null, null, null, null));
        assertThat(noWhoosh).endsWith("At 2.0 s the solenoid released, but from 1 bar or less: no whoosh.")
                .contains("Pressure held at 0.80 bar");

        String notReleased = RunNarrative.firstCycle(SINGLE, cycle(1, 5.0, null, null, null, null, null, null));
        assertThat(notReleased).doesNotContain("Pressure held").doesNotContain("released").doesNotContain("whoosh");
    }

    @Test
    void aLaterCycleIsOneLine() {
        assertThat(RunNarrative.laterCycle(cycle(2, 4.1, 9.12, 30.0, 40.0, 6.0, 0.7, null))).isEqualTo(
                "Cycle 2 (water): pump on at 20.0 s; quiet after 4.10 s; released at 9.12 bar: 6.0 ml whooshed out at "
                        + "up to 40 ml/s, below 0.5 bar after 0.70 s.");
        assertThat(RunNarrative.laterCycle(cycle(3, null, 9.0, 50.0, 40.0, 6.0, null, null))).isEqualTo(
                "Cycle 3 (water): pump on at 40.0 s; it never went quiet; released at 9.00 bar: 6.0 ml whooshed out at "
                        + "up to 40 ml/s, the group staying above 0.5 bar.");
        assertThat(RunNarrative.laterCycle(cycle(4, 1.0, 0.5, 70.0, null, null, null, null))).isEqualTo(
                "Cycle 4 (water): pump on at 60.0 s; quiet after 1.00 s; no whoosh (released from 1 bar or less).");
    }

    @Test
    void laterCyclesAreSaidToGoQuietSoonerOnlyWhenTheSecondDid() {
        CycleReport first = cycle(1, 9.0, 9.1, 10.0, 41.0, 6.5, 0.75, null);
        assertThat(RunNarrative.laterCyclesQuieterSooner(run(List.of(first), 0, 0, 0, 0))).isNull();
        assertThat(RunNarrative.laterCyclesQuieterSooner(run(List.of(first, cycle(2, 4.5, 9.1, 30.0, 41.0, 6.5, 0.7, null)),
                0, 0, 0, 0))).startsWith("Later cycles go quiet sooner (4.50 s against 9.00 s)");
        assertThat(RunNarrative.laterCyclesQuieterSooner(run(List.of(first, cycle(2, 9.0, 9.1, 30.0, 41.0, 6.5, 0.7, null)),
                0, 0, 0, 0))).isNull();
        assertThat(RunNarrative.laterCyclesQuieterSooner(run(List.of(first, cycle(2, null, 9.1, 30.0, 41.0, 6.5, 0.7, null)),
                0, 0, 0, 0))).isNull();
        assertThat(RunNarrative.laterCyclesQuieterSooner(run(List.of(cycle(1, null, 9.1, 10.0, 41.0, 6.5, 0.7, null),
                cycle(2, 4.5, 9.1, 30.0, 41.0, 6.5, 0.7, null)), 0, 0, 0, 0))).isNull();
    }

    @Test
    void theCleaningSentencesSayHowMuchCameOutWhenItRanClearAndWhetherToRinseMore() {
        List<CycleReport> cycles = List.of(cycle(1, 5.0, 9.0, 10.0, 40.0, 6.0, 0.7, 1.5),
                cycle(2, 4.0, 9.0, 30.0, 40.0, 6.0, 0.7, 0.5), cycle(3, 4.0, 9.0, 50.0, 40.0, 6.0, 0.7, 0.1),
                cycle(4, 4.0, 9.0, 70.0, 40.0, 6.0, 0.7, 0.05));
        double taste = DetergentParameters.defaults().tasteThresholdMg();
        List<String> lines = RunNarrative.cleaning(run(cycles, 3.0, 200.0, 50.0, taste * 2));
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("The group held 200 mg of coffee residue")
                .contains("the first discharge held 1.50 mg/ml; 150 mg (75 %) was gone at the end.");
        assertThat(lines.get(1)).isEqualTo("The discharge ran clear (below 0.2 mg/ml) from cycle 3 on.");
        assertThat(lines.get(2)).startsWith("The detergent (3.0 g) dissolved").endsWith("enough to taint the next shot: rinse more.");

        List<String> rinsed = RunNarrative.cleaning(run(cycles, 3.0, 200.0, 50.0, taste * 0.5));
        assertThat(rinsed.get(2)).endsWith(", below the taste threshold.");

        List<String> clean = RunNarrative.cleaning(run(cycles, 0.0, 0.0, 0.0, 0.0));
        assertThat(clean).isEmpty();

        List<String> noFigure = RunNarrative.cleaning(run(List.of(cycle(1, 5.0, 0.8, 10.0, null, null, null, null)),
                0.0, 100.0, 100.0, 0.0));
        assertThat(noFigure).containsExactly("The group held 100 mg of coffee residue (oils and fines). Each whoosh drove "
                + "liquid back through the screen, the passage and the valve and carried some out: the first discharge "
                + "held - mg/ml; 0 mg (0 %) was gone at the end.");
        assertThat(RunNarrative.cleaning(run(List.of(), 0.0, 100.0, 100.0, 0.0)).get(0)).contains("held - mg/ml");
    }

    @Test
    void whatHappenedTellsTheFirstCycleInFullTheOthersInALineThenCleaningAndTheLedger() {
        List<CycleReport> cycles = List.of(cycle(1, 9.0, 9.1, 10.0, 41.0, 6.5, 0.75, null),
                cycle(2, 4.5, 9.1, 30.0, 41.0, 6.5, 0.7, null));
        List<String> lines = RunNarrative.whatHappened(SINGLE, run(cycles, 0, 0, 0, 0));
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo(RunNarrative.firstCycle(SINGLE, cycles.get(0)));
        assertThat(lines.get(1)).isEqualTo(RunNarrative.laterCycle(cycles.get(1)));
        assertThat(lines.get(2)).startsWith("Later cycles go quiet sooner");
        // one cycle: nothing to compare, no line for it
        assertThat(RunNarrative.whatHappened(SINGLE, run(List.of(cycles.get(0)), 0, 0, 0, 0)))
                .doesNotContainNull().hasSize(2);
        assertThat(lines.get(3)).isEqualTo(RunNarrative.waterLedger(WATER)).isEqualTo("Every millilitre is accounted for: "
                + "120.0 ml drawn = 40.0 ml back to the tank + 70.0 ml to the drip tray + 0.0 ml to the cup +10.0 ml left in "
                + "the group (error 0.0e+00 ml).");
    }
}
