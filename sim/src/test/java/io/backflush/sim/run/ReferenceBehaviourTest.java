package io.backflush.sim.run;

import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.MachineParameters;
import io.backflush.core.machine.Presets;
import io.backflush.core.plant.Plant;
import io.backflush.sim.program.BackflushProgram;
import io.backflush.sim.program.Phase;
import io.backflush.sim.program.PhaseKind;
import io.backflush.sim.program.Programs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The reference behaviours of issue 2, on every preset they apply to. */
class ReferenceBehaviourTest {
    private static final BackflushProgram WATER = Programs.find("water-5x10").orElseThrow();

    static Stream<String> threeWayPresets() {
        return Presets.all().values().stream().filter(MachineParameters::hasThreeWayValve).map(MachineParameters::name);
    }

    static Stream<String> allPresets() {
        return Presets.all().keySet().stream();
    }

    private static Machine preset(String name) {
        return Machine.of(Presets.find(name).orElseThrow());
    }

    private static double reliefSetting(MachineParameters p) {
        if (p.overPressureValve() != null) {
            return p.overPressureValve().crackingPressureBar();
        }
        if (p.pump() instanceof io.backflush.core.hydraulics.RotaryPumpParameters r) {
            return r.bypassPressureBar();
        }
        return Double.NaN;
    }

    @ParameterizedTest
    @MethodSource("threeWayPresets")
    void blindBasketPlateauEqualsTheReliefSetting(String name) {
        Machine machine = preset(name);
        RunResult result = BackflushRun.run(machine, WATER, 0.001, List.of());
        assertThat(result.cycles()).hasSize(5);
        for (CycleReport c : result.cycles()) {
            assertThat(c.plateauBar()).as("cycle %d plateau", c.index())
                    .isCloseTo(reliefSetting(machine.parameters()), within(0.3));
        }
    }

    @Test
    void withoutAnOpvThePlateauIsThePumpsStallPressure() {
        Machine machine = Machine.of(Presets.singleBoiler().withOverPressureValve(null));
        double stall = machine.pump().zeroFlowPressureBar();
        assertThat(stall).isCloseTo(15.0, within(0.1));
        RunResult result = BackflushRun.run(machine, WATER, 0.001, List.of());
        for (CycleReport c : result.cycles()) {
            assertThat(c.plateauBar()).isCloseTo(stall, within(0.3));
        }
        RunResult trapped = BackflushRun.simulate(preset("no-3way"), WATER, 0.001, List.of());
        assertThat(trapped.cycles().get(0).plateauBar()).isCloseTo(stall, within(0.3));
    }

    @ParameterizedTest
    @MethodSource("allPresets")
    void firstCycleFromADryBasketGoesQuietWithin2To20Seconds(String name) {
        RunResult result = BackflushRun.simulate(preset(name), WATER, 0.001, List.of());
        assertThat(result.cycles().get(0).quietAfterSeconds()).isBetween(2.0, 20.0);
    }

    @ParameterizedTest
    @MethodSource("threeWayPresets")
    void laterCyclesGoQuietSoonerThanTheFirst(String name) {
        RunResult result = BackflushRun.run(preset(name), WATER, 0.001, List.of());
        double first = result.cycles().get(0).quietAfterSeconds();
        for (CycleReport c : result.cycles().subList(1, result.cycles().size())) {
            assertThat(c.quietAfterSeconds()).as("cycle %d", c.index()).isLessThan(first);
        }
    }

    @ParameterizedTest
    @MethodSource("threeWayPresets")
    void aCleanValveReleasesBelowHalfABarWithinOneSecond(String name) {
        RunResult result = BackflushRun.run(preset(name), WATER, 0.001, List.of());
        for (CycleReport c : result.cycles()) {
            assertThat(c.whooshDecaySeconds()).as("cycle %d", c.index()).isNotNull().isLessThan(1.0);
            assertThat(c.whooshVolumeMl()).isGreaterThan(5.0);
            assertThat(c.whooshPeakFlowMlPerS()).isGreaterThan(10.0);
        }
    }

    @ParameterizedTest
    @MethodSource("threeWayPresets")
    void aTypicalPuckAtAbout9BarTakes1point5To2point5MlPerSecond(String name) {
        Plant plant = new Plant(preset(name), BasketParameters.Puck.typical());
        plant.actuators().pumpDuty(1).solenoidEnergised(true).heaterDuty(0);
        for (int i = 0; i < 30_000; i++) {
            plant.step(0.001);
        }
        assertThat(plant.groupPressureBar()).isBetween(8.0, 10.5);
        assertThat(plant.cupFlowMlPerS()).isBetween(1.5, 2.5);
        // the cup flow obeys P = R·Q² with the puck's resistance
        assertThat(plant.groupPressureBar())
                .isCloseTo(2.25 * plant.cupFlowMlPerS() * plant.cupFlowMlPerS(), within(0.01));
    }

    @ParameterizedTest
    @MethodSource("allPresets")
    void everyMillilitreIsAccountedFor(String name) {
        BackflushProgram program = new BackflushProgram("mixed", List.of(
                new Phase(PhaseKind.DETERGENT, 3, 7.5, 4.25), new Phase(PhaseKind.RINSE, 2, 12, 9)));
        RunResult result = BackflushRun.simulate(preset(name), program, 0.001, List.of());
        WaterReport w = result.water();
        double moved = Math.max(w.fromTankMl(), w.returnedToTankMl() + w.toDripTrayMl() + w.toCupMl());
        assertThat(moved).isGreaterThan(20.0);
        assertThat(Math.abs(w.balanceErrorMl())).isLessThan(1.0e-6 * moved);
        assertThat(w.fromTankMl() - w.returnedToTankMl() - w.toDripTrayMl() - w.toCupMl() - w.heldInMachineDeltaMl())
                .isCloseTo(w.balanceErrorMl(), within(1e-9));
    }
}
