package io.backflush.core.plant;

import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.MachineParameters;
import io.backflush.core.machine.Presets;
import io.backflush.core.machine.StartState;
import io.backflush.core.thermal.GroupHeadParameters;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The plant's small value types by their documented rules, with numbers worked by hand: the
 * water ledger's balance and moved volume, faults' clamping (NaN is healthy), the actuators' safe
 * state, sensor readings set by hand, where a plant starts (the group's steady temperature from
 * the two conductances), the steppers' names.
 */
class PlantRecordsTest {

    @Test
    void theWaterLedgerBalancesWhatCameInAgainstWhereItWent() {
        // 100 ml drawn; 30 back to the tank, 20 to the drip tray, 10 to the cup, 35 more held: 5 ml unaccounted
        WaterBalance w = new WaterBalance(100.0, 30.0, 20.0, 10.0, 35.0);
        assertThat(w.balanceErrorMl()).isCloseTo(5.0, within(1e-12));
        // moved: the larger of what came in (100) and what went out (30 + 20 + 10 = 60)
        assertThat(w.movedMl()).isEqualTo(100.0);
        assertThat(new WaterBalance(10.0, 30.0, 20.0, 15.0, -55.0).movedMl()).isEqualTo(65.0);
        assertThat(new WaterBalance(10.0, 30.0, 20.0, 15.0, -55.0).balanceErrorMl()).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void faultsClampToTheirRangesAndNaNMeansHealthy() {
        assertThat(new Faults(Double.NaN, Double.NaN, Double.NaN)).isEqualTo(Faults.HEALTHY);
        Faults f = new Faults(1.5, -0.2, -3.0);
        assertThat(f.pumpDeliveryFactor()).isEqualTo(1.0);
        assertThat(f.exhaustAreaFactor()).isEqualTo(0.0);
        assertThat(f.seatLeakCoefficient()).isEqualTo(0.0);
        Faults g = new Faults(0.25, 0.75, 0.4);
        assertThat(g.pumpDeliveryFactor()).isEqualTo(0.25);
        assertThat(g.exhaustAreaFactor()).isEqualTo(0.75);
        assertThat(g.seatLeakCoefficient()).isEqualTo(0.4);
    }

    @Test
    void theSafeStateIsPumpOffValveReleasedHeaterOffAndChains() {
        Actuators a = new Actuators().pumpDuty(0.8).solenoidEnergised(true).heaterDuty(0.6);
        Actuators same = a.safeState();
        assertThat(same).isSameAs(a);
        assertThat(a.pumpDuty()).isZero();
        assertThat(a.solenoidEnergised()).isFalse();
        assertThat(a.heaterDuty()).isZero();
    }

    @Test
    void sensorsSetByHandReadExactlyWhatWasSet() {
        Sensors s = new Sensors();
        assertThat(s.set(2.5, 8.75, 9.25, false, 93.5, 85.25, 42.0)).isSameAs(s);
        assertThat(s.timeSeconds()).isEqualTo(2.5);
        assertThat(s.groupPressureBar()).isEqualTo(8.75);
        assertThat(s.linePressureBar()).isEqualTo(9.25);
        assertThat(s.transducerOnLine()).isFalse();
        assertThat(s.transducerPressureBar()).isEqualTo(8.75);
        assertThat(s.boilerTemperatureC()).isEqualTo(93.5);
        assertThat(s.groupTemperatureC()).isEqualTo(85.25);
        assertThat(s.flowMeterMl()).isEqualTo(42.0);
        s.set(0.0, 1.0, 2.0, true, 20.0, 20.0, 0.0);
        assertThat(s.transducerOnLine()).isTrue();
        assertThat(s.transducerPressureBar()).isEqualTo(2.0);
    }

    /**
     * A plant without pressure-sensor effects (the rotary preset: no ripple, noise or rounding)
     * reads its pressures exactly, on the group and on the line where its transducer is.
     */
    @Test
    void exactSensorsReadThePlantsPressures() {
        MachineParameters p = Presets.rotaryCommercial();
        assertThat(p.sensors().lineRippleBar()).isZero();
        assertThat(p.sensors().pressureNoiseBar()).isZero();
        assertThat(p.sensors().pressureResolutionBar()).isZero();
        Plant plant = new Plant(Machine.of(p), BasketParameters.blind());
        plant.actuators().pumpDuty(1.0).solenoidEnergised(true);
        for (int i = 0; i < 1500; i++) {
            plant.step(0.001);
        }
        assertThat(plant.groupPressureBar()).isPositive();
        assertThat(plant.groupSensorBar()).isEqualTo(plant.groupPressureBar());
        assertThat(plant.lineSensorBar()).isEqualTo(plant.linePressureBar());
        assertThat(plant.transducerSensorBar()).isEqualTo(plant.linePressureBar()).isGreaterThan(plant.groupPressureBar());
    }

    /**
     * The group's steady temperature balances conduction from the boiler against the loss to the
     * room: G_b·(T_b − T_g) = G_a·(T_g − T_a). Single boiler: G_b = 4 W/K, G_a = 0.5 W/K, room
     * 22 °C, boiler 93 °C: T_g = (4·93 + 0.5·22)/4.5 = 85.111 °C.
     */
    @Test
    void theGroupsSteadyTemperatureBalancesTheBoilersConductionAgainstTheRoom() {
        MachineParameters p = Presets.singleBoiler();
        assertThat(InitialConditions.steadyGroupC(p, 93.0)).isCloseTo((4.0 * 93.0 + 0.5 * 22.0) / 4.5, within(1e-12));
        Plant plant = new Plant(Machine.of(p), BasketParameters.blind());
        assertThat(plant.groupTemperatureC()).isCloseTo(85.111, within(1e-3));
        assertThat(plant.boilerTemperatureC()).isEqualTo(InitialConditions.HOT_BOILER_C);
    }

    /** The machine with its group head's boiler coupling and loss to the room replaced, W/K. */
    private static MachineParameters withGroupConductances(MachineParameters p, double couplingWPerK, double lossWPerK) {
        GroupHeadParameters g = p.groupHead();
        return new MachineParameters(p.name(), p.description(), p.pump(), p.overPressureValve(), p.gicleur(),
                p.groupInlet(), p.threeWayValve(), p.chamber(), p.boiler(), new GroupHeadParameters(g.massKg(),
                        g.specificHeatJPerKgK(), couplingWPerK, lossWPerK, g.chamberWaterCouplingWPerK()),
                p.sensors(), p.environment(), p.line());
    }

    /**
     * A group losing more to the room than it takes from the boiler (G_b = 0.5 W/K, G_a = 4 W/K,
     * room 22 °C, boiler 93 °C) still balances them: T_g = (0.5·93 + 4·22)/4.5 = 29.889 °C.
     */
    @Test
    void aGroupLosingMoreToTheRoomThanItTakesFromTheBoilerSettlesNearTheRoom() {
        MachineParameters p = Presets.singleBoiler();
        MachineParameters lossy = withGroupConductances(p, 0.5, 4.0);
        assertThat(p.environment().ambientC()).isEqualTo(22.0);
        assertThat(InitialConditions.steadyGroupC(lossy, 93.0)).isCloseTo((0.5 * 93.0 + 4.0 * 22.0) / 4.5, within(1e-12));
    }

    /** A group with no conductance to anything has no steady state of its own: it is taken at the boiler's. */
    @Test
    void aGroupCoupledToNothingStartsAtTheBoilersTemperature() {
        MachineParameters isolated = withGroupConductances(Presets.singleBoiler(), 0.0, 0.0);
        assertThat(InitialConditions.steadyGroupC(isolated, 93.0)).isEqualTo(93.0);
    }

    @Test
    void aColdStartIsTheRoomAndAHotStartTheBoilerAtOperatingTemperature() {
        MachineParameters p = Presets.singleBoiler();
        assertThat(InitialConditions.of(StartState.COLD)).isEqualTo(InitialConditions.coldAndDry());
        assertThat(InitialConditions.of(StartState.HOT)).isEqualTo(InitialConditions.hotAndDry());
        Plant cold = new Plant(Machine.of(p), BasketParameters.blind(), InitialConditions.coldAndDry());
        assertThat(cold.boilerTemperatureC()).isEqualTo(22.0);
        assertThat(cold.groupTemperatureC()).isCloseTo(22.0, within(1e-12));
        assertThat(cold.elementTemperatureC()).isEqualTo(22.0);
        assertThat(cold.groupWaterMl()).isZero();
    }

    @Test
    void theSteppersHaveTheirCommandLineNames() {
        assertThat(StepperKind.FIXED.label()).isEqualTo("fixed");
        assertThat(StepperKind.REFERENCE.label()).isEqualTo("reference");
    }

    /** A machine without a three-way valve has its brew switch follow the coil at once and no exhaust. */
    @Test
    void withoutAThreeWayValveTheInletFollowsTheCoilAtOnce() {
        ThreeWayValve none = new ThreeWayValve(Presets.noThreeWay());
        assertThat(none.present()).isFalse();
        none.command(0.0, true);
        assertThat(none.energised()).isTrue();
        assertThat(none.inletOpen()).isTrue();
        assertThat(none.exhaustOpen()).isFalse();
        none.command(0.001, false);
        assertThat(none.energised()).isFalse();
        assertThat(none.inletOpen()).as("no valve: the group stays connected").isTrue();
        assertThat(none.exhaustOpen()).isFalse();
        assertThat(none.nextSwitchSeconds()).isNaN();

        ThreeWayValve valve = new ThreeWayValve(Presets.singleBoiler());
        assertThat(valve.present()).isTrue();
        valve.command(0.0, true);
        assertThat(valve.energised()).isFalse();
        assertThat(valve.inletOpen()).as("released: the pump side is shut").isFalse();
        assertThat(valve.exhaustOpen()).isTrue();
        assertThat(valve.nextSwitchSeconds()).isCloseTo(0.020, within(1e-15));
        valve.command(0.020, true);
        assertThat(valve.inletOpen()).isTrue();
        assertThat(valve.exhaustOpen()).isFalse();
    }

    /** The reference integrator runs from a saved plant, its times counted from the snapshot's. */
    @Test
    void theReferenceIntegratorRunsFromASnapshotOfItsMachine() {
        Machine m = Machine.of(Presets.singleBoiler());
        BasketParameters blind = BasketParameters.blind();
        ReferenceIntegrator reference = new ReferenceIntegrator(m, blind);
        assertThat(reference.machine()).isSameAs(m);
        assertThat(reference.basket()).isSameAs(blind);
        Plant fouled = new Plant(m, blind);
        fouled.setFaults(1.0, 0.5, 0.0);
        fouled.idle(100.0);
        ScheduleResult r = reference.run(ActuatorSchedule.backflush(1, 6.0, 2.0, 0.0), fouled.snapshot(), 8.0);
        assertThat(r.cycles()).hasSize(1);
        assertThat(r.cycles().get(0).pumpOnAtSeconds()).isCloseTo(0.0, within(1e-9));
        assertThat(r.cycles().get(0).plateauBar()).isCloseTo(m.reliefPressureBar(), within(0.05));
        // half the exhaust's area: a slower whoosh than the healthy machine's
        ScheduleResult healthy = reference.run(ActuatorSchedule.backflush(1, 6.0, 2.0, 0.0), 8.0);
        assertThat(r.cycles().get(0).whooshDecaySeconds()).isGreaterThan(1.5 * healthy.cycles().get(0).whooshDecaySeconds());
        assertThat(r.water().toDripTrayMl()).isPositive();
    }

    @Test
    void aScheduleListsItsCommands() {
        assertThat(ActuatorSchedule.backflush(1, 10.0, 5.0, 0.5).toString())
                .startsWith("ActuatorSchedule[").contains("10.0");
    }
}
