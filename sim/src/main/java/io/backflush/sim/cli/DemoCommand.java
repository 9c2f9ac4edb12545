package io.backflush.sim.cli;

import io.backflush.core.machine.Machine;
import io.backflush.core.plant.Plant;
import io.backflush.sim.program.BackflushProgram;
import io.backflush.sim.run.RunResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "demo", description = "Cleans a single-boiler used for a week without cleaning with "
        + "detergent-5x10-rinse-5 (3 g) and explains every event.")
final class DemoCommand implements Callable<Integer> {
    static final String MACHINE = "single-boiler";
    static final String PROGRAM = "detergent-5x10-rinse-5";
    /** The demo cleans a group used for a week (10 shots a day, medium roast) without cleaning. */
    static final int FOULED_DAYS = 7;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Machine machine = Inputs.machine(MACHINE);
        BackflushProgram program = Inputs.program(PROGRAM);
        Plant plant = RunSetup.plant(machine, FOULED_DAYS, 10, "medium");
        RunResult result = RunCommand.runWithTrace(plant, program, 0.001, RunSetup.detergentGrams(null, program), null, 1);
        PrintWriter out = spec.commandLine().getOut();
        RunReportFormatter.printTable(out, result);
        out.println();
        RunReportFormatter.printNarrative(out, machine, result);
        return 0;
    }
}
