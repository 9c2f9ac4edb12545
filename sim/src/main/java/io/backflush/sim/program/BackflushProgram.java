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
        double total = 0;
        for (Phase phase : phases) {
            total += phase.durationSeconds();
        }
        return total;
    }
}
