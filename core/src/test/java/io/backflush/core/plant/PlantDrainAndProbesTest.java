package io.backflush.core.plant;

import io.backflush.core.cleaning.CleaningParameters;
import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.hydraulics.ReliefValveParameters;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.MachineParameters;
import io.backflush.core.machine.Presets;
import io.backflush.core.thermal.SensorParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The gravity drain of a released group while stepping (first order in the drain time constant,
 * air coming back in for the water at the chamber's temperature, nothing through a shut exhaust),
 * both probes' lag in both steppers (τ·dT/dt behind a ramp; a probe with no lag reads the
 * temperature itself), and a plant continued on a changed machine.
 */
class PlantDrainAndProbesTest {

    private static Plant plant(StepperKind kind, MachineParameters p, InitialConditions initial) {
        return new Plant(Machine.of(p), BasketParameters.blind(), initial, CleaningParameters.defaults(), kind);
    }

    /**
     * A released group at atmospheric pressure holding 30 ml drains its excess over the 2 ml it
     * retains with the 15 s time constant: after 3 s, 2 + 28·e^(−3/15) ml (the fixed stepper's
     * explicit drain at 1 ms is within 3·28·(1e-3/15)/2 ≈ 3e-3 ml of it). The air that comes back
     * fills the drained volume at the chamber's temperature.
     */
    @ParameterizedTest
    @EnumSource(StepperKind.class)
    void aReleasedGroupDrainsByGravityAndAirComesBackForTheWater(StepperKind kind) {
        MachineParameters p = Presets.singleBoiler();
        Plant plant = plant(kind, p, new InitialConditions(30.0, 93.0, Double.NaN));
        double water = plant.groupWaterMl();
        double headspace = plant.state(StateLayout.HEADSPACE_AIR_ATM_ML);
        double dt = kind == StepperKind.FIXED ? 0.001 : 0.5;
        for (int i = 0; i < (int) Math.round(3.0 / dt); i++) {
            plant.step(dt);
        }
        double retained = p.chamber().retainedWaterMl();
        double tau = p.chamber().drainTimeConstantSeconds();
        double drained = plant.state(StateLayout.TO_DRIP_TRAY_ML);
        assertThat(plant.groupPressureBar()).isZero();
        assertThat(plant.groupWaterMl() - plant.state(StateLayout.THERMAL_EXPANSION_ML))
                .isCloseTo(retained + (water - retained) * Math.exp(-3.0 / tau), within(5e-3));
        assertThat(drained).isCloseTo((water - retained) * -Math.expm1(-3.0 / tau), within(5e-3));
        assertThat((plant.state(StateLayout.HEADSPACE_AIR_ATM_ML) - headspace)
                * StateLayout.airTemperatureFactor(plant.chamberWaterC())).isCloseTo(drained, within(1e-3 * drained));
    }

    /**
     * While a released group drains at atmospheric pressure, the exhaust's reported water flow is
     * the drain's (each step's flow times dt is what reached the drip tray in it), and its reported
     * air flow is negative: air comes in for the water, filling the drained volume at 1 atm (within
     * 5 %: the air is counted as ml at 1 atm and the chamber air's reference temperature).
     */
    @ParameterizedTest
    @EnumSource(StepperKind.class)
    void aDrainingGroupReportsTheDrainAsExhaustWaterAndAirComingIn(StepperKind kind) {
        Plant plant = plant(kind, Presets.singleBoiler(), new InitialConditions(30.0, 93.0, Double.NaN));
        double dt = kind == StepperKind.FIXED ? 0.001 : 0.05;
        for (int i = 0; i < 20; i++) {
            double drip = plant.state(StateLayout.TO_DRIP_TRAY_ML);
            plant.step(dt);
            double drained = plant.state(StateLayout.TO_DRIP_TRAY_ML) - drip;
            assertThat(drained).as("drained in step " + i).isGreaterThan(1e-3 * dt);
            assertThat(plant.exhaustWaterFlowMlPerS() * dt).as("exhaust water in step " + i)
                    .isCloseTo(drained, within(1e-9 * drained));
            assertThat(-plant.exhaustAirFlowAtmMlPerS()).as("air coming in, step " + i)
                    .isCloseTo(plant.exhaustWaterFlowMlPerS(), within(0.05 * plant.exhaustWaterFlowMlPerS()));
        }
    }

    /** Energised, the exhaust is shut: a group at atmospheric pressure keeps its water while the pump is off. */
    @Test
    void aShutExhaustLetsNothingDrain() {
        Plant plant = plant(StepperKind.FIXED, Presets.singleBoiler(), new InitialConditions(30.0, 93.0, Double.NaN));
        plant.actuators().solenoidEnergised(true);
        double drainedInTheDeadTime = 0.0;
        for (int i = 0; i < 3000; i++) {
            plant.step(0.001);
            if (!plant.valveEnergised()) {
                drainedInTheDeadTime = plant.state(StateLayout.TO_DRIP_TRAY_ML);
            }
        }
        assertThat(plant.state(StateLayout.TO_DRIP_TRAY_ML)).isEqualTo(drainedInTheDeadTime);
        assertThat(drainedInTheDeadTime).as("20 ms at 28/15 ml/s").isCloseTo(0.020 * 28.0 / 15.0, within(2e-3));
    }

    /**
     * The heater full on from cold, nothing flowing: after 30 s (15 probe time constants) each
     * probe reads τ·dT/dt below what it measures, for the boiler and the group, in both steppers.
     */
    @ParameterizedTest
    @EnumSource(StepperKind.class)
    void bothProbesLagARampByTheirTimeConstantTimesItsSlope(StepperKind kind) {
        MachineParameters p = Presets.singleBoiler();
        Plant plant = plant(kind, p, InitialConditions.coldAndDry());
        double tau = p.sensors().temperatureLagSeconds();
        plant.actuators().heaterDuty(1.0);
        double dt = kind == StepperKind.FIXED ? 0.001 : 1.0;
        for (int i = 0; i < (int) Math.round(30.0 / dt); i++) {
            plant.step(dt);
        }
        // three readings 0.2 s apart: the slope r and its change r' at the middle one, where a
        // first-order probe lags by τ·r − τ²·r' (the next terms are smaller by τ·r''/r' again)
        double span = 0.2;
        double[][] t = new double[3][];
        for (int k = 0; k < 3; k++) {
            if (k > 0) {
                for (int i = 0; i < (int) Math.round(span / Math.min(dt, span)); i++) {
                    plant.step(Math.min(dt, span));
                }
            }
            t[k] = new double[] {plant.boilerTemperatureC(), plant.boilerSensorC(), plant.groupTemperatureC(),
                    plant.groupSensorC()};
        }
        for (int probe = 0; probe < 4; probe += 2) {
            double r = (t[2][probe] - t[0][probe]) / (2 * span);
            double curvature = (t[2][probe] - 2 * t[1][probe] + t[0][probe]) / (span * span);
            assertThat(r).as("probe %d: warming", probe).isPositive();
            double expected = tau * r - tau * tau * curvature;
            assertThat(t[1][probe] - t[1][probe + 1]).as("probe %d: lag", probe).isCloseTo(expected, within(0.02 * expected));
        }
        assertThat((t[2][0] - t[0][0]) / (2 * span)).as("the boiler warms fast").isGreaterThan(0.3);
    }

    /** A probe with no lag reads the temperature itself, in both steppers. */
    @ParameterizedTest
    @EnumSource(StepperKind.class)
    void aProbeWithoutLagReadsTheTemperatureItself(StepperKind kind) {
        MachineParameters b = Presets.singleBoiler();
        MachineParameters p = new MachineParameters(b.name(), b.description(), b.pump(), b.overPressureValve(),
                b.gicleur(), b.groupInlet(), b.threeWayValve(), b.chamber(), b.boiler(), b.groupHead(),
                new SensorParameters(0.0), b.environment(), b.line());
        Plant plant = plant(kind, p, InitialConditions.coldAndDry());
        plant.actuators().heaterDuty(1.0);
        double dt = kind == StepperKind.FIXED ? 0.001 : 0.5;
        for (int i = 0; i < (int) Math.round(5.0 / dt); i++) {
            plant.step(dt);
        }
        assertThat(plant.boilerTemperatureC()).isGreaterThan(23.0);
        assertThat(plant.boilerSensorC()).isCloseTo(plant.boilerTemperatureC(), within(1e-9));
        assertThat(plant.groupSensorC()).isCloseTo(plant.groupTemperatureC(), within(1e-9));
    }

    /**
     * Continued on the same machine with its OPV worn down to 8 bar: the state carries over bit for
     * bit, and the plateau settles where the worn OPV relieves the whole pump flow.
     */
    @Test
    void aPlantContinuedOnAChangedMachineKeepsItsStateAndFollowsTheNewParts() {
        MachineParameters p = Presets.singleBoiler();
        Machine m = Machine.of(p);
        Plant plant = new Plant(m, BasketParameters.blind());
        plant.actuators().pumpDuty(1.0).solenoidEnergised(true);
        for (int i = 0; i < 2000; i++) {
            plant.step(0.001);
        }
        MachineParameters worn = new MachineParameters(p.name(), p.description(), p.pump(),
                new ReliefValveParameters(8.0, p.overPressureValve().gainMlPerSBar()), p.gicleur(), p.groupInlet(),
                p.threeWayValve(), p.chamber(), p.boiler(), p.groupHead(), p.sensors(), p.environment(), p.line());
        Machine changed = m.with(worn);
        Plant next = plant.continuedOn(changed);
        assertThat(next.machine()).isSameAs(changed);
        assertThat(next.stateCopy()).containsExactly(plant.stateCopy());
        assertThat(next.timeSeconds()).isEqualTo(plant.timeSeconds());
        assertThat(next.valveEnergised()).isTrue();
        assertThat(next.actuators().pumpDuty()).isEqualTo(1.0);
        for (int i = 0; i < 8000; i++) {
            next.step(0.001);
        }
        // the blind basket's plateau on the new OPV: everything the pump sends goes back through it,
        // gain·(p − 8 bar) = Q_pump(p), a little above the new cracking pressure
        double line = next.linePressureBar();
        assertThat(line).isBetween(8.0, 8.5);
        assertThat(p.overPressureValve().gainMlPerSBar() * (line - 8.0)).isCloseTo(next.pumpFlowMlPerS(),
                within(0.01 * next.pumpFlowMlPerS()));
        assertThat(next.groupPressureBar()).isCloseTo(line, within(0.01));
        assertThat(next.toString()).contains("single-boiler").contains("t=10.0");
    }
}
