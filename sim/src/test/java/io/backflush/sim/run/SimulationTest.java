package io.backflush.sim.run;

import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.Presets;
import io.backflush.core.param.InvalidParameterException;
import io.backflush.core.plant.Plant;
import io.backflush.core.plant.StateLayout;
import io.backflush.sim.control.Controller;
import io.backflush.sim.program.PhaseKind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The executive's contract ({@link Simulation}): the dt range, whole ticks, the order within a
 * tick (sensors, controller, step, observers in the order added), and the adaptive advance (dtMin
 * after a change of command, growth by at most 2 per step up to dtMax, the end met exactly, the stop
 * and the next-event cap honoured). And {@link ProgramPhases#emptiesBasketBetween}.
 */
class SimulationTest {

    private static Plant plant() {
        return new Plant(Machine.of(Presets.all().get("single-boiler")), BasketParameters.blind());
    }

    @Test
    void dtOutsideOneHundredthOfAMillisecondToATenthOfASecondIsRefused() {
        for (double dt : new double[] {1.0e-5, 0.001, 0.1}) {
            assertThat(new Simulation(plant(), (s, a) -> { }, dt).dtSeconds()).isEqualTo(dt);
        }
        for (double dt : new double[] {0.99e-5, 0.1000001, 0.0, -0.001, Double.NaN}) {
            assertThatThrownBy(() -> new Simulation(plant(), (s, a) -> { }, dt))
                    .as("dt %s", dt).isInstanceOf(InvalidParameterException.class).hasMessageContaining("dtSeconds");
        }
    }

    /**
     * Each tick: the controller reads the sensors at the tick's start and writes the commands the
     * step then applies; every observer sees the step's start time and the plant after it, in the
     * order added.
     */
    @Test
    void aTickReadsSensorsAsksTheControllerStepsThenShowsTheObserversInOrder() {
        Plant plant = plant();
        List<String> log = new ArrayList<>();
        Controller controller = (sensors, actuators) -> {
            log.add("controller " + sensors.timeSeconds());
            actuators.solenoidEnergised(true).pumpDuty(1.0);
        };
        Simulation simulation = new Simulation(plant, controller, 0.01)
                .observe((start, p) -> log.add("first " + start + " " + (p.timeSeconds() - start > 0.009)))
                .observe((start, p) -> log.add("second " + p.actuators().pumpDuty()));
        simulation.tick();
        simulation.tick();
        assertThat(log).containsExactly("controller 0.0", "first 0.0 true", "second 1.0",
                "controller 0.01", "first 0.01 true", "second 1.0");
        assertThat(simulation.ticks()).isEqualTo(2);
        assertThat(simulation.plant()).isSameAs(plant);
    }

    @Test
    void runUntilRunsWholeTicksAndNeverGoesBack() {
        Plant plant = plant();
        Simulation simulation = new Simulation(plant, (s, a) -> { }, 0.004);
        simulation.runUntil(1.0);
        assertThat(simulation.ticks()).isEqualTo(250);
        assertThat(plant.timeSeconds()).isCloseTo(1.0, within(1e-12));
        simulation.runUntil(1.0053); // rounds to 251 ticks
        assertThat(simulation.ticks()).isEqualTo(251);
        simulation.runUntil(0.5);
        assertThat(simulation.ticks()).isEqualTo(251);
    }

    /** The step sizes an adaptive advance takes, with the commands the controller gave before each. */
    private static List<double[]> adaptiveSteps(Controller controller, double end, double dtMin, double dtMax,
                                                double pressureStepBar, double cap) {
        Plant plant = plant();
        List<double[]> steps = new ArrayList<>();
        Simulation simulation = new Simulation(plant, controller, dtMin)
                .observe((start, p) -> steps.add(new double[] {start, p.timeSeconds() - start, p.actuators().pumpDuty()}));
        simulation.advanceAdaptive(end, dtMin, dtMax, pressureStepBar, () -> false, () -> cap);
        assertThat(plant.timeSeconds()).isCloseTo(end, within(1e-9));
        assertThat(simulation.ticks()).isEqualTo(steps.size());
        return steps;
    }

    @Test
    void anAdaptiveAdvanceStartsSmallAfterEveryChangeGrowsAtMostTwofoldAndEndsExactly() {
        // pump and valve on for 3 s, the duty alone down to 0.7 at 1.5 s, then both off: three changes
        Controller controller = (s, a) -> a.solenoidEnergised(s.timeSeconds() < 3.0)
                .pumpDuty(s.timeSeconds() < 1.5 ? 1 : s.timeSeconds() < 3.0 ? 0.7 : 0);
        double dtMin = 0.001;
        double dtMax = 0.05;
        List<double[]> steps = adaptiveSteps(controller, 6.0, dtMin, dtMax, 0.02, Double.POSITIVE_INFINITY);
        assertThat(steps.get(0)[1]).isCloseTo(dtMin, within(1e-12));
        double largest = 0;
        for (int i = 1; i < steps.size(); i++) {
            double dt = steps.get(i)[1];
            largest = Math.max(largest, dt);
            boolean last = i == steps.size() - 1;
            if (!last) {
                assertThat(dt).as("step %d", i).isBetween(dtMin - 1e-12, dtMax + 1e-12);
            }
            if (steps.get(i)[2] != steps.get(i - 1)[2]) {
                assertThat(dt).as("first step after the change at %.4f s", steps.get(i)[0]).isCloseTo(dtMin, within(1e-12));
            } else if (!last) {
                assertThat(dt).as("step %d", i).isLessThanOrEqualTo(2.0 * steps.get(i - 1)[1] + 1e-12);
            }
        }
        // a quiet plant (the released group after 3 s) reaches dtMax
        assertThat(largest).isCloseTo(dtMax, within(1e-12));
        assertThat(steps.size()).isLessThan((int) (6.0 / dtMin) / 4);
    }

    @Test
    void anAdaptiveAdvanceHonoursTheNextEventCapAndStopsWhenAsked() {
        List<double[]> capped = adaptiveSteps((s, a) -> a.safeState(), 1.0, 0.001, 0.1, 0.02, 0.007);
        for (int i = 0; i < capped.size() - 1; i++) {
            assertThat(capped.get(i)[1]).as("step %d", i).isLessThanOrEqualTo(0.007 + 1e-12);
        }
        // a cap below dtMin does not shrink the step under dtMin
        List<double[]> tiny = adaptiveSteps((s, a) -> a.safeState(), 0.1, 0.002, 0.1, 0.02, 1.0e-6);
        assertThat(tiny).hasSize(50);

        Plant plant = plant();
        Simulation simulation = new Simulation(plant, (s, a) -> a.safeState(), 0.001);
        simulation.advanceAdaptive(10.0, 0.001, 0.01, 0.02, () -> plant.timeSeconds() >= 0.5);
        assertThat(plant.timeSeconds()).isBetween(0.5, 0.51 + 1e-9);

        Plant whole = plant();
        new Simulation(whole, (s, a) -> a.safeState(), 0.001).advanceAdaptive(2.0, 0.001, 0.01, 0.02);
        assertThat(whole.timeSeconds()).isCloseTo(2.0, within(1e-9));
    }

    /**
     * With a curvature bound (a blind-basket cycle: the pump fills the group for 10 s, then the
     * solenoid releases it for 10 s): the step still starts at dtMin after each change, grows at
     * most twofold up to dtMax; it takes far fewer steps than the change-only rule where the
     * pressure moves steadily, yet the cycle's plateau, its water and the group's release agree
     * with 1 ms steps (without the bound, 31 steps leave 7 % less in the drip tray).
     */
    @Test
    void aCurvatureBoundTakesLongStepsWhereThePressureMovesSteadilyAndAgreesWithMillisecondSteps() {
        Controller controller = (s, a) -> a.solenoidEnergised(s.timeSeconds() < 10.0)
                .pumpDuty(s.timeSeconds() < 10.0 ? 1 : 0);
        // the change bounds loose (5 bar): the curvature bound alone holds the release's discharge
        AdaptiveSteps bounded = new AdaptiveSteps(0.001, 2.0, 5.0, 5.0, 0.02);
        List<double[]> steps = new ArrayList<>();
        Plant plant = plant();
        double[] plateau = {Double.NaN};
        new Simulation(plant, controller, 0.001).observe((start, p) -> {
            steps.add(new double[] {start, p.timeSeconds() - start, p.actuators().pumpDuty()});
            if (start < 9.5 && p.timeSeconds() >= 9.5) {
                plateau[0] = p.groupPressureBar();
            }
        }).advanceAdaptive(20.0, bounded, () -> false, () -> Double.POSITIVE_INFINITY);
        assertThat(plant.timeSeconds()).isCloseTo(20.0, within(1e-9));
        for (int i = 1; i < steps.size() - 1; i++) {
            double dt = steps.get(i)[1];
            assertThat(dt).as("step %d", i).isBetween(0.001 - 1e-12, 2.0 + 1e-12);
            if (steps.get(i)[2] != steps.get(i - 1)[2]) {
                assertThat(dt).as("first step after the change").isCloseTo(0.001, within(1e-12));
            } else {
                assertThat(dt).as("step %d", i).isLessThanOrEqualTo(2.0 * steps.get(i - 1)[1] + 1e-12);
            }
        }
        List<double[]> changeOnly = adaptiveSteps(controller, 20.0, 0.001, 0.5, 0.1, Double.POSITIVE_INFINITY);
        assertThat(steps.size()).as("steps with the bound, against %d change-only", changeOnly.size())
                .isLessThan(changeOnly.size() * 4 / 5);

        Plant fine = plant();
        Simulation reference = new Simulation(fine, controller, 0.001);
        reference.runUntil(9.5);
        double finePlateau = fine.groupPressureBar();
        reference.runUntil(20.0);
        assertThat(plateau[0]).isCloseTo(finePlateau, within(0.05));
        // the water heated (drawn from the tank less what the OPV returned to it) and where it went;
        // not the draw and the return apart: the OPV's recirculation as the line crosses its
        // cracking pressure in a long step moves both alike (by 2.6 % and 8 % here, 0.06 % net)
        double heated = plant.state(StateLayout.FROM_TANK_ML) - plant.state(StateLayout.RETURNED_TO_TANK_ML);
        double fineHeated = fine.state(StateLayout.FROM_TANK_ML) - fine.state(StateLayout.RETURNED_TO_TANK_ML);
        assertThat(heated).isCloseTo(fineHeated, within(0.005 * fineHeated));
        double out = plant.state(StateLayout.TO_DRIP_TRAY_ML) + plant.groupWaterMl();
        double fineOut = fine.state(StateLayout.TO_DRIP_TRAY_ML) + fine.groupWaterMl();
        assertThat(out).isCloseTo(fineOut, within(0.005 * fineOut));
        assertThat(plant.state(StateLayout.TO_DRIP_TRAY_ML)).isCloseTo(fine.state(StateLayout.TO_DRIP_TRAY_ML),
                within(0.02 * fine.state(StateLayout.TO_DRIP_TRAY_ML)));
    }

    @Test
    void aCurvatureBoundMustBePositiveAndMayBeInfinite() {
        assertThat(new AdaptiveSteps(0.001, 0.5, 0.1, 0.1, Double.POSITIVE_INFINITY).boundsCurvature()).isFalse();
        assertThat(new AdaptiveSteps(0.001, 0.5, 0.1, 0.1, 0.02).boundsCurvature()).isTrue();
        for (double bad : new double[] {0.0, -1.0, Double.NaN}) {
            assertThatThrownBy(() -> new AdaptiveSteps(0.001, 0.5, 0.1, 0.1, bad)).as("bound %s", bad)
                    .isInstanceOf(InvalidParameterException.class).hasMessageContaining("pressureErrorBar");
        }
        assertThatThrownBy(() -> new AdaptiveSteps(0.001, 2.5, 0.1, 0.1, 1.0))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("dtMaxSeconds");
    }

    @Test
    void theBasketIsEmptiedOnlyAfterADetergentPhaseBeforeAnotherKind() {
        for (PhaseKind before : PhaseKind.values()) {
            for (PhaseKind after : PhaseKind.values()) {
                assertThat(ProgramPhases.emptiesBasketBetween(before, after)).as("%s then %s", before, after)
                        .isEqualTo(before == PhaseKind.DETERGENT && after != PhaseKind.DETERGENT);
            }
        }
    }
}
