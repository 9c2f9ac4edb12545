package io.backflush.sim.show;

import io.backflush.core.machine.Machine;
import io.backflush.sim.run.CycleReport;
import io.backflush.sim.run.RunResult;
import io.backflush.sim.signal.Signal;
import io.backflush.sim.usage.ScaleHistory;

import java.util.List;

/**
 * A finished run as the pictures, the sound and the report see it: the machine, the cycle reports
 * and water ledger, and the recorded trace, with the per-cycle figures derived from the trace;
 * with a water, the scale the machine collected over the days of use before the run.
 *
 * @param scale the scale day by day before the run, or null when scale was not simulated
 */
public record ShownRun(Machine machine, RunResult result, Trace trace, ScaleHistory scale) {
    /** A run without scale. */
    public ShownRun(Machine machine, RunResult result, Trace trace) {
        this(machine, result, trace, null);
    }

    public List<CycleReport> cycles() {
        return result.cycles();
    }

    /** When cycle {@code i} (0-based) ends: the next pump-on, or the end of the run, s. */
    public double cycleEndSeconds(int i) {
        List<CycleReport> cycles = cycles();
        return i + 1 < cycles.size() ? cycles.get(i + 1).pumpOnAtSeconds() : result.simulatedSeconds();
    }

    /** A trace channel's value at the end of each cycle. */
    public double[] atCycleEnds(double[] channel) {
        double[] out = new double[cycles().size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = channel.length == 0 ? 0.0 : channel[trace.indexAtOrBefore(cycleEndSeconds(i))];
        }
        return out;
    }

    /** Residue removed during each cycle (all sites), mg. */
    public double[] removedPerCycleMg() {
        double[] removed = trace.values(Signal.REMOVED_RESIDUE_MG);
        double[] out = new double[cycles().size()];
        double before = 0.0;
        double[] ends = atCycleEnds(removed);
        for (int i = 0; i < out.length; i++) {
            out[i] = ends[i] - before;
            before = ends[i];
        }
        return out;
    }

    /** Total residue at the start of the run (first sample plus what the first interval removed), mg. */
    public double residueAtStartMg() {
        if (trace.size() == 0) {
            return 0.0;
        }
        return trace.values(Signal.SCREEN_RESIDUE_MG)[0] + trace.values(Signal.PASSAGE_RESIDUE_MG)[0] + trace.values(Signal.VALVE_RESIDUE_MG)[0]
                + trace.values(Signal.REMOVED_RESIDUE_MG)[0];
    }

    public double maxDetergentLeftMg() {
        double max = 0.0;
        for (double v : trace.values(Signal.DETERGENT_LEFT_MG)) {
            max = Math.max(max, v);
        }
        return max;
    }

    /** Index of the first cycle of the named phase, or -1. */
    public int firstCycleOf(String phase) {
        for (int i = 0; i < cycles().size(); i++) {
            if (phase.equals(cycles().get(i).phase())) {
                return i;
            }
        }
        return -1;
    }
}
