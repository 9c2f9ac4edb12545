package io.backflush.sim.cli;

import io.backflush.core.machine.Machine;
import io.backflush.sim.program.BackflushProgram;
import io.backflush.sim.run.BackflushRun;
import io.backflush.sim.run.RunResult;
import io.backflush.sim.run.TickObserver;
import io.backflush.sim.show.ShowFiles;
import io.backflush.sim.show.TraceRecorder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "report", description = "Runs a backflush program and writes a self-contained HTML report "
        + "(charts, sound and plain-word explanations) into a directory.")
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--machine", required = true, paramLabel = "M",
            description = "A preset (see 'backflush machines') or a machine YAML file.")
    String machine;

    @Option(names = "--program", required = true, paramLabel = "P",
            description = "A named program (see 'backflush programs') or a program YAML file.")
    String program;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Directory for index.html, backflush.wav and charts/ (created if missing).")
    Path out;

    @Option(names = "--dt", paramLabel = "SECONDS", defaultValue = "0.001",
            description = "Fixed step, s (1e-5 to 0.1; default ${DEFAULT-VALUE}).")
    double dtSeconds;

    @Override
    public Integer call() throws IOException {
        RunCommand.validateDt(dtSeconds);
        Machine m = Inputs.machine(machine);
        BackflushProgram p = Inputs.program(program);
        BackflushRun.refuseUnsafe(m);
        ShowOutputs.checkDirectory("--out", out);
        TraceRecorder recorder = ShowOutputs.recorderFor(p);
        RunResult result = BackflushRun.run(m, p, dtSeconds, List.<TickObserver>of(recorder));
        ShowOutputs.writeReport("--out", ShowOutputs.shown(m, result, recorder), out);
        spec.commandLine().getOut().println("report: " + out.resolve(ShowFiles.REPORT_PAGE));
        return 0;
    }
}
