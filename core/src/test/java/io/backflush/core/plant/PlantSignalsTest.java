package io.backflush.core.plant;

import io.backflush.core.cleaning.CleaningParameters;
import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.Presets;
import io.backflush.core.thermal.SensorParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Signals a firmware sees, by the documented rules: the line sensor's ripple A·φ·sin(2π·f·t)
 * (its phase and its scaling by the fraction of the step the pump ran), a temperature probe's
 * first-order lag behind a heating ramp (τ·dT/dt), a pump command taking effect at the mains
 * boundary it coincides with, and the water ledger of a scheduled run on a plant that ran before.
 */
class PlantSignalsTest {

    /**
     * Duty ½ in steps of 12.5 ms at 50 Hz: the first step strokes throughout (the boundary at 0
     * strokes) and is read at 12.5 ms, 0.625 of a cycle, sin = −√½; the second strokes until the
     * boundary at 20 ms skips, φ = 7.5/12.5 = 0.6, read at 25 ms, 1.25 cycles, sin = 1.
     */
    @Test
    void theLineRippleIsTheMainsSineScaledByTheStrokingFraction() {
        Plant plant = new Plant(Machine.of(Presets.singleBoiler()), BasketParameters.blind());
        double a = SensorParameters.DEFAULT_LINE_RIPPLE_BAR;
        plant.actuators().pumpDuty(0.5).solenoidEnergised(true);
        Sensors s = new Sensors();
        plant.step(0.0125);
        plant.readSensors(s);
        assertThat(plant.pumpRunningFraction()).isEqualTo(1.0);
        assertThat(s.linePressureBar() - plant.linePressureBar()).isCloseTo(-a * Math.sqrt(0.5), within(1e-9));
        plant.step(0.0125);
        plant.readSensors(s);
        assertThat(plant.pumpRunningFraction()).isCloseTo(0.6, within(1e-9));
        assertThat(s.linePressureBar() - plant.linePressureBar()).isCloseTo(0.6 * a, within(1e-9));
        assertThat(plant.lineSensorBar()).isEqualTo(s.linePressureBar());
        assertThat(plant.transducerSensorBar()).as("the preset's transducer is on the line").isEqualTo(s.linePressureBar());
        assertThat(plant.groupSensorBar()).as("the group sensor does not ripple").isEqualTo(plant.groupPressureBar());
    }

    /**
     * A first-order probe following a ramp of slope r lags it by τ·r once the start has died out
     * (after several τ). The heater at full power, nothing flowing: after 30 s (15 τ at τ = 2 s)
     * the boiler probe reads τ·dT/dt below the water.
     */
    @Test
    void theBoilerProbeLagsAHeatingRampByItsTimeConstantTimesTheSlope() {
        Plant plant = new Plant(Machine.of(Presets.singleBoiler()), BasketParameters.blind(), InitialConditions.coldAndDry());
        double tau = Presets.singleBoiler().sensors().temperatureLagSeconds();
        assertThat(tau).isEqualTo(2.0);
        plant.actuators().heaterDuty(1.0);
        double dt = 0.001;
        for (int i = 0; i < 30_000; i++) {
            plant.step(dt);
        }
        double t0 = plant.boilerTemperatureC();
        for (int i = 0; i < 100; i++) {
            plant.step(dt);
        }
        double slope = (plant.boilerTemperatureC() - t0) / (100 * dt);
        assertThat(slope).isGreaterThan(0.3);
        double lag = plant.boilerTemperatureC() - plant.boilerSensorC();
        assertThat(lag).isCloseTo(tau * slope, within(0.02 * tau * slope));
    }

    /**
     * A command that changes at a mains boundary takes effect at that boundary: duty 1 for the
     * first cycle, then 0 from 20 ms: the second cycle does not stroke, in either stepper.
     */
    @ParameterizedTest
    @EnumSource(StepperKind.class)
    void aPumpCommandChangedOnAMainsBoundaryTakesEffectThere(StepperKind kind) {
        Plant plant = new Plant(Machine.of(Presets.singleBoiler()), BasketParameters.blind(), InitialConditions.hotAndDry(),
                CleaningParameters.defaults(), kind);
        plant.actuators().pumpDuty(1.0);
        plant.step(0.02);
        assertThat(plant.pumpRunningFraction()).isCloseTo(1.0, within(1e-9));
        plant.actuators().pumpDuty(0.0);
        plant.step(0.02);
        assertThat(plant.pumpRunningFraction()).isZero();
        plant.actuators().pumpDuty(1.0);
        plant.step(0.01);
        assertThat(plant.pumpRunningFraction()).as("on again from the boundary at 40 ms").isCloseTo(1.0, within(1e-9));
    }

    /** An idle jump that ends exactly on a mains boundary leaves it undecided: the pump strokes at once. */
    @Test
    void anIdleEndingOnAMainsBoundaryLetsThePumpStrokeAtOnce() {
        Plant plant = new Plant(Machine.of(Presets.singleBoiler()), BasketParameters.blind());
        plant.idle(1.0);
        plant.actuators().pumpDuty(1.0);
        plant.step(0.001);
        assertThat(plant.pumpRunningFraction()).isCloseTo(1.0, within(1e-9));
    }

    /**
     * A scheduled run reports the water of its own run: two runs on one plant add up to the plant's
     * ledger, and each one balances.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aSecondScheduledRunOnAPlantReportsOnlyItsOwnWater(boolean puck) {
        // a blind basket, or a puck that passes water to the cup
        Plant plant = new Plant(Machine.of(Presets.singleBoiler()),
                puck ? BasketParameters.Puck.typical() : BasketParameters.blind());
        ActuatorSchedule cycle = ActuatorSchedule.backflush(1, 5.0, 3.0, 0.0);
        ScheduleResult first = ScheduledRun.run(plant, cycle, 8.0, 0.001);
        ScheduleResult second = ScheduledRun.run(plant, cycle, 8.0, 0.001);
        WaterBalance all = plant.waterBalance(0.0);
        assertThat(first.water().fromTankMl() + second.water().fromTankMl()).isCloseTo(all.fromTankMl(), within(1e-9));
        assertThat(first.water().returnedToTankMl() + second.water().returnedToTankMl())
                .isCloseTo(all.returnedToTankMl(), within(1e-9));
        assertThat(first.water().toDripTrayMl() + second.water().toDripTrayMl()).isCloseTo(all.toDripTrayMl(), within(1e-9));
        assertThat(first.water().toCupMl() + second.water().toCupMl()).isCloseTo(all.toCupMl(), within(1e-9));
        assertThat(second.water().fromTankMl()).isPositive().isLessThan(all.fromTankMl());
        assertThat(second.water().toDripTrayMl()).isPositive();
        if (puck) {
            assertThat(second.water().toCupMl()).isPositive().isLessThan(all.toCupMl());
        }
        assertThat(second.water().balanceErrorMl()).isCloseTo(0.0, within(1e-9));
        // the second cycle's times count from its own start
        assertThat(second.cycles().get(0).pumpOnAtSeconds()).isCloseTo(0.0, within(1e-9));
        assertThat(second.cycles().get(0).releaseAtSeconds()).isCloseTo(5.0, within(1e-9));
    }

    /**
     * A fixed-step run takes round(end/dt) steps of dt: 1 s in steps of 0.3 s is three steps, ending
     * at 0.9 s (not a fourth past the end), and 1 s in steps of 0.4 s is round(2.5) = 3, ending at 1.2 s.
     */
    @Test
    void aFixedStepRunTakesTheRoundedNumberOfSteps() {
        ActuatorSchedule cycle = ActuatorSchedule.backflush(1, 0.5, 0.5, 0.0);
        Plant short3 = new Plant(Machine.of(Presets.singleBoiler()), BasketParameters.blind());
        ScheduledRun.run(short3, cycle, 1.0, 0.3);
        assertThat(short3.timeSeconds()).isCloseTo(0.9, within(1e-12));
        Plant long3 = new Plant(Machine.of(Presets.singleBoiler()), BasketParameters.blind());
        ScheduledRun.run(long3, cycle, 1.0, 0.4);
        assertThat(long3.timeSeconds()).isCloseTo(1.2, within(1e-12));
    }
}
