package io.backflush.sim.run;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of {@code backflush run}: one entry per cycle, the water ledger, and the residue and
 * detergent before and after. Serialised as the {@code --json} object.
 *
 * @param stepper          the stepper that advanced the plant: {@code fixed} or {@code reference}
 * @param detergentG       detergent put in the blind basket (per detergent phase, summed), g
 * @param residueBeforeMg  residue per site when the program started, mg
 * @param residueAfterMg   residue per site when it ended, mg
 * @param detergentLeftMg  detergent still in the brew path (undissolved, dissolved, adsorbed), mg
 * @param forced           the machine has no three-way valve and the run was forced
 */
@JsonPropertyOrder({"machine", "program", "stepper", "dtSeconds", "simulatedSeconds", "cycles", "water", "detergentG",
        "residueBeforeMg", "residueAfterMg", "detergentLeftMg", "forced"})
public record RunResult(String machine, String program, String stepper, double dtSeconds, double simulatedSeconds,
                        List<CycleReport> cycles, WaterReport water, double detergentG,
                        Map<String, Double> residueBeforeMg, Map<String, Double> residueAfterMg,
                        double detergentLeftMg, boolean forced) {
    public RunResult {
        cycles = List.copyOf(cycles);
        residueBeforeMg = Collections.unmodifiableMap(new LinkedHashMap<>(residueBeforeMg));
        residueAfterMg = Collections.unmodifiableMap(new LinkedHashMap<>(residueAfterMg));
    }
}
