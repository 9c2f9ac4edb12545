package io.backflush.sim.usage;

import io.backflush.core.param.InvalidParameterException;
import io.backflush.core.param.Require;
import io.backflush.sim.program.BackflushProgram;

/**
 * One scheduled cleaning: a program run at the end of every {@code everyDays}-th day, or at the
 * end of the day on which {@code everyLitres} of water have gone through the boiler since it last
 * ran.
 *
 * @param everyDays       period in days (1 daily, 7 weekly); 0 for a task scheduled by litres
 * @param program         the program; its detergent phases get the dose
 * @param detergentGrams  dose put in the blind basket at the start of each detergent phase, g
 * @param untilClear      adaptive: detergent cycles (of the first detergent phase's timing) until the
 *                        discharge runs clear, then rinse cycles until the detergent left is below the
 *                        taste threshold, each capped at the phase's cycle count
 * @param replacesDaily   on the days it runs, it replaces the tasks with a shorter period (a weekly
 *                        detergent clean replaces that day's water backflush)
 * @param everyLitres     litres through the boiler between runs (0: scheduled by days), 0–100 000
 * @param acidGrams       descaling acid (citric) put in the tank with the solution before a program's
 *                        descale phases, g (0–200)
 */
public record CleaningTask(int everyDays, BackflushProgram program, double detergentGrams, boolean untilClear,
                           boolean replacesDaily, double everyLitres, double acidGrams) {
    /** A task scheduled by days, without acid. */
    public CleaningTask(int everyDays, BackflushProgram program, double detergentGrams, boolean untilClear,
                        boolean replacesDaily) {
        this(everyDays, program, detergentGrams, untilClear, replacesDaily, 0.0, 0.0);
    }

    public CleaningTask {
        Require.inRange(everyLitres, 0, 100_000, "everyLitres");
        Require.inRange(acidGrams, 0, 200, "acidGrams");
        if (everyLitres > 0) {
            if (everyDays != 0) {
                throw new InvalidParameterException("everyDays", "give everyDays or everyLitres, not both (got "
                        + everyDays + " days and " + everyLitres + " L)");
            }
        } else if (everyDays < 1 || everyDays > 365) {
            throw new InvalidParameterException("everyDays", "must be between 1 and 365, got " + everyDays);
        }
        Require.present(program, "program");
        Require.inRange(detergentGrams, 0, 20, "detergentGrams");
    }

    /** Whether a task scheduled by days is due at the end of day {@code dayIndex} (0-based); false by litres. */
    public boolean dueOn(int dayIndex) {
        return everyDays > 0 && (dayIndex + 1) % everyDays == 0;
    }

    /** Whether a task scheduled by litres is due after {@code litresSinceLastRun}; false by days. */
    public boolean dueAfterLitres(double litresSinceLastRun) {
        return everyLitres > 0 && litresSinceLastRun >= everyLitres;
    }

    /** Whether the program has a descale phase. */
    public boolean descales() {
        return program.phases().stream().anyMatch(p -> p.kind() == io.backflush.sim.program.PhaseKind.DESCALE);
    }
}
