package io.backflush.sim.property;

import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.machine.Machine;
import io.backflush.core.plant.ActuatorSchedule;
import io.backflush.core.plant.ReferenceCycle;
import io.backflush.core.plant.ReferenceIntegrator;
import io.backflush.core.plant.ReferenceResult;
import io.backflush.sim.program.BackflushProgram;
import io.backflush.sim.program.Phase;
import io.backflush.sim.run.BackflushRun;
import io.backflush.sim.run.CycleReport;
import io.backflush.sim.run.RunResult;
import io.backflush.sim.support.Scenarios;
import io.backflush.core.support.Seeds;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The product's fixed-step run (plant, controller, executive and cycle detector, as
 * {@code backflush run} does it) against the Commons Math reference on the same equations, over
 * random programs, presets and parameter variations: plateau within 0.05 bar, quiet time and
 * whoosh volume within 2 %; and halving dt changes them by less than the same tolerances.
 */
class ReferenceAgreementPropertiesTest {

    static ActuatorSchedule schedule(BackflushProgram program) {
        List<ActuatorSchedule.Command> commands = new ArrayList<>();
        double t = 0;
        for (Phase phase : program.phases()) {
            for (int i = 0; i < phase.cycles(); i++) {
                commands.add(new ActuatorSchedule.Command(t, 1.0, true, 0.0));
                commands.add(new ActuatorSchedule.Command(t + phase.pumpOnSeconds(), 0.0, false, 0.0));
                t += phase.pumpOnSeconds() + phase.releaseSeconds();
            }
        }
        return new ActuatorSchedule(commands);
    }

    /** Compares one cycle's metrics; times resolve to about one step, hence the 2 ms floor. */
    static void agree(String what, double quietA, double quietB, double plateauA, double plateauB, double volumeA,
                      double volumeB, double pumpOnSeconds) {
        assertThat(plateauA).as(what + " plateau").isCloseTo(plateauB, org.assertj.core.api.Assertions.within(0.05));
        boolean hasA = quietA == quietA;
        boolean hasB = quietB == quietB;
        if (hasA && hasB) {
            assertThat(quietA).as(what + " quiet").isCloseTo(quietB,
                    org.assertj.core.api.Assertions.within(Math.max(0.02 * quietB, 0.002)));
        } else if (hasA != hasB) {
            // the pump went quiet just before it stopped in one and not the other
            double quiet = hasA ? quietA : quietB;
            assertThat(quiet).as(what + " quiet in one only").isGreaterThan(0.98 * pumpOnSeconds - 0.002);
        }
        boolean whooshA = volumeA == volumeA;
        boolean whooshB = volumeB == volumeB;
        assertThat(whooshA).as(what + " whoosh in both or neither").isEqualTo(whooshB);
        if (whooshA) {
            assertThat(volumeA).as(what + " whoosh volume").isCloseTo(volumeB,
                    org.assertj.core.api.Assertions.within(Math.max(0.02 * Math.abs(volumeB), 0.05)));
        }
    }

    /**
     * The same timings as water phases: a detergent phase followed by a rinse empties the basket
     * in between (a barista's step the reference does not model), so the comparison runs water.
     */
    static BackflushProgram water(BackflushProgram program) {
        List<Phase> phases = new ArrayList<>();
        for (Phase p : program.phases()) {
            phases.add(new Phase(io.backflush.sim.program.PhaseKind.WATER, p.cycles(), p.pumpOnSeconds(), p.releaseSeconds()));
        }
        return new BackflushProgram(program.name(), phases);
    }

    static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }

    static List<Double> onTimes(BackflushProgram program) {
        List<Double> on = new ArrayList<>();
        for (Phase phase : program.phases()) {
            for (int i = 0; i < phase.cycles(); i++) {
                on.add(phase.pumpOnSeconds());
            }
        }
        return on;
    }

    @Test
    void theFixedStepperAgreesWithTheCommonsMathReference() {
        Seeds.theory("fixed-vs-reference", 8).forAll(Scenarios.machines(), Scenarios.programs())
                .checkAssert((parameters, generated) -> {
                    BackflushProgram program = water(generated);
                    Machine machine = Machine.of(parameters);
                    RunResult fixed = BackflushRun.run(machine, program, 0.001, List.of());
                    ReferenceResult reference = new ReferenceIntegrator(machine, BasketParameters.blind())
                            .run(schedule(program), program.durationSeconds());
                    List<Double> on = onTimes(program);
                    assertThat(fixed.cycles()).hasSize(reference.cycles().size());
                    for (int i = 0; i < fixed.cycles().size(); i++) {
                        CycleReport f = fixed.cycles().get(i);
                        ReferenceCycle r = reference.cycles().get(i);
                        agree("cycle " + (i + 1), orNaN(f.quietAfterSeconds()), r.quietAfterSeconds(),
                                f.plateauBar(), r.plateauBar(), orNaN(f.whooshVolumeMl()), r.whooshVolumeMl(), on.get(i));
                    }
                });
    }

    @Test
    void halvingTheStepChangesTheMetricsByLessThanTheTolerances() {
        Seeds.theory("halving-dt", 8).forAll(Scenarios.machines(), Scenarios.programs())
                .checkAssert((parameters, program) -> {
                    Machine machine = Machine.of(parameters);
                    RunResult coarse = BackflushRun.run(machine, program, 0.001, List.of());
                    RunResult fine = BackflushRun.run(machine, program, 0.0005, List.of());
                    List<Double> on = onTimes(program);
                    for (int i = 0; i < coarse.cycles().size(); i++) {
                        CycleReport c = coarse.cycles().get(i);
                        CycleReport f = fine.cycles().get(i);
                        agree("cycle " + (i + 1), orNaN(c.quietAfterSeconds()), orNaN(f.quietAfterSeconds()),
                                c.plateauBar(), f.plateauBar(), orNaN(c.whooshVolumeMl()), orNaN(f.whooshVolumeMl()), on.get(i));
                    }
                });
    }
}
