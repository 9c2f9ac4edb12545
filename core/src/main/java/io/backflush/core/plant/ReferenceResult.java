package io.backflush.core.plant;

import java.util.List;

/**
 * The reference integrator's answer for one schedule.
 *
 * @param cycles     per-cycle metrics in order
 * @param finalState the continuous state at the end ({@link StateLayout})
 * @param water      the water ledger over the run
 */
public record ReferenceResult(List<ReferenceCycle> cycles, double[] finalState, WaterBalance water) {
    public ReferenceResult {
        cycles = List.copyOf(cycles);
        finalState = finalState.clone();
    }

    @Override
    public double[] finalState() {
        return finalState.clone();
    }
}
