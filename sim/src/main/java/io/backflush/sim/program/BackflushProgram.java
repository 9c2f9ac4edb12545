package io.backflush.sim.program;

import io.backflush.core.param.InvalidParameterException;
import io.backflush.core.param.Require;

import java.util.List;

/**
 * A backflush program: phases run in order. Named programs live in {@link Programs}; files are
 * read by {@link ProgramFiles}.
 *
 * @param name   the program's name
 * @param phases one or more phases
 */
public record BackflushProgram(String name, List<Phase> phases) {
    public BackflushProgram {
        Require.present(name, "name");
        Require.present(phases, "phases");
        if (phases.isEmpty()) {
            throw new InvalidParameterException("phases", "must list at least one phase");
        }
        for (Phase phase : phases) {
            Require.present(phase, "phases");
        }
        phases = List.copyOf(phases);
    }

    public int totalCycles() {
        int total = 0;
        for (Phase phase : phases) {
            total += phase.cycles();
        }
        return total;
    }

    public double durationSeconds() {
        return phaseEndSeconds(phases.size() - 1);
    }

    /** Time from the program's start to the end of phase {@code index} (0-based), s. */
    public double phaseEndSeconds(int index) {
        double total = 0;
        for (int i = 0; i <= index; i++) {
            total += phases.get(i).durationSeconds();
        }
        return total;
    }
}
