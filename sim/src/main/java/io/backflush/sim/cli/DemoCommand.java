package io.backflush.sim.cli;

import io.backflush.core.machine.Machine;
import io.backflush.sim.program.BackflushProgram;
import io.backflush.sim.run.RunResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "demo", description = "Runs detergent-5x10-rinse-5 on single-boiler and explains every event.")
final class DemoCommand implements Callable<Integer> {
    static final String MACHINE = "single-boiler";
    static final String PROGRAM = "detergent-5x10-rinse-5";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Machine machine = Inputs.machine(MACHINE);
        BackflushProgram program = Inputs.program(PROGRAM);
        RunResult result = RunCommand.runWithTrace(machine, program, 0.001, null, 1);
        PrintWriter out = spec.commandLine().getOut();
        RunReportFormatter.printTable(out, result);
        out.println();
        RunReportFormatter.printNarrative(out, machine, result);
        return 0;
    }
}
