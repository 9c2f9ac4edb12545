package io.backflush.sim.show;

import io.backflush.core.cleaning.Site;
import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.MachineFiles;
import io.backflush.core.plant.InitialConditions;
import io.backflush.core.plant.Plant;
import io.backflush.core.plant.WaterBalance;
import io.backflush.sim.control.BackflushController;
import io.backflush.sim.control.BoilerThermostat;
import io.backflush.sim.program.BackflushProgram;
import io.backflush.sim.program.Programs;
import io.backflush.sim.run.BackflushRun;
import io.backflush.sim.run.CycleDetector;
import io.backflush.sim.run.RunResult;
import io.backflush.sim.run.Simulation;
import io.backflush.sim.run.TickObserver;
import io.backflush.sim.run.WaterReport;

import java.util.List;

/** The runs the show tests draw: the demo's, and a used machine with residue and a detergent dose. */
final class ShowRuns {
    private static ShownRun demo;
    private static ShownRun dirty;

    private ShowRuns() {
    }

    static Machine singleBoiler() {
        return MachineFiles.resolve("single-boiler");
    }

    static BackflushProgram demoProgram() {
        return Programs.find("detergent-5x10-rinse-5").orElseThrow();
    }

    /** detergent-5x10-rinse-5 on single-boiler at 1 ms, as the demo runs it (clean machine, no detergent). */
    static synchronized ShownRun demo() {
        if (demo == null) {
            TraceRecorder recorder = new TraceRecorder();
            RunResult result = BackflushRun.run(singleBoiler(), demoProgram(), 0.001, List.<TickObserver>of(recorder));
            demo = new ShownRun(singleBoiler(), result, recorder.trace());
        }
        return demo;
    }

    /** The same program on a used machine: residue at every site and 3 g of detergent in the basket. */
    static synchronized ShownRun dirty() {
        if (dirty == null) {
            Machine machine = singleBoiler();
            BackflushProgram program = demoProgram();
            InitialConditions initial = InitialConditions.hotAndDry();
            Plant plant = new Plant(machine, BasketParameters.blind(), initial);
            plant.cleaning().setResidue(Site.SCREEN, 40, 20);
            plant.cleaning().setResidue(Site.PASSAGE, 25, 10);
            plant.cleaning().setResidue(Site.VALVE, 15, 5);
            TraceRecorder recorder = new TraceRecorder();
            RunResult result = BackflushRun.simulate(plant, program, 0.001, 3.0, List.<TickObserver>of(recorder));
            dirty = new ShownRun(machine, result, recorder.trace());
        }
        return dirty;
    }
}
