package io.backflush.sim.run;

import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.Presets;
import io.backflush.core.plant.Plant;
import io.backflush.sim.program.BackflushProgram;
import io.backflush.sim.program.Phase;
import io.backflush.sim.program.PhaseKind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link BackflushRun}: the refusal of a machine without a three-way valve (and the forced
 * simulation of one), the run's length, the phases its cycles are labelled with, and a water ledger
 * that counts this run only when the plant has run before.
 */
class BackflushRunTest {
    private static final BackflushProgram PROGRAM = new BackflushProgram("short", List.of(
            new Phase(PhaseKind.WATER, 1, 3.0, 2.0), new Phase(PhaseKind.RINSE, 2, 3.0, 2.0)));

    @Test
    void aMachineWithoutAThreeWayValveIsRefusedUnlessForced() {
        Machine none = Machine.of(Presets.all().get("no-3way"));
        assertThatThrownBy(() -> BackflushRun.run(none, PROGRAM, 0.001, List.of()))
                .isInstanceOf(ProgramRefusedException.class)
                .hasMessageContaining("'no-3way' has no three-way solenoid valve").hasMessageContaining("--force");
        RunResult forced = BackflushRun.simulate(none, PROGRAM, 0.001, List.of());
        assertThat(forced.forced()).isTrue();
        assertThat(forced.cycles()).hasSize(3).allMatch(c -> !c.whooshed());

        RunResult normal = BackflushRun.run(Machine.of(Presets.all().get("single-boiler")), PROGRAM, 0.001, List.of());
        assertThat(normal.forced()).isFalse();
    }

    @Test
    void aRunLastsTheProgramAndLabelsEachCycleWithItsPhase() {
        RunResult r = BackflushRun.run(Machine.of(Presets.all().get("single-boiler")), PROGRAM, 0.001, List.of());
        assertThat(r.simulatedSeconds()).isCloseTo(PROGRAM.durationSeconds(), within(1e-9));
        assertThat(r.dtSeconds()).isEqualTo(0.001);
        assertThat(r.cycles()).extracting(CycleReport::phase).containsExactly("water", "rinse", "rinse");
        assertThat(r.cycles()).extracting(CycleReport::pumpOnAtSeconds).containsExactly(0.0, 5.0, 10.0);
        assertThat(r.cycles()).allMatch(CycleReport::whooshed);
    }

    /** The second program on the same plant: its ledger counts its own water, not the first run's too. */
    @Test
    void aRunOnAPlantThatRanBeforeCountsOnlyItsOwnWater() {
        Plant plant = new Plant(Machine.of(Presets.all().get("single-boiler")), BasketParameters.blind());
        RunResult first = BackflushRun.simulate(plant, PROGRAM, 0.001, 0.0, List.of());
        RunResult second = BackflushRun.simulate(plant, PROGRAM, 0.001, 0.0, List.of());
        for (RunResult r : List.of(first, second)) {
            WaterReport w = r.water();
            assertThat(w.fromTankMl()).isPositive();
            assertThat(Math.abs(w.balanceErrorMl())).isLessThan(1e-6 * w.fromTankMl());
            assertThat(w.fromTankMl() - w.returnedToTankMl() - w.toDripTrayMl() - w.toCupMl() - w.heldInMachineDeltaMl())
                    .isCloseTo(w.balanceErrorMl(), within(1e-9));
        }
        // the same program from nearly the same start: about the same water, not twice as much
        assertThat(second.water().fromTankMl()).isCloseTo(first.water().fromTankMl(), within(0.25 * first.water().fromTankMl()));
        assertThat(second.water().toDripTrayMl()).isCloseTo(first.water().toDripTrayMl(), within(0.25 * first.water().toDripTrayMl()));
        assertThat(second.simulatedSeconds()).isCloseTo(PROGRAM.durationSeconds(), within(1e-9));
        assertThat(second.cycles().get(0).pumpOnAtSeconds()).isCloseTo(0.0, within(1e-9));
    }
}
