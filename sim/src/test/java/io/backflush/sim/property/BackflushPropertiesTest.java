package io.backflush.sim.property;

import io.backflush.core.machine.Machine;
import io.backflush.core.plant.Plant;
import io.backflush.core.plant.StateLayout;
import io.backflush.sim.program.BackflushProgram;
import io.backflush.sim.run.CycleReport;
import io.backflush.sim.run.RunResult;
import io.backflush.sim.run.TickObserver;
import io.backflush.sim.support.Scenarios;
import io.backflush.core.support.Seeds;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Properties over random programs, presets, parameter variations and run conditions, residue and
 * plant faults included ({@link Scenarios#scenarios}; QuickTheories).
 */
class BackflushPropertiesTest {

    /** Watches the run independently of the cycle detector. */
    static final class Watcher implements TickObserver {
        double minPressureBar = Double.POSITIVE_INFINITY;
        double maxPressureBar = Double.NEGATIVE_INFINITY;
        final List<Double> pressureAtRelease = new ArrayList<>();
        final List<Double> dripAtRelease = new ArrayList<>();
        final List<Double> dripAtPumpOn = new ArrayList<>();
        boolean solenoid;
        boolean pump;
        double previousGroupBar;
        double previousDrip;
        long hash = 17;

        @Override
        public void afterStep(double start, Plant plant) {
            double p = plant.groupPressureBar();
            double node = plant.pumpPressureBar();
            minPressureBar = Math.min(minPressureBar, Math.min(p, node));
            maxPressureBar = Math.max(maxPressureBar, Math.max(p, node));
            boolean s = plant.actuators().solenoidEnergised();
            boolean on = plant.actuators().pumpDuty() > 0;
            if (solenoid && !s) {
                pressureAtRelease.add(previousGroupBar);
                dripAtRelease.add(previousDrip);
            }
            if (on && !pump) {
                dripAtPumpOn.add(previousDrip);
            }
            solenoid = s;
            pump = on;
            previousGroupBar = p;
            previousDrip = plant.state(StateLayout.TO_DRIP_TRAY_ML);
            for (int i = 0; i < StateLayout.SIZE; i++) {
                hash = 31 * hash + Double.doubleToLongBits(plant.state(i));
            }
            hash = 31 * hash + Double.doubleToLongBits(p) + Double.doubleToLongBits(node);
        }
    }

    @Test
    void pressureStaysBetweenZeroAndReliefAndEveryReleaseFromAboveOneBarWhooshesOnce() {
        Seeds.theory("pressure-and-whoosh", 40).forAll(Scenarios.scenarios(true))
                .checkAssert(scenario -> {
                    Machine machine = Machine.of(scenario.parameters());
                    BackflushProgram program = scenario.program();
                    Watcher watcher = new Watcher();
                    RunResult result = scenario.run(0.001, List.of(watcher));

                    assertThat(watcher.minPressureBar).isGreaterThanOrEqualTo(0.0);
                    assertThat(watcher.maxPressureBar).isLessThanOrEqualTo(machine.reliefPressureBar() + 0.5);

                    assertThat(result.cycles()).hasSize(program.totalCycles());
                    assertThat(watcher.pressureAtRelease).hasSize(program.totalCycles());
                    for (int i = 0; i < result.cycles().size(); i++) {
                        CycleReport c = result.cycles().get(i);
                        assertThat(c.index()).isEqualTo(i + 1);
                        double releasedFrom = watcher.pressureAtRelease.get(i);
                        assertThat(c.plateauBar()).isEqualTo(releasedFrom);
                        assertThat(c.whooshed()).as("cycle %d released from %.3f bar", i + 1, releasedFrom)
                                .isEqualTo(releasedFrom > 1.0);
                        if (c.whooshed()) {
                            double until = i + 1 < watcher.dripAtPumpOn.size()
                                    ? watcher.dripAtPumpOn.get(i + 1)
                                    : result.water().toDripTrayMl();
                            assertThat(c.whooshVolumeMl()).isCloseTo(until - watcher.dripAtRelease.get(i), within(1e-9));
                            // may be 0: a short fill can release through headspace air alone
                            assertThat(c.whooshVolumeMl()).isGreaterThanOrEqualTo(0.0);
                        }
                    }
                    double moved = Math.max(result.water().fromTankMl(), result.water().toDripTrayMl());
                    assertThat(Math.abs(result.water().balanceErrorMl())).isLessThan(1e-6 * Math.max(moved, 1.0));
                });
    }

    @Test
    void identicalInputsGiveABitIdenticalTrace() {
        Seeds.theory("determinism", 10).forAll(Scenarios.scenarios(true))
                .checkAssert(scenario -> {
                    Watcher first = new Watcher();
                    Watcher second = new Watcher();
                    RunResult a = scenario.run(0.001, List.of(first));
                    RunResult b = scenario.run(0.001, List.of(second));
                    assertThat(second.hash).isEqualTo(first.hash);
                    assertThat(b).isEqualTo(a);
                });
    }
}
