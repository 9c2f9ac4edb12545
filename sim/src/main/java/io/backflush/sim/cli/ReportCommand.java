package io.backflush.sim.cli;

import io.backflush.core.machine.Machine;
import io.backflush.sim.program.BackflushProgram;
import io.backflush.sim.run.BackflushRun;
import io.backflush.sim.run.RunResult;
import io.backflush.sim.run.TickObserver;
import io.backflush.sim.show.ShowFiles;
import io.backflush.sim.show.TraceRecorder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "report", mixinStandardHelpOptions = true, description = "Runs a backflush program and writes a self-contained HTML report "
        + "(charts, sound and plain-word explanations) into a directory.")
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RunOptions options;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Directory for index.html, backflush.wav and charts/ (created if missing).")
    Path out;

    @Override
    public Integer call() throws IOException {
        RunOptions.Run run = options.resolve();
        Machine m = run.machine();
        BackflushProgram p = run.program();
        ShowOutputs.checkDirectory("--out", out);
        TraceRecorder recorder = ShowOutputs.recorderFor(p);
        RunSetup.Fouled fouled = run.fouled();
        RunResult result = BackflushRun.simulate(fouled.plant(), p, run.dtSeconds(), run.detergentGrams(),
                List.<TickObserver>of(recorder));
        ShowOutputs.writeReport("--out", ShowOutputs.shown(m, result, recorder, fouled.history()), out);
        spec.commandLine().getOut().println("report: " + out.resolve(ShowFiles.REPORT_PAGE));
        return 0;
    }
}
