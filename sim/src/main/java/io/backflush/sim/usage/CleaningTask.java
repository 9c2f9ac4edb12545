package io.backflush.sim.usage;

import io.backflush.core.param.InvalidParameterException;
import io.backflush.core.param.Require;
import io.backflush.sim.program.BackflushProgram;

/**
 * One scheduled cleaning: a program run at the end of every {@code everyDays}-th day.
 *
 * @param everyDays       period in days (1 daily, 7 weekly)
 * @param program         the program; its detergent phases get the dose
 * @param detergentGrams  dose put in the blind basket at the start of each detergent phase, g
 * @param untilClear      adaptive: detergent cycles (of the first detergent phase's timing) until the
 *                        discharge runs clear, then rinse cycles until the detergent left is below the
 *                        taste threshold, each capped at the phase's cycle count
 * @param replacesDaily   on the days it runs, it replaces the tasks with a shorter period (a weekly
 *                        detergent clean replaces that day's water backflush)
 */
public record CleaningTask(int everyDays, BackflushProgram program, double detergentGrams, boolean untilClear,
                           boolean replacesDaily) {
    public CleaningTask {
        if (everyDays < 1 || everyDays > 365) {
            throw new InvalidParameterException("everyDays", "must be between 1 and 365, got " + everyDays);
        }
        Require.present(program, "program");
        Require.inRange(detergentGrams, 0, 20, "detergentGrams");
    }

    public boolean dueOn(int dayIndex) {
        return (dayIndex + 1) % everyDays == 0;
    }
}
