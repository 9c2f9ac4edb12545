package io.backflush.core.plant;

import io.backflush.core.cleaning.CleaningParameters;
import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.Presets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The flows a step reports are the flows that moved the water in it: what a flow meter before
 * the pump counts, what the OPV sent back, what reached the drip tray and the cup, what entered
 * the group and how much air left it, each times dt equal to the change of the matching water
 * ledger entry or chamber content over that step. Both steppers report step averages
 * ({@code StepObservables}), so for both the identity is exact up to the line's Newton tolerance.
 * A firmware author reading {@code pump_flow}, {@code cup_flow} or {@code drip} gets volumes
 * that add up.
 */
class PlantObservablesTest {

    private static Plant plant(StepperKind kind, String preset, BasketParameters basket) {
        return new Plant(Machine.of(Presets.find(preset).orElseThrow()), basket, InitialConditions.hotAndDry(),
                CleaningParameters.defaults(), kind);
    }

    /**
     * The largest disagreement, ml, between a reported flow of the step just taken times dt and the
     * change of the state over it (each check is a plain comparison: AssertJ per step would cost more
     * than the step).
     */
    private static double stepFlowError(Plant plant, double[] before, double dt) {
        double[] after = plant.stateCopy();
        double e = 0.0;
        e = Math.max(e, Math.abs(plant.pumpFlowMlPerS() * dt - delta(after, before, StateLayout.FROM_TANK_ML)));
        e = Math.max(e, Math.abs(plant.reliefFlowMlPerS() * dt - delta(after, before, StateLayout.RETURNED_TO_TANK_ML)));
        e = Math.max(e, Math.abs(plant.exhaustWaterFlowMlPerS() * dt - delta(after, before, StateLayout.TO_DRIP_TRAY_ML)));
        e = Math.max(e, Math.abs(plant.cupFlowMlPerS() * dt - delta(after, before, StateLayout.TO_CUP_ML)));
        // into the group: what it gained, less what it grew by warming, plus what left it (the
        // exhaust, the cup and what a dry puck soaked up)
        double entered = delta(after, before, StateLayout.GROUP_WATER_ML)
                - delta(after, before, StateLayout.THERMAL_EXPANSION_ML)
                + delta(after, before, StateLayout.TO_DRIP_TRAY_ML) + delta(after, before, StateLayout.TO_CUP_ML)
                + delta(after, before, StateLayout.PUCK_WATER_ML);
        e = Math.max(e, Math.abs(plant.groupInflowMlPerS() * dt - entered));
        // the line keeps what the pump sent and neither the OPV nor the group took
        e = Math.max(e, Math.abs((plant.pumpFlowMlPerS() - plant.reliefFlowMlPerS() - plant.groupInflowMlPerS()) * dt
                - delta(after, before, StateLayout.LINE_WATER_ML)));
        return e;
    }

    private static double delta(double[] after, double[] before, int index) {
        return after[index] - before[index];
    }

    private static void assertObservablesRecord(Plant plant) {
        assertThat(plant.observables()).isEqualTo(new StepObservables(plant.groupPressureBar(), plant.linePressureBar(),
                plant.groupInflowMlPerS(), plant.pumpFlowMlPerS(), plant.reliefFlowMlPerS(),
                plant.exhaustWaterFlowMlPerS(), plant.exhaustAirFlowAtmMlPerS(), plant.cupFlowMlPerS()));
    }

    private static final double TOLERANCE_ML = 1e-7;

    /** What a test looks at after each step, given the state before it. */
    private interface AfterStep {
        void seen(double[] before);
    }

    /** Steps the plant for {@code seconds} in steps of dt; returns the largest {@link #stepFlowError}. */
    private static double stepFor(Plant plant, double seconds, double dt, AfterStep after) {
        double worst = 0.0;
        for (int i = 0; i < (int) Math.round(seconds / dt); i++) {
            double[] before = plant.stateCopy();
            plant.step(dt);
            worst = Math.max(worst, stepFlowError(plant, before, dt));
            after.seen(before);
        }
        return worst;
    }

    /** A fill against the blind basket, the plateau on the OPV, the release: every step's flows add up. */
    @ParameterizedTest
    @EnumSource(StepperKind.class)
    void aBackflushCyclesReportedFlowsAreTheVolumesItMoved(StepperKind kind) {
        Plant plant = plant(kind, "single-boiler", BasketParameters.blind());
        double dt = kind == StepperKind.FIXED ? 0.001 : 0.01;
        plant.actuators().pumpDuty(1.0).solenoidEnergised(true).heaterDuty(0.5);
        // {peak relief, pumped, worst air error, air vented, to the drip tray}
        double[] seen = new double[5];
        double worst = stepFor(plant, 8.0, dt, before -> {
            seen[0] = Math.max(seen[0], plant.reliefFlowMlPerS());
            seen[1] += plant.pumpFlowMlPerS() * dt;
        });
        assertObservablesRecord(plant);
        // at the plateau the OPV returns most of what the pump sends
        assertThat(seen[0]).isGreaterThan(0.5 * plant.pumpFlowMlPerS()).isPositive();
        assertThat(seen[1]).isGreaterThan(plant.machine().parameters().chamber().freeVolumeMl() * 0.5);

        plant.actuators().pumpDuty(0.0).solenoidEnergised(false);
        worst = Math.max(worst, stepFor(plant, 1.5, dt, before -> {
            double vented = before[StateLayout.HEADSPACE_AIR_ATM_ML] - plant.state(StateLayout.HEADSPACE_AIR_ATM_ML);
            if (kind == StepperKind.REFERENCE || plant.groupPressureBar() > 0.01) {
                // air out of the headspace (the fixed stepper's drain lets air back in at the
                // chamber's temperature, so compare it only while the group is under pressure)
                seen[2] = Math.max(seen[2], Math.abs(plant.exhaustAirFlowAtmMlPerS() * dt - vented));
            }
            seen[3] += vented;
            seen[4] += plant.exhaustWaterFlowMlPerS() * dt;
        }));
        assertObservablesRecord(plant);
        assertThat(worst).as("largest step flow error, ml").isLessThan(TOLERANCE_ML);
        assertThat(seen[2]).as("largest step air flow error, atm-ml").isLessThan(TOLERANCE_ML);
        assertThat(seen[4]).as("the whoosh").isGreaterThan(5.0);
        assertThat(seen[3]).as("the headspace vented").isPositive();
    }

    /** Through a puck: a dry puck soaks up its capacity before the cup sees any, and the flows still add up. */
    @ParameterizedTest
    @EnumSource(StepperKind.class)
    void aShotsCupFlowIsWhatReachedTheCup(StepperKind kind) {
        Plant plant = plant(kind, "e61-hx", BasketParameters.ErodingPuck.typical());
        double dt = kind == StepperKind.FIXED ? 0.001 : 0.02;
        plant.actuators().pumpDuty(1.0).solenoidEnergised(true);
        double[] cup = new double[1];
        double worst = stepFor(plant, 12.0, dt, before -> cup[0] += plant.cupFlowMlPerS() * dt);
        assertObservablesRecord(plant);
        assertThat(worst).as("largest step flow error, ml").isLessThan(TOLERANCE_ML);
        assertThat(cup[0]).isPositive().isCloseTo(plant.state(StateLayout.TO_CUP_ML), within(1e-6));
        assertThat(plant.state(StateLayout.PUCK_WATER_ML)).isPositive();
    }

    /**
     * A release vents the headspace's air and no more: the air never goes below none, and what
     * left is the headspace's air (the basket's stays under the water).
     */
    @Test
    void aReleaseVentsTheHeadspaceAirAndNeverMore() {
        Plant plant = plant(StepperKind.FIXED, "single-boiler", BasketParameters.blind());
        double basketAir = plant.state(StateLayout.BASKET_AIR_ATM_ML);
        double headspace = plant.state(StateLayout.HEADSPACE_AIR_ATM_ML);
        assertThat(headspace).isPositive();
        plant.actuators().pumpDuty(1.0).solenoidEnergised(true);
        for (int i = 0; i < 6000; i++) {
            plant.step(0.001);
        }
        plant.actuators().pumpDuty(0.0).solenoidEnergised(false);
        double least = Double.POSITIVE_INFINITY;
        double vented = 0.0;
        for (int i = 0; i < 300; i++) {
            plant.step(0.001);
            least = Math.min(least, plant.state(StateLayout.HEADSPACE_AIR_ATM_ML));
            vented += plant.exhaustAirFlowAtmMlPerS() * 0.001;
        }
        assertThat(least).as("the headspace's air").isGreaterThanOrEqualTo(0.0);
        assertThat(plant.state(StateLayout.BASKET_AIR_ATM_ML)).isEqualTo(basketAir);
        // what left is what the headspace held, less what the drain has let back in since it emptied
        assertThat(vented).isCloseTo(headspace - plant.state(StateLayout.HEADSPACE_AIR_ATM_ML), within(1e-6));
        assertThat(vented).isGreaterThan(0.9 * headspace).isLessThanOrEqualTo(headspace + 1e-9);
    }
}
