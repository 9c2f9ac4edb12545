package io.backflush.sim.support;

import io.backflush.core.plant.Plant;
import io.backflush.sim.control.BackflushController;
import io.backflush.sim.control.BoilerThermostat;
import io.backflush.sim.program.BackflushProgram;
import io.backflush.sim.program.Phase;
import io.backflush.sim.program.PhaseKind;
import io.backflush.sim.run.CycleDetector;
import io.backflush.sim.run.CycleReport;
import io.backflush.sim.run.Simulation;
import io.backflush.sim.run.TickObserver;

import java.util.List;

/** Runs backflush cycles (10 s on, 10 s release, 1 ms steps) on a plant as it stands. */
public final class Cycles {
    private Cycles() {
    }

    public static List<CycleReport> cycles(Plant plant, PhaseKind kind, int n, TickObserver observer) {
        BackflushProgram program = new BackflushProgram("test", List.of(new Phase(kind, n, 10, 10)));
        BackflushController controller = new BackflushController(program, new BoilerThermostat(93, 1), plant.timeSeconds());
        CycleDetector detector = new CycleDetector(plant, t -> kind.label());
        Simulation simulation = new Simulation(plant, controller, 0.001).observe(detector);
        if (observer != null) {
            simulation.observe(observer);
        }
        simulation.runUntil(program.durationSeconds());
        detector.finish(plant);
        return detector.cycles();
    }
}
