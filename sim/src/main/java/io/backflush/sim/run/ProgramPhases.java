package io.backflush.sim.run;

import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.plant.Plant;
import io.backflush.sim.program.BackflushProgram;
import io.backflush.sim.program.Phase;
import io.backflush.sim.program.PhaseKind;

import java.util.List;

/**
 * What the barista does around a backflush program's phases, written once for every runner of a
 * program ({@link BackflushRun} for {@code run}, {@code MachineLife} for the cleaning in days of
 * use), so they cannot drift apart:
 * <ul>
 *   <li>before the first phase the blind basket goes in, empty ({@link #begin});</li>
 *   <li>the detergent dose goes into the blind basket at the start of each detergent phase;</li>
 *   <li>between a detergent phase and a following rinse or water phase the portafilter comes out
 *       and the basket is emptied, as the guides say (Clive Coffee; coffeetime); between phases
 *       of the same kind, and before a detergent phase, it stays in.</li>
 * </ul>
 * How a phase is stepped (one controller for the whole program at a fixed dt, or phase by phase
 * with adaptive steps and cut short once the discharge runs clear) is the runner's.
 */
public final class ProgramPhases {
    private ProgramPhases() {
    }

    /** Runs one phase of the program on the plant. */
    @FunctionalInterface
    public interface PhaseRunner {
        /**
         * @param index the phase's index in the program (0-based)
         * @param phase the phase
         */
        void run(int index, Phase phase);
    }

    /** Fits the empty blind basket, pump and valve off, nothing being brewed. */
    public static void begin(Plant plant) {
        plant.actuators().safeState();
        plant.changeBasket(BasketParameters.blind());
        plant.cleaning().cleaningMode();
    }

    /**
     * Runs the program's phases in order (after {@link #begin}), dosing and emptying the basket
     * between them.
     *
     * @param detergentGrams the dose put in at the start of each detergent phase, g
     * @return the detergent put in, g
     */
    public static double run(Plant plant, BackflushProgram program, double detergentGrams, PhaseRunner runner) {
        List<Phase> phases = program.phases();
        double dosed = 0.0;
        for (int i = 0; i < phases.size(); i++) {
            Phase phase = phases.get(i);
            if (i > 0 && emptiesBasketBetween(phases.get(i - 1).kind(), phase.kind())) {
                plant.actuators().safeState();
                plant.changeBasket(BasketParameters.blind());
            }
            if (phase.kind() == PhaseKind.DETERGENT && detergentGrams > 0) {
                plant.cleaning().addDetergent(detergentGrams);
                dosed += detergentGrams;
            }
            runner.run(i, phase);
        }
        return dosed;
    }

    /** Whether the basket is emptied between a phase of one kind and the next. */
    public static boolean emptiesBasketBetween(PhaseKind before, PhaseKind after) {
        return before == PhaseKind.DETERGENT && after != PhaseKind.DETERGENT;
    }
}
