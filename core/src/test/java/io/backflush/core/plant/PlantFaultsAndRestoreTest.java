package io.backflush.core.plant;

import io.backflush.core.cleaning.Site;
import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.Presets;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Injected faults take effect from the very next step, on a clean machine whose residue never
 * changes (so nothing else re-applies them), as the orifice law says: a clog leaving a fraction a
 * of the exhaust's area passes a of its water and of its air at any pressure; a leaking seat drips
 * through a shut exhaust, and a machine with no exhaust cannot leak through one. A snapshot
 * carries the commands, the valve and the faults into another plant, which then behaves as the
 * original: its actuators, its valve position and its faults' effects are there before it steps.
 */
class PlantFaultsAndRestoreTest {
    private static final double DT = 0.001;

    private static Plant plant(String preset) {
        return new Plant(Machine.of(Presets.find(preset).orElseThrow()), BasketParameters.blind());
    }

    @Test
    void aCloggedExhaustPassesItsOpenShareOfWaterAndAirAtOnce() {
        Plant healthy = plant("single-boiler");
        Plant clogged = plant("single-boiler");
        clogged.setFaults(1.0, 0.3, 0.0);
        for (double p : new double[] {0.05, 0.5, 2.0, 9.0}) {
            assertThat(clogged.circuit().exhaustWaterFlowMlPerS(p)).as("water at %s bar", p)
                    .isCloseTo(0.3 * healthy.circuit().exhaustWaterFlowMlPerS(p), within(1e-9));
            assertThat(clogged.circuit().exhaustAirFlowAtmMlPerS(p)).as("air at %s bar", p)
                    .isCloseTo(0.3 * healthy.circuit().exhaustAirFlowAtmMlPerS(p), within(1e-6));
        }
        // and in a whoosh: a third of the area, a third of the flow at the same pressure, so a slower decay
        double[] healthyWhoosh = whoosh(healthy);
        double[] cloggedWhoosh = whoosh(clogged);
        assertThat(cloggedWhoosh[0]).as("peak through the clog")
                .isLessThan(0.5 * healthyWhoosh[0]);
        assertThat(cloggedWhoosh[1]).as("decay through the clog").isGreaterThan(2.0 * healthyWhoosh[1]);
        // cleared: the full flow again, from the next step
        clogged.setFaults(Faults.HEALTHY);
        assertThat(clogged.circuit().exhaustWaterFlowMlPerS(4.0)).isEqualTo(healthy.circuit().exhaustWaterFlowMlPerS(4.0));
    }

    /** Fills to the plateau, releases; returns {peak exhaust water flow, time until the group is below 0.5 bar}. */
    private static double[] whoosh(Plant plant) {
        plant.actuators().pumpDuty(1.0).solenoidEnergised(true);
        for (int i = 0; i < 8000; i++) {
            plant.step(DT);
        }
        plant.actuators().pumpDuty(0.0).solenoidEnergised(false);
        double peak = 0.0;
        double decay = Double.NaN;
        for (int i = 1; i <= 4000; i++) {
            plant.step(DT);
            peak = Math.max(peak, plant.exhaustWaterFlowMlPerS());
            if (Double.isNaN(decay) && plant.groupPressureBar() < 0.5) {
                decay = i * DT;
            }
        }
        return new double[] {peak, decay};
    }

    @Test
    void aLeakingSeatDripsThroughTheShutExhaustAndAMachineWithoutOneCannotLeak() {
        Plant leaking = plant("single-boiler");
        leaking.setFaults(1.0, 1.0, 0.2);
        leaking.actuators().pumpDuty(1.0).solenoidEnergised(true);
        for (int i = 0; i < 6000; i++) {
            leaking.step(DT);
        }
        assertThat(leaking.valveEnergised()).isTrue();
        double p = leaking.groupPressureBar();
        assertThat(p).isGreaterThan(8.0);
        // the seat as an orifice of 0.2 ml/s per sqrt(bar): 0.2·sqrt(p) to the drip tray
        assertThat(leaking.exhaustWaterFlowMlPerS()).isCloseTo(0.2 * Math.sqrt(p), within(0.002));
        assertThat(leaking.exhaustedToDripTrayMl()).isPositive();

        Plant noValve = plant("no-3way");
        noValve.setFaults(1.0, 1.0, 0.2);
        noValve.actuators().pumpDuty(1.0).solenoidEnergised(true);
        for (int i = 0; i < 6000; i++) {
            noValve.step(DT);
        }
        assertThat(noValve.groupPressureBar()).isGreaterThan(8.0);
        assertThat(noValve.exhaustWaterFlowMlPerS()).isZero();
        assertThat(noValve.exhaustedToDripTrayMl()).isZero();
        assertThat(noValve.circuit().seatLeakFlowMlPerS(9.0)).isZero();
        assertThat(noValve.circuit().seatLeaks()).isFalse();
        assertThat(leaking.circuit().seatLeaks()).isTrue();
    }

    @Test
    void aSnapshotCarriesTheCommandsTheValveAndTheFaultsIntoAnotherPlant() {
        Machine machine = Machine.of(Presets.singleBoiler());
        Plant original = new Plant(machine, BasketParameters.blind());
        original.setFaults(0.8, 0.4, 0.05);
        original.actuators().pumpDuty(0.7).solenoidEnergised(true).heaterDuty(0.3);
        for (int i = 0; i < 3000; i++) {
            original.step(DT);
        }
        assertThat(original.valveEnergised()).isTrue();
        Plant.Snapshot snapshot = original.snapshot();
        // the original's commands change after the snapshot; the snapshot keeps its own
        original.actuators().safeState();

        Plant other = new Plant(machine, BasketParameters.blind());
        other.restore(snapshot);
        assertThat(other.actuators().pumpDuty()).isEqualTo(0.7);
        assertThat(other.actuators().solenoidEnergised()).isTrue();
        assertThat(other.actuators().heaterDuty()).isEqualTo(0.3);
        assertThat(other.valveEnergised()).as("the valve's position").isTrue();
        assertThat(other.observables()).as("what the last step saw, relief included").isEqualTo(snapshot.observables());
        assertThat(other.reliefFlowMlPerS()).isEqualTo(snapshot.observables().reliefFlowMlPerS());
        // the clog is in force before any step: 40 % of the clean exhaust's flow
        Plant clean = plant("single-boiler");
        assertThat(other.circuit().exhaustWaterFlowMlPerS(3.0))
                .isCloseTo(0.4 * clean.circuit().exhaustWaterFlowMlPerS(3.0), within(1e-9));
        assertThat(other.circuit().seatLeakFlowMlPerS(3.0)).isCloseTo(0.05 * Math.sqrt(3.0), within(1e-4));

        // stepping on, it continues as the original would have with the snapshot's commands
        original.restore(snapshot);
        for (int i = 0; i < 500; i++) {
            original.step(DT);
            other.step(DT);
        }
        assertThat(other.stateCopy()).containsExactly(original.stateCopy());
    }

    @Test
    void aFaultSetOnAFouledMachineAddsToTheResidue() {
        Plant plant = plant("single-boiler");
        plant.cleaning().setResidue(Site.VALVE, 40, 40);
        plant.step(DT); // the residue's effect is applied
        double fouled = plant.circuit().exhaustWaterFlowMlPerS(2.0);
        assertThat(fouled).isLessThan(plant("single-boiler").circuit().exhaustWaterFlowMlPerS(2.0));
        plant.setFaults(1.0, 0.5, 0.0);
        assertThat(plant.circuit().exhaustWaterFlowMlPerS(2.0)).isCloseTo(0.5 * fouled, within(1e-9));
    }
}
