package io.backflush.core.plant;

import java.util.List;

/**
 * What a plant did under one {@link ActuatorSchedule} ({@link ScheduledRun}, {@link ReferenceIntegrator}).
 *
 * @param cycles     per-cycle metrics in order
 * @param finalState the continuous state at the end ({@link StateLayout})
 * @param water      the water ledger over the run
 */
public record ScheduleResult(List<CycleFigures> cycles, double[] finalState, WaterBalance water) {
    public ScheduleResult {
        cycles = List.copyOf(cycles);
        finalState = finalState.clone();
    }

    @Override
    public double[] finalState() {
        return finalState.clone();
    }
}
