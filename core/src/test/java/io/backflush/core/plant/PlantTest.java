package io.backflush.core.plant;

import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.hydraulics.GroupChamberParameters;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.MachineParameters;
import io.backflush.core.machine.Presets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;
import static org.assertj.core.api.Assertions.within;

class PlantTest {

    private static Plant fullChamberWithoutAir(double complianceMlPerBar) {
        // a chamber that keeps all its water (retained = its volume): no drain lets air in during the
        // valve's 20 ms dead time before the pump side opens
        MachineParameters p = Presets.singleBoiler().withChamber(new GroupChamberParameters(45, complianceMlPerBar, 0.5,
                GroupChamberParameters.DEFAULT_DRAIN_TIME_CONSTANT_SECONDS, 45));
        // start full of water: no air at all (the stiff case)
        return new Plant(Machine.of(p), BasketParameters.blind(), new InitialConditions(45.0, 93, 88));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.001, 0.01, 0.05})
    void theStiffNoAirCaseIsStableAtAnyStep(double dt) {
        Plant plant = fullChamberWithoutAir(0.15);
        assertThat(plant.trappedAirAtmMl()).isZero();
        plant.actuators().pumpDuty(1).solenoidEnergised(true);
        double max = 0;
        for (double t = 0; t < 5; t += dt) {
            plant.step(dt);
            max = Math.max(max, plant.groupPressureBar());
        }
        double relief = plant.machine().reliefPressureBar();
        assertThat(max).as("never above the relief by more than the solver's tolerance")
                .isLessThanOrEqualTo(relief + FixedStepper.TOLERANCE_BAR);
        assertThat(plant.groupPressureBar()).isCloseTo(relief, within(1e-3));
        // 0.15 ml/bar × 9 bar is only 1.4 ml: no air means the pump goes quiet almost at once
        assertThat(plant.groupWaterMl() - 45.0).isCloseTo(0.15 * plant.groupPressureBar(), within(1e-6));
        plant.actuators().pumpDuty(0).solenoidEnergised(false);
        double min = Double.POSITIVE_INFINITY;
        for (double t = 0; t < 2; t += dt) {
            plant.step(dt);
            min = Math.min(min, plant.groupPressureBar());
        }
        assertThat(min).isGreaterThanOrEqualTo(0.0);
        assertThat(plant.groupPressureBar()).isLessThan(0.01);
    }

    @Test
    void pulseSkippingAtHalfDutyDeliversAboutHalfTheFlow() {
        Machine machine = Machine.of(Presets.singleBoiler());
        Plant full = new Plant(machine, BasketParameters.Open.screenOnly());
        Plant half = new Plant(machine, BasketParameters.Open.screenOnly());
        full.actuators().pumpDuty(1).solenoidEnergised(true);
        half.actuators().pumpDuty(0.5).solenoidEnergised(true);
        for (int i = 0; i < 10_000; i++) {
            full.step(0.001);
            half.step(0.001);
        }
        double fullDrawn = full.state(StateLayout.FROM_TANK_ML);
        double halfDrawn = half.state(StateLayout.FROM_TANK_ML);
        // at half duty every other mains cycle strokes; the lower back-pressure lets each stroke deliver a little more
        assertThat(halfDrawn / fullDrawn).isBetween(0.48, 0.56);
    }

    @Test
    void theValveSwitchesAfterItsResponseTime() {
        Machine machine = Machine.of(Presets.singleBoiler());
        Plant plant = new Plant(machine, BasketParameters.blind());
        plant.actuators().solenoidEnergised(true);
        int steps = 0;
        while (!plant.valveEnergised()) {
            plant.step(0.001);
            steps++;
        }
        // 20 ms dead time: the command at t=0 takes effect in the step starting at 20 ms
        assertThat(steps).isEqualTo(21);
    }

    @Test
    void theValveReleasesAfterItsResponseTimeAndHoldsThePressureUntilThen() {
        Machine machine = Machine.of(Presets.singleBoiler());
        Plant plant = new Plant(machine, BasketParameters.blind());
        plant.actuators().pumpDuty(1).solenoidEnergised(true);
        for (int i = 0; i < 6_000; i++) {
            plant.step(0.001);
        }
        double plateau = plant.groupPressureBar();
        assertThat(plateau).isGreaterThan(8.5);
        assertThat(plant.valveEnergised()).isTrue();
        // the release command at t = 6 s takes effect in the step starting 20 ms later, as energising does
        plant.actuators().pumpDuty(0).solenoidEnergised(false);
        int steps = 0;
        while (plant.valveEnergised()) {
            assertThat(plant.exhaustedToDripTrayMl()).as("nothing leaves in the dead time").isZero();
            assertThat(plant.exhaustAirFlowAtmMlPerS()).as("not even air").isZero();
            assertThat(plant.groupPressureBar()).as("the group holds its pressure").isGreaterThan(plateau - 0.5);
            plant.step(0.001);
            steps++;
            assertThat(steps).isLessThanOrEqualTo(1_000);
        }
        assertThat(steps).isEqualTo(21);
        // then it vents: the headspace air first, the water after it
        assertThat(plant.exhaustAirFlowAtmMlPerS()).isPositive();
        for (int i = 0; i < 200; i++) {
            plant.step(0.001);
        }
        assertThat(plant.exhaustedToDripTrayMl()).as("then it whooshes").isGreaterThan(1.0);
    }

    @Test
    void bigStepsCountMainsCyclesFractionally() {
        Machine machine = Machine.of(Presets.singleBoiler());
        Plant plant = new Plant(machine, BasketParameters.Open.screenOnly());
        plant.actuators().pumpDuty(0.25).solenoidEnergised(true);
        // five mains cycles at 50 Hz; the pulse accumulator (+0.25 a cycle, stroke at >= 0.5) strokes on the second only
        plant.step(0.1);
        assertThat(plant.pumpRunningFraction()).isCloseTo(0.2, within(1e-9));
        plant.step(0.1); // cycles 6-10: it strokes every fourth cycle, on the sixth and the tenth
        assertThat(plant.pumpRunningFraction()).isCloseTo(0.4, within(1e-9));
        double sum = 0.6;
        for (int i = 0; i < 18; i++) {
            plant.step(0.1);
            sum += plant.pumpRunningFraction();
        }
        assertThat(sum / 20).isCloseTo(0.25, within(1e-9)); // 100 cycles, 25 strokes
    }

    @Test
    void actuatorCommandsAreClampedToTheirRange() {
        Actuators a = new Actuators().pumpDuty(3).heaterDuty(-1);
        assertThat(a.pumpDuty()).isEqualTo(1.0);
        assertThat(a.heaterDuty()).isEqualTo(0.0);
        assertThat(a.pumpDuty(Double.NaN).pumpDuty()).isEqualTo(0.0);
    }

    @Test
    void theHeaterWarmsTheBoilerAndTheProbeLagsAndEveryJouleIsAccountedFor() {
        MachineParameters parameters = Presets.singleBoiler();
        Machine machine = Machine.of(parameters);
        Plant plant = new Plant(machine, BasketParameters.blind(), new InitialConditions(0, 20, 20));
        plant.actuators().heaterDuty(1);
        double ambient = parameters.environment().ambientC();
        double lossesJ = 0.0;
        double dt = 0.001;
        for (int i = 0; i < 60_000; i++) {
            lossesJ += dt * (parameters.boiler().lossConductanceWPerK() * (plant.boilerTemperatureC() - ambient)
                    + parameters.groupHead().lossConductanceWPerK() * (plant.groupTemperatureC() - ambient));
            plant.step(dt);
        }
        // 1000 W into 300 ml (1216 J/K) for 60 s is 49.3 K, less what the element (a 4 s lag) and the
        // group (conduction from the boiler) take
        assertThat(plant.boilerTemperatureC()).isBetween(20 + 38.0, 20 + 48.0);
        assertThat(plant.elementTemperatureC()).isGreaterThan(plant.boilerTemperatureC() + 90.0);
        assertThat(plant.boilerSensorC()).isLessThan(plant.boilerTemperatureC());
        assertThat(plant.boilerTemperatureC() - plant.boilerSensorC()).isLessThan(2.0);
        assertThat(plant.groupTemperatureC()).isGreaterThan(20).isLessThan(plant.boilerTemperatureC());
        // energy: the heater's 60 kJ is in the boiler water, the element and the group, or lost to the room
        double waterJPerMlK = 963.0e-6 * 4210.0;
        double stored = 300.0 * waterJPerMlK * (plant.boilerTemperatureC() - 20)
                + parameters.boiler().elementHeatCapacityJPerK() * (plant.elementTemperatureC() - 20)
                + parameters.groupHead().massKg() * parameters.groupHead().specificHeatJPerKgK() * (plant.groupTemperatureC() - 20);
        assertThat(stored + lossesJ).isCloseTo(60_000.0, withinPercentage(0.1));
    }
}
