package io.backflush.core.plant;

import io.backflush.core.cleaning.CleaningParameters;
import io.backflush.core.cleaning.Site;
import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.MachineParameters;
import io.backflush.core.machine.Presets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * What every stepper must do, written once and run against each through a tiny subclass (the
 * Orekit and Hipparchus practice): the water balance closes, the blind-basket plateau is the
 * relief pressure, fills go quiet and releases whoosh within the reference behaviours' windows,
 * a machine without a valve keeps its pressure, and a snapshot continues bit for bit.
 */
abstract class StepperContract {
    static final ActuatorSchedule THREE_CYCLES = ActuatorSchedule.backflush(3, 10.0, 10.0, 0.5);

    /** The stepper under test. */
    abstract StepperKind kind();

    Plant plant(Machine machine, BasketParameters basket) {
        return new Plant(machine, basket, InitialConditions.hotAndDry(), CleaningParameters.defaults(), kind());
    }

    ScheduleResult run(Machine machine, BasketParameters basket, ActuatorSchedule schedule, double endSeconds) {
        return ScheduledRun.run(plant(machine, basket), schedule, endSeconds, 1.0e-3);
    }

    static Stream<String> allPresets() {
        return Presets.all().keySet().stream();
    }

    static Stream<String> backflushablePresets() {
        return Presets.all().values().stream().filter(MachineParameters::hasThreeWayValve).map(MachineParameters::name);
    }

    static Machine machine(String name) {
        return Machine.of(Presets.find(name).orElseThrow());
    }

    @ParameterizedTest
    @MethodSource("allPresets")
    void theWaterBalanceClosesWithABlindBasketAConstantAndAnErodingPuck(String name) {
        for (BasketParameters basket : List.of(BasketParameters.blind(), BasketParameters.Puck.typical(),
                BasketParameters.ErodingPuck.typical())) {
            ScheduleResult r = run(machine(name), basket, THREE_CYCLES, 60.0);
            assertThat(r.water().movedMl()).as("%s %s moved", name, basket).isGreaterThan(10.0);
            assertThat(Math.abs(r.water().balanceErrorMl())).as("%s %s balance error", name, basket)
                    .isLessThanOrEqualTo(1e-9 * r.water().movedMl());
        }
    }

    @ParameterizedTest
    @MethodSource("backflushablePresets")
    void theBlindPlateauIsTheReliefPressureFillsGoQuietAndReleasesWhoosh(String name) {
        Machine m = machine(name);
        ScheduleResult r = run(m, BasketParameters.blind(), THREE_CYCLES, 60.0);
        assertThat(r.cycles()).hasSize(3);
        for (CycleFigures c : r.cycles()) {
            String cycle = name + " cycle " + c.index();
            assertThat(c.plateauBar()).as(cycle).isCloseTo(m.reliefPressureBar(), within(0.02));
            assertThat(c.quietAfterSeconds()).as(cycle + " quiet").isBetween(2.0, 20.0);
            assertThat(c.whooshDecaySeconds()).as(cycle + " decay").isBetween(0.02, 1.0);
            assertThat(c.whooshPeakFlowMlPerS()).as(cycle + " peak").isGreaterThan(10.0);
            assertThat(c.whooshVolumeMl()).as(cycle + " volume").isBetween(5.0, m.parameters().chamber().freeVolumeMl());
        }
        // the dry basket's air is vented by the first release: later fills are quicker
        assertThat(r.cycles().get(1).quietAfterSeconds()).isLessThan(r.cycles().get(0).quietAfterSeconds());
    }

    @Test
    void aMachineWithoutAThreeWayValveKeepsItsPressureAndAir() {
        Machine m = machine("no-3way");
        ScheduleResult r = run(m, BasketParameters.blind(), THREE_CYCLES, 60.0);
        assertThat(r.water().toDripTrayMl()).isZero();
        assertThat(r.finalState()[StateLayout.HEADSPACE_AIR_ATM_ML]).isPositive();
        // the first plateau is the pump's stall; the sealed chamber's water then warms under the
        // heater's half duty and expands, so each later plateau creeps above the one before
        // (measured 14.97, 15.00, 15.07 bar against a 14.99 bar stall)
        assertThat(r.cycles().get(0).plateauBar()).isCloseTo(m.reliefPressureBar(), within(0.02));
        assertThat(r.cycles().get(1).plateauBar()).isGreaterThan(r.cycles().get(0).plateauBar());
        assertThat(r.cycles().get(2).plateauBar()).isGreaterThan(r.cycles().get(1).plateauBar())
                .isCloseTo(m.reliefPressureBar(), within(0.1));
        for (CycleFigures c : r.cycles()) {
            assertThat(c.whooshVolumeMl()).isNaN();
        }
    }

    /** Pump cycles at a fractional duty, valve switches and heater changes, so every part moves. */
    static void drive(Plant plant, int fromTick, int ticks) {
        for (int i = fromTick; i < fromTick + ticks; i++) {
            boolean on = (i / 1_500) % 2 == 0;
            plant.actuators().pumpDuty(on ? 0.7 : 0).solenoidEnergised(on).heaterDuty((i % 500) / 500.0);
            plant.step(0.001);
        }
    }

    /**
     * Snapshots taken while the stepper is busy (a fill and its plateau, the pump at full duty: every
     * step iterates, and the fixed stepper starts each from the last step's change) continue bit for
     * bit in another plant, which stepped elsewhere before.
     */
    @Test
    void snapshotsTakenMidFillContinueBitForBit() {
        Machine m = machine("single-boiler");
        Plant original = plant(m, BasketParameters.blind());
        original.actuators().pumpDuty(1.0).solenoidEnergised(true);
        int ticks = 6_000;
        int every = 250;
        int after = 20;
        double[] bar = new double[ticks];
        Plant.Snapshot[] snapshots = new Plant.Snapshot[ticks / every];
        for (int i = 0; i < ticks; i++) {
            if (i % every == 0) {
                snapshots[i / every] = original.snapshot();
            }
            original.step(0.001);
            bar[i] = original.groupPressureBar();
        }
        Plant other = plant(m, BasketParameters.blind());
        for (int k = 0; k < snapshots.length; k++) {
            other.restore(snapshots[k]);
            double[] again = new double[after];
            for (int i = 0; i < after; i++) {
                other.step(0.001);
                again[i] = other.groupPressureBar();
            }
            int from = k * every;
            assertThat(again).as("the %d steps after the snapshot at tick %d", after, from)
                    .containsExactly(java.util.Arrays.copyOfRange(bar, from, from + after));
        }
    }

    @Test
    void aSnapshotContinuesBitForBitInTheSamePlantAndInAnother() {
        Machine m = machine("single-boiler");
        Plant original = plant(m, BasketParameters.blind());
        original.cleaning().setResidue(Site.VALVE, 30, 20);
        original.cleaning().addDetergent(3);
        original.setFaults(1.0, 0.8, 0.01);
        drive(original, 0, 2_345);
        Plant.Snapshot snapshot = original.snapshot();
        drive(original, 2_345, 3_000);
        double[] expected = original.stateCopy();
        double expectedBar = original.groupPressureBar();
        double expectedResidue = original.cleaning().totalResidueMg();

        original.restore(snapshot);
        drive(original, 2_345, 3_000);
        assertThat(original.stateCopy()).containsExactly(expected);

        Plant other = plant(m, BasketParameters.Open.screenOnly());
        other.restore(snapshot);
        drive(other, 2_345, 3_000);
        assertThat(other.stateCopy()).containsExactly(expected);
        assertThat(other.groupPressureBar()).isEqualTo(expectedBar);
        assertThat(other.cleaning().totalResidueMg()).isEqualTo(expectedResidue);
        assertThat(other.faults()).isEqualTo(original.faults());
    }
}
