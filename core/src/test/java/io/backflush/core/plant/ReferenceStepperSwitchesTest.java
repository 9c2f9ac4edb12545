package io.backflush.core.plant;

import io.backflush.core.cleaning.CleaningParameters;
import io.backflush.core.cleaning.Site;
import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.Presets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The reference stepper places every switch exactly inside a step (the valve's dead time, each
 * mains-cycle decision of the pulse-skipping drive, the rotary pump's relay), so what it computes
 * does not depend on how a run is cut into steps, and its pump strokes by the same rule as the
 * fixed stepper's: floor(n·d + ½) whole mains cycles after n boundaries.
 */
class ReferenceStepperSwitchesTest {

    private static Plant reference(String preset, BasketParameters basket) {
        return new Plant(Machine.of(Presets.find(preset).orElseThrow()), basket, InitialConditions.hotAndDry(),
                CleaningParameters.defaults(), StepperKind.REFERENCE);
    }

    /** Valve energised at 0 (open from 20 ms), pump at duty 0.456 for 0.5 s, then released; cut into steps of dt. */
    private static double[] cutInto(double dt, Plant plant) {
        plant.actuators().pumpDuty(0.456).solenoidEnergised(true).heaterDuty(0.5);
        int n = (int) Math.round(0.5 / dt);
        for (int i = 0; i < n; i++) {
            plant.step(dt);
        }
        plant.actuators().pumpDuty(0.0).solenoidEnergised(false);
        for (int i = 0; i < n; i++) {
            plant.step(dt);
        }
        return plant.stateCopy();
    }

    @Test
    void theReferencesAnswerDoesNotDependOnHowTheRunIsCutIntoSteps() {
        double[] coarse = cutInto(0.25, reference("single-boiler", BasketParameters.Puck.typical()));
        double[] fine = cutInto(0.005, reference("single-boiler", BasketParameters.Puck.typical()));
        assertThat(fine[StateLayout.FROM_TANK_ML]).as("the pump ran").isGreaterThan(1.0);
        assertThat(fine[StateLayout.TO_DRIP_TRAY_ML]).as("the release vented water").isPositive();
        for (int i = 0; i < StateLayout.SIZE; i++) {
            assertThat(coarse[i]).as("state %d", i).isCloseTo(fine[i], within(1e-6 * (1.0 + Math.abs(fine[i]))));
        }
    }

    /** Duty d over one 1 s step: floor(50·d + ½) of the 50 mains cycles stroke. */
    @ParameterizedTest
    @ValueSource(doubles = {0.123, 0.456, 0.789})
    void pulseSkippingStrokesTheSameWholeMainsCyclesInOneLongStep(double duty) {
        Plant plant = reference("single-boiler", BasketParameters.blind());
        plant.actuators().pumpDuty(duty);
        plant.step(1.0);
        assertThat(plant.pumpRunningFraction()).isCloseTo(Math.floor(50 * duty + 0.5) / 50.0, within(1e-9));
    }

    /** Duty 1/4 strokes every fourth cycle, the second of the first five (the accumulator reaches 1/2 there). */
    @Test
    void aQuarterDutyStrokesEveryFourthCycle() {
        Plant plant = reference("single-boiler", BasketParameters.blind());
        plant.actuators().pumpDuty(0.25).solenoidEnergised(true);
        plant.step(0.1);
        assertThat(plant.pumpRunningFraction()).isCloseTo(0.2, within(1e-9));
        plant.step(0.1);
        assertThat(plant.pumpRunningFraction()).isCloseTo(0.4, within(1e-9));
        // after ten boundaries at 1/4 the accumulator holds 10·0.25 − 3 strokes = −0.5; at 1/2 it then
        // reaches 0, 0.5 (stroke), 0, 0.5 (stroke), 0: two of the next five cycles
        plant.actuators().pumpDuty(0.5);
        plant.step(0.1);
        assertThat(plant.pumpRunningFraction()).isCloseTo(0.4, within(1e-9));
        assertThat(plant.state(StateLayout.FROM_TANK_ML)).isPositive();
    }

    /** A rotary pump's relay: on at duty 1/2 and above, for the whole step; off below. */
    @Test
    void aRotaryPumpsRelayRunsAtHalfDutyAndAboveInTheReferenceToo() {
        for (double duty : new double[] {0.25, 0.5, 0.75}) {
            Plant plant = reference("rotary-commercial", BasketParameters.blind());
            plant.actuators().pumpDuty(duty);
            for (int i = 0; i < 3; i++) {
                plant.step(0.05);
                assertThat(plant.pumpRunningFraction()).as("duty %s step %d", duty, i).isEqualTo(duty >= 0.5 ? 1.0 : 0.0);
            }
        }
    }

    /**
     * A single-boiler plant of the given stepper (fixed at 1 ms, the reference in 0.1 s steps)
     * holding 20 + 20 mg of residue at {@code site}: pumping for 6 s, then released for
     * {@code releaseSeconds}. Returns the plant.
     */
    private static Plant washed(StepperKind kind, BasketParameters basket, Site site, double releaseSeconds) {
        Plant plant = new Plant(Machine.of(Presets.singleBoiler()), basket, InitialConditions.hotAndDry(),
                CleaningParameters.defaults(), kind);
        plant.cleaning().setResidue(site, 20.0, 20.0);
        double dt = kind == StepperKind.FIXED ? 0.001 : 0.1;
        plant.actuators().pumpDuty(1.0).solenoidEnergised(true);
        for (int i = 0; i < (int) Math.round(6.0 / dt); i++) {
            plant.step(dt);
        }
        plant.actuators().pumpDuty(0.0).solenoidEnergised(false);
        for (int i = 0; i < (int) Math.round(releaseSeconds / dt); i++) {
            plant.step(dt);
        }
        return plant;
    }

    /**
     * Residue leaves with the water the release drives back through the valve in both steppers
     * alike: the reference feeds the cleaning model each segment's exact volumes, the fixed stepper
     * each step's flows.
     */
    @Test
    void bothSteppersRemoveTheSameResidueInARelease() {
        double fixed = washed(StepperKind.FIXED, BasketParameters.blind(), Site.VALVE, 3.0).cleaning().totalRemovedMg();
        double reference = washed(StepperKind.REFERENCE, BasketParameters.blind(), Site.VALVE, 3.0).cleaning()
                .totalRemovedMg();
        assertThat(fixed).isPositive();
        assertThat(reference).isCloseTo(fixed, within(0.05 * fixed));
    }

    /**
     * A shot through a puck washes the screen with the water that reaches the cup, in both steppers
     * alike (the reference feeds the cleaning model each segment's exact cup volume, the fixed
     * stepper each step's cup flow).
     */
    @Test
    void bothSteppersWashTheSameResidueOffTheScreenInAShot() {
        Plant fixed = washed(StepperKind.FIXED, BasketParameters.Puck.typical(), Site.SCREEN, 0.0);
        Plant reference = washed(StepperKind.REFERENCE, BasketParameters.Puck.typical(), Site.SCREEN, 0.0);
        double cup = fixed.state(StateLayout.TO_CUP_ML);
        assertThat(cup).as("water through the puck").isGreaterThan(5.0);
        assertThat(reference.state(StateLayout.TO_CUP_ML)).isCloseTo(cup, within(0.02 * cup));
        double removed = fixed.cleaning().totalRemovedMg();
        assertThat(removed).isPositive();
        assertThat(reference.cleaning().totalRemovedMg()).isCloseTo(removed, within(0.05 * removed));
    }
}
