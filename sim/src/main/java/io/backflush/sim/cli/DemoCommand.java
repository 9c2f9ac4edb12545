package io.backflush.sim.cli;

import io.backflush.core.machine.Machine;
import io.backflush.core.plant.Plant;
import io.backflush.sim.program.BackflushProgram;
import io.backflush.sim.run.RunResult;
import picocli.CommandLine.Command;
import io.backflush.sim.show.ShowFiles;
import io.backflush.sim.show.TraceRecorder;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "demo", mixinStandardHelpOptions = true, description = "Cleans a single-boiler used for a week without cleaning with "
        + "detergent-5x10-rinse-5 (3 g), explains every event and writes the HTML report (charts and sound).")
final class DemoCommand implements Callable<Integer> {
    static final String MACHINE = "single-boiler";
    static final String PROGRAM = "detergent-5x10-rinse-5";
    /** The demo cleans a group used for a week (10 shots a day, medium roast) without cleaning. */
    static final int FOULED_DAYS = 7;

    /** Where the report goes unless --out says otherwise (relative to the current directory). */
    static final String DEFAULT_OUT = "backflush-demo";

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = DEFAULT_OUT,
            description = "Directory for the report: index.html, backflush.wav, charts/ (default ./${DEFAULT-VALUE}).")
    Path outDir;

    @Override
    public Integer call() throws IOException {
        Machine machine = Inputs.machine(MACHINE);
        BackflushProgram program = Inputs.program(PROGRAM);
        ShowOutputs.checkDirectory("--out", outDir);
        TraceRecorder recorder = ShowOutputs.recorderFor(program);
        Plant plant = RunSetup.plant(machine, FOULED_DAYS, 10, "medium");
        RunResult result = RunCommand.runWithTrace(plant, program, 0.001, RunSetup.detergentGrams(null, program), null, 1,
                List.of(recorder));
        ShowOutputs.writeReport("--out", ShowOutputs.shown(machine, result, recorder), outDir);
        PrintWriter out = spec.commandLine().getOut();
        RunReportFormatter.printTable(out, result);
        out.println();
        RunReportFormatter.printNarrative(out, machine, result);
        out.println();
        out.println("Report with charts and the sound of the run: "
                + outDir.toAbsolutePath().normalize().resolve(ShowFiles.REPORT_PAGE));
        return 0;
    }
}
