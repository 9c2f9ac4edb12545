package io.backflush.core.plant;

import io.backflush.core.cleaning.CleaningParameters;
import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.Presets;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The reference stepper's dense figures ({@link ScheduledRun} on a reference plant: samples inside
 * the integrator's steps, crossings refined on its interpolant) against the same reference plant
 * stepped by hand in 0.1 ms steps, each of which it integrates to its tolerance: a crossing the
 * dense output places must lie in the 0.1 ms step in which the stepped plant crossed, and the
 * largest exhaust flow it saw cannot be below any 0.1 ms step's average flow.
 */
class ReferenceDenseFiguresTest {
    private static final Machine MACHINE = Machine.of(Presets.singleBoiler());
    /** One cycle: the pump on for 8 s into the blind basket, released for 3 s. */
    private static final ActuatorSchedule SCHEDULE = ActuatorSchedule.backflush(1, 8.0, 3.0, 0.0);
    private static final double H = 1.0e-4;


    private static Plant reference() {
        return new Plant(MACHINE, BasketParameters.blind(), InitialConditions.hotAndDry(), CleaningParameters.defaults(),
                StepperKind.REFERENCE);
    }

    /**
     * The dense run's one cycle. Run inside each test, not once in a {@code @BeforeAll}: PIT
     * attributes coverage per test method, and would not run these tests against the dense
     * output's mutants if the run were shared.
     */
    private static CycleFigures dense() {
        ScheduleResult result = ScheduledRun.run(reference(), SCHEDULE, 11.0, 1.0);
        assertThat(result.cycles()).hasSize(1);
        return result.cycles().get(0);
    }

    /** Steps {@code plant} from {@code t} to {@code until} with the schedule's commands, in one step. */
    private static double jump(Plant plant, double t, double until) {
        SCHEDULE.applyAt(t, plant.actuators());
        plant.step(until - t);
        return until;
    }

    /**
     * Steps by H from {@code from} (already reached) for at most {@code maxSteps} and returns the end
     * of the first step after which {@code below} holds, NaN if none.
     */
    private static double firstStepEndingBelow(Plant plant, double from, int maxSteps,
                                               java.util.function.BooleanSupplier below) {
        double t = from;
        for (int i = 1; i <= maxSteps; i++) {
            t = jump(plant, t, from + i * H);
            if (below.getAsBoolean()) {
                return t;
            }
        }
        return Double.NaN;
    }

    @Test
    void theQuietTimeLiesInTheStepWhereTheSteppedInflowFellBelowTheThreshold() {
        CycleFigures dense = dense();
        Plant plant = reference();
        double threshold = CycleMetrics.QUIET_FRACTION * MACHINE.pump().freeFlowMlPerS();
        double t = jump(plant, 0.0, 0.05);
        assertThat(plant.groupInflowMlPerS()).as("filling at 50 ms").isGreaterThan(threshold);
        t = jump(plant, t, 5.45);
        assertThat(plant.groupInflowMlPerS()).as("still filling at 5.45 s").isGreaterThan(threshold);
        double crossedBy = firstStepEndingBelow(plant, t, 1000, () -> plant.groupInflowMlPerS() < threshold);
        assertThat(crossedBy).as("the stepped inflow falls below the threshold within 0.1 s").isFinite();
        // the stepped plant reports each step's average inflow: the instant it fell below lies in
        // that step or the one before
        assertThat(dense.quietAfterSeconds()).isBetween(crossedBy - 2 * H, crossedBy);
    }

    @Test
    void theWhooshDecayLiesInTheStepWhereTheSteppedPressureFellBelowHalfABar() {
        CycleFigures dense = dense();
        Plant plant = reference();
        double t = jump(plant, 0.0, 8.0);
        assertThat(plant.groupPressureBar()).as("the plateau").isCloseTo(dense.plateauBar(), within(1e-6));
        t = jump(plant, t, 8.7);
        assertThat(plant.groupPressureBar()).as("at 0.7 s after the release").isGreaterThan(CycleMetrics.WHOOSH_END_BAR);
        double crossedBy = firstStepEndingBelow(plant, t, 1000,
                () -> plant.groupPressureBar() < CycleMetrics.WHOOSH_END_BAR);
        assertThat(crossedBy).as("the stepped pressure falls below 0.5 bar within 0.1 s").isFinite();
        // pressures are end-of-step values: the crossing lies in (crossedBy − H, crossedBy]
        assertThat(8.0 + dense.whooshDecaySeconds()).isBetween(crossedBy - H, crossedBy);
    }

    @Test
    void theWhooshPeakIsNoLowerThanAnyStepsAverageExhaustFlowNorAboveTheOrificeFlowAtThePlateau() {
        CycleFigures dense = dense();
        Plant plant = reference();
        double t = jump(plant, 0.0, 8.0);
        double plateau = plant.groupPressureBar();
        double bound = plant.circuit().exhaustWaterFlowMlPerS(plateau);
        // where the headspace's air has gone and water leaves at its fastest (found by stepping)
        double best = 0.0;
        t = jump(plant, t, 8.025);
        for (int i = 1; i <= 100; i++) {
            t = jump(plant, t, 8.025 + i * H);
            best = Math.max(best, plant.exhaustWaterFlowMlPerS());
        }
        assertThat(best).as("the stepped exhaust passes water").isGreaterThan(30.0);
        assertThat(dense.whooshPeakFlowMlPerS()).isGreaterThanOrEqualTo(best - 1e-6).isLessThan(bound);
    }
}
