package io.backflush.sim.run;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * The outcome of {@code backflush run}: one entry per cycle and the water ledger. Serialised as
 * the {@code --json} object.
 */
@JsonPropertyOrder({"machine", "program", "dtSeconds", "simulatedSeconds", "cycles", "water"})
public record RunResult(String machine, String program, double dtSeconds, double simulatedSeconds,
                        List<CycleReport> cycles, WaterReport water) {
    public RunResult {
        cycles = List.copyOf(cycles);
    }
}
