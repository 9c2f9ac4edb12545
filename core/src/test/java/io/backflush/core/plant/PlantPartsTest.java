package io.backflush.core.plant;

import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.hydraulics.GroupChamberParameters;
import io.backflush.core.hydraulics.LineParameters;
import io.backflush.core.hydraulics.OrificeParameters;
import io.backflush.core.hydraulics.ThreeWayValveParameters;
import io.backflush.core.hydraulics.VibratoryPumpParameters;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.MachineParameters;
import io.backflush.core.machine.Presets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The plant's discrete parts and bookkeeping against their documented rules, through the public
 * API: pulse skipping (a first-order accumulator deciding each mains boundary), the rotary relay,
 * the valve's dead time, an idle jump (exact drain and line bleed, time, pending switches), a
 * basket change, the sensor readings and {@link Plant#setTemperatures}.
 */
class PlantPartsTest {
    private static final double DT = 0.001;

    private static MachineParameters preset(String name) {
        return Presets.all().get(name);
    }

    private static Plant plant(MachineParameters p) {
        return new Plant(Machine.of(p), BasketParameters.blind());
    }

    /**
     * The accumulator adds the duty at each boundary and strokes when it reaches 1/2 (losing 1):
     * after n boundaries it has stroked floor(n·d + 1/2) times. Over one second, that many whole
     * mains cycles of stroking. Duties chosen so that no boundary in the second is a tie.
     */
    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.123, 0.456, 0.789, 1.0})
    void pulseSkippingStrokesFloorOfNTimesDutyPlusAHalfWholeMainsCycles(double duty) {
        MachineParameters p = preset("single-boiler");
        double mainsHz = ((VibratoryPumpParameters) p.pump()).mainsHz();
        Plant plant = plant(p);
        plant.actuators().pumpDuty(duty);
        double strokingSeconds = 0.0;
        int steps = (int) Math.round(1.0 / DT);
        for (int i = 0; i < steps; i++) {
            plant.step(DT);
            strokingSeconds += plant.pumpRunningFraction() * DT;
        }
        long boundaries = Math.round(mainsHz); // k/f for k = 0 .. f−1 lie in [0, 1 s)
        double strokes = Math.floor(boundaries * duty + 0.5);
        assertThat(strokingSeconds).isCloseTo(strokes / mainsHz, within(1e-9));
    }

    /** Duty 1/2 strokes every other mains cycle, the first one at once (the accumulator starts at 0). */
    @Test
    void halfDutyStrokesEveryOtherMainsCycleStartingWithTheFirst() {
        MachineParameters p = preset("single-boiler");
        double period = 1.0 / ((VibratoryPumpParameters) p.pump()).mainsHz();
        Plant plant = plant(p);
        plant.actuators().pumpDuty(0.5);
        int stepsPerCycle = (int) Math.round(period / DT);
        for (int cycle = 0; cycle < 6; cycle++) {
            double on = 0.0;
            for (int i = 0; i < stepsPerCycle; i++) {
                plant.step(DT);
                on += plant.pumpRunningFraction();
            }
            assertThat(on / stepsPerCycle).as("cycle %d", cycle).isCloseTo(cycle % 2 == 0 ? 1.0 : 0.0, within(1e-9));
        }
    }

    /** A rotary pump's relay runs the pump while the duty is at least 1/2, from the step of the command. */
    @Test
    void aRotaryPumpRunsAtDutyOneHalfAndAboveOnly() {
        MachineParameters p = preset("rotary-commercial");
        for (double duty : new double[] {0.0, 0.25, 0.4999, 0.5, 0.75, 1.0}) {
            Plant plant = plant(p);
            plant.actuators().pumpDuty(duty);
            plant.step(DT);
            assertThat(plant.pumpRunningFraction()).as("duty %s", duty).isEqualTo(duty >= 0.5 ? 1.0 : 0.0);
            plant.actuators().pumpDuty(0.0);
            plant.step(DT);
            assertThat(plant.pumpRunningFraction()).isEqualTo(0.0);
        }
    }

    private static MachineParameters withValveResponse(MachineParameters b, double responseSeconds) {
        return new MachineParameters(b.name(), b.description(), b.pump(), b.overPressureValve(), b.gicleur(),
                b.groupInlet(), new ThreeWayValveParameters(b.threeWayValve().exhaust(), responseSeconds), b.chamber(),
                b.boiler(), b.groupHead(), b.sensors(), b.environment(), b.line());
    }

    /**
     * The coil's dead time restarts at every change of command, so a pulse of the coil shorter than
     * the dead time never moves the valve; one as long moves it for as long as it lasted.
     */
    @Test
    void aCoilPulseShorterThanTheDeadTimeNeverMovesTheValve() {
        Plant plant = plant(withValveResponse(preset("single-boiler"), 0.020));
        plant.actuators().solenoidEnergised(true);
        for (int i = 0; i < 15; i++) {
            plant.step(DT);
        }
        plant.actuators().solenoidEnergised(false);
        for (int i = 0; i < 100; i++) {
            plant.step(DT);
            assertThat(plant.valveEnergised()).as("step %d", i).isFalse();
        }

        Plant longer = plant(withValveResponse(preset("single-boiler"), 0.020));
        longer.actuators().solenoidEnergised(true);
        for (int i = 0; i < 30; i++) {
            longer.step(DT);
        }
        longer.actuators().solenoidEnergised(false);
        int energisedSteps = 0;
        for (int i = 0; i < 100; i++) {
            longer.step(DT);
            energisedSteps += longer.valveEnergised() ? 1 : 0;
        }
        // energised from 20 ms to 50 ms: 10 of the 30 steps before the release, 20 after it
        assertThat(energisedSteps).isEqualTo(20);
    }

    @Test
    void idlingForNoTimeOrLessChangesNothing() {
        Plant plant = new Plant(Machine.of(preset("single-boiler")), BasketParameters.blind(),
                new InitialConditions(20.0, 93.0, 88.0));
        double[] before = plant.stateCopy();
        plant.idle(0.0);
        plant.idle(-5.0);
        assertThat(plant.stateCopy()).containsExactly(before);
        assertThat(plant.timeSeconds()).isZero();
    }

    /**
     * A released group at atmospheric pressure drains to the water it retains, first order in the
     * drain time constant: after an idle of t the excess is e^(−t/τ) of what it was, the rest gone
     * to the drip tray with as much air come back in; time advances by t exactly.
     */
    @Test
    void anIdleReleasedGroupDrainsExactlyAndTheWaterGoesToTheDripTray() {
        MachineParameters p = preset("single-boiler");
        GroupChamberParameters chamber = p.chamber();
        Plant plant = new Plant(Machine.of(p), BasketParameters.blind(), new InitialConditions(20.0, 93.0, 88.0));
        double water = plant.groupWaterMl();
        double air = plant.trappedAirAtmMl();
        double idle = 7.0;
        plant.idle(idle);
        double excess = (water - chamber.retainedWaterMl()) * Math.exp(-idle / chamber.drainTimeConstantSeconds());
        assertThat(plant.groupWaterMl()).isCloseTo(chamber.retainedWaterMl() + excess, within(1e-9));
        double drained = water - plant.groupWaterMl();
        assertThat(drained).isPositive();
        assertThat(plant.exhaustedToDripTrayMl()).isCloseTo(drained, within(1e-12));
        assertThat(plant.trappedAirAtmMl()).isCloseTo(air + drained, within(1e-9));
        assertThat(plant.timeSeconds()).isEqualTo(idle);
        assertThat(plant.waterBalance(water).balanceErrorMl()).isCloseTo(0.0, within(1e-9));
    }

    /** A group energised (exhaust shut) does not drain while idle; the valve switch due in the idle happens. */
    @Test
    void anIdleJumpCarriesOutAPendingValveSwitchAndAShutGroupKeepsItsWater() {
        Plant plant = new Plant(Machine.of(preset("single-boiler")), BasketParameters.blind(),
                new InitialConditions(20.0, 93.0, 88.0));
        plant.actuators().solenoidEnergised(true);
        plant.step(DT);
        assertThat(plant.valveEnergised()).isFalse();
        plant.idle(1.0);
        assertThat(plant.valveEnergised()).isTrue();
        double water = plant.groupWaterMl();
        double drip = plant.exhaustedToDripTrayMl(); // drained in the first step, the valve still open
        plant.idle(30.0);
        assertThat(plant.groupWaterMl()).isEqualTo(water);
        assertThat(plant.exhaustedToDripTrayMl()).isEqualTo(drip);
    }

    /**
     * A sealed line (valve released) bleeds through its leak while idle: C_L·dp/dt = −k·p, so its
     * water falls by e^(−k·t/C_L) exactly.
     */
    @Test
    void anIdleSealedLineBleedsExponentiallyThroughItsLeak() {
        MachineParameters p = preset("single-boiler");
        Plant plant = plant(p);
        plant.actuators().solenoidEnergised(true).pumpDuty(1.0);
        for (int i = 0; i < 3000; i++) {
            plant.step(DT);
        }
        plant.actuators().solenoidEnergised(false).pumpDuty(0.0);
        for (int i = 0; i < 2000; i++) {
            plant.step(DT);
        }
        double line = plant.state(StateLayout.LINE_WATER_ML);
        assertThat(line).isPositive();
        LineParameters lp = p.line();
        double idle = 40.0;
        plant.idle(idle);
        assertThat(plant.state(StateLayout.LINE_WATER_ML))
                .isCloseTo(line * Math.exp(-idle * lp.leakMlPerSBar() / lp.complianceMlPerBar()), within(1e-12));
        assertThat(plant.linePressureBar()).isCloseTo(plant.state(StateLayout.LINE_WATER_ML) / lp.complianceMlPerBar(),
                within(1e-12));
    }

    /**
     * Taking the basket out empties its share of the chamber's water (1 − the headspace fraction)
     * into the drip tray, which does not count as exhaust; taking it out again before any water
     * came in gives nothing more.
     */
    @Test
    void changingTheBasketEmptiesItsShareOnceAndNotThroughTheExhaust() {
        MachineParameters p = preset("single-boiler");
        Plant plant = new Plant(Machine.of(p), BasketParameters.blind(), new InitialConditions(20.0, 93.0, 88.0));
        double water = plant.groupWaterMl();
        double share = 1.0 - p.chamber().headspaceAirFraction();
        plant.changeBasket(BasketParameters.blind());
        assertThat(plant.groupWaterMl()).isCloseTo(water * (1.0 - share), within(1e-12));
        assertThat(plant.state(StateLayout.TO_DRIP_TRAY_ML)).isCloseTo(water * share, within(1e-12));
        assertThat(plant.exhaustedToDripTrayMl()).isCloseTo(0.0, within(1e-12));
        assertThat(plant.groupWaterMl() + plant.trappedAirAtmMl()).isCloseTo(p.chamber().freeVolumeMl(), within(1e-9));

        double left = plant.groupWaterMl();
        plant.changeBasket(BasketParameters.blind());
        assertThat(plant.groupWaterMl()).isEqualTo(left);
        assertThat(plant.state(StateLayout.TO_DRIP_TRAY_ML)).isCloseTo(water * share, within(1e-12));
    }

    @Test
    void theSensorReadingsAreThePlantsOwnValues() {
        Plant plant = plant(preset("e61-hx"));
        plant.actuators().solenoidEnergised(true).pumpDuty(1.0).heaterDuty(1.0);
        Sensors sensors = new Sensors();
        for (int i = 0; i < 1500; i++) {
            plant.step(DT);
        }
        plant.readSensors(sensors);
        assertThat(sensors.timeSeconds()).isEqualTo(plant.timeSeconds()).isCloseTo(1.5, within(1e-9));
        assertThat(sensors.groupPressureBar()).isEqualTo(plant.groupPressureBar()).isPositive();
        assertThat(sensors.linePressureBar()).isEqualTo(plant.pumpPressureBar()).isEqualTo(plant.linePressureBar())
                .isGreaterThan(sensors.groupPressureBar());
        assertThat(sensors.boilerTemperatureC()).isEqualTo(plant.boilerSensorC());
        assertThat(sensors.groupTemperatureC()).isEqualTo(plant.groupSensorC());
        assertThat(sensors.flowMeterMl()).isEqualTo(plant.waterBalance(0).fromTankMl()).isPositive();
        // the heater at full power: the element runs above the water it heats
        assertThat(plant.elementTemperatureC()).isGreaterThan(plant.boilerTemperatureC());
    }

    /** NaN for the boiler is the room; NaN for the group its steady state with the boiler; probes read them at once. */
    @Test
    void setTemperaturesTakesTheRoomAndTheSteadyGroupForNaN() {
        MachineParameters p = preset("single-boiler");
        Plant plant = plant(p);
        plant.setTemperatures(Double.NaN, Double.NaN);
        double room = p.environment().ambientC();
        assertThat(plant.boilerTemperatureC()).isEqualTo(room);
        assertThat(plant.boilerSensorC()).isEqualTo(room);
        assertThat(plant.groupTemperatureC()).isCloseTo(InitialConditions.steadyGroupC(p, room), within(1e-12));
        assertThat(plant.groupSensorC()).isEqualTo(plant.groupTemperatureC());

        plant.setTemperatures(120.0, 95.0);
        assertThat(plant.boilerTemperatureC()).isEqualTo(120.0);
        assertThat(plant.boilerSensorC()).isEqualTo(120.0);
        assertThat(plant.groupTemperatureC()).isEqualTo(95.0);
        assertThat(plant.groupSensorC()).isEqualTo(95.0);
        // a thermostat holding the boiler above the room: the element is hotter than the water
        assertThat(plant.elementTemperatureC()).isGreaterThan(120.0);
        plant.setTemperatures(95.0, Double.NaN);
        assertThat(plant.groupTemperatureC()).isCloseTo(InitialConditions.steadyGroupC(p, 95.0), within(1e-12));
    }

    /** Fault hooks are reported back as set; a snapshot carries its time and what the last step saw. */
    @Test
    void faultsAndSnapshotsReportWhatTheyHold() {
        Plant plant = plant(preset("single-boiler"));
        plant.setFaults(0.5, 0.25, 1.5);
        assertThat(plant.faults()).isEqualTo(new Faults(0.5, 0.25, 1.5));
        plant.actuators().solenoidEnergised(true).pumpDuty(1.0);
        for (int i = 0; i < 800; i++) {
            plant.step(DT);
        }
        Plant.Snapshot snapshot = plant.snapshot();
        assertThat(snapshot.timeSeconds()).isEqualTo(plant.timeSeconds());
        assertThat(snapshot.observables()).isEqualTo(plant.observables());
        assertThat(snapshot.observables().groupBar()).isEqualTo(plant.groupPressureBar()).isPositive();
    }
}
