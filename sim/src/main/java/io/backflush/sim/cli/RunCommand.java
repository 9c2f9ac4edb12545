package io.backflush.sim.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.backflush.core.machine.Machine;
import io.backflush.core.plant.Plant;
import io.backflush.sim.program.BackflushProgram;
import io.backflush.sim.run.BackflushRun;
import io.backflush.sim.run.RunResult;
import io.backflush.sim.run.TickObserver;
import io.backflush.sim.run.TraceCsvWriter;
import io.backflush.sim.show.ShownRun;
import io.backflush.sim.show.TraceRecorder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "run", description = "Runs a backflush program on a machine and reports every cycle.")
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--machine", required = true, paramLabel = "M",
            description = "A preset (see 'backflush machines') or a machine YAML file.")
    String machine;

    @Option(names = "--program", required = true, paramLabel = "P",
            description = "A named program (see 'backflush programs') or a program YAML file.")
    String program;

    @Option(names = "--dt", paramLabel = "SECONDS", defaultValue = "0.001",
            description = "Fixed step, s (1e-5 to 0.1; default ${DEFAULT-VALUE}).")
    double dtSeconds;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write the trace (one row per tick) as CSV.")
    Path csv;

    @Option(names = "--csv-every", paramLabel = "N", defaultValue = "1",
            description = "Write every Nth tick to the CSV (default ${DEFAULT-VALUE}).")
    int csvEvery;

    @Option(names = "--json", description = "Print one JSON object instead of the table.")
    boolean json;

    @Option(names = "--detergent", paramLabel = "GRAMS",
            description = "Detergent put in the blind basket at the start of each detergent phase, g "
                    + "(default: 3 g for programs with a detergent phase, else 0).")
    Double detergentGrams;

    @Option(names = "--fouled-days", paramLabel = "DAYS", defaultValue = "0",
            description = "Start from a machine used this many days without cleaning (default ${DEFAULT-VALUE}: clean).")
    int fouledDays;

    @Option(names = "--shots-per-day", paramLabel = "N", defaultValue = "10",
            description = "Shots a day while fouling (default ${DEFAULT-VALUE}).")
    double shotsPerDay;

    @Option(names = "--roast", paramLabel = "R", defaultValue = "medium",
            description = "Roast while fouling: light, medium or dark (default ${DEFAULT-VALUE}).")
    String roast;

    @Option(names = "--force",
            description = "Run even on a machine without a three-way valve, to see what happens instead.")
    boolean force;

    @Option(names = "--plot", paramLabel = "DIR",
            description = "Write the run's charts as PNG and SVG (1200x700) into DIR (created if missing).")
    Path plot;

    @Option(names = "--audio", paramLabel = "FILE.wav",
            description = "Write what the run sounds like, in simulated time, as a 16-bit 44.1 kHz mono WAV.")
    Path audio;

    @Option(names = "--html", paramLabel = "DIR",
            description = "Write a self-contained HTML report (index.html, backflush.wav, charts/) into DIR.")
    Path html;

    @Override
    public Integer call() throws IOException {
        validateDt(dtSeconds);
        if (csvEvery < 1) {
            throw new UserInputException("--csv-every must be 1 or more, got " + csvEvery);
        }
        Machine m = Inputs.machine(machine);
        BackflushProgram p = Inputs.program(program);
        if (!force) {
            BackflushRun.refuseUnsafe(m);
        }
        double grams = RunSetup.detergentGrams(detergentGrams, p);
        if (plot != null) {
            ShowOutputs.checkDirectory("--plot", plot);
        }
        if (html != null) {
            ShowOutputs.checkDirectory("--html", html);
        }
        if (audio != null) {
            ShowOutputs.checkAudio(audio, p);
        }
        Plant plant = RunSetup.plant(m, fouledDays, shotsPerDay, roast);
        TraceRecorder recorder = plot != null || html != null || audio != null ? ShowOutputs.recorderFor(p) : null;
        RunResult result = runWithTrace(plant, p, dtSeconds, grams, csv, csvEvery,
                recorder == null ? List.of() : List.of(recorder));
        if (recorder != null) {
            ShownRun shown = ShowOutputs.shown(m, result, recorder);
            if (plot != null) {
                ShowOutputs.writePlots(shown, plot);
            }
            if (audio != null) {
                ShowOutputs.writeAudio(shown, audio);
            }
            if (html != null) {
                ShowOutputs.writeReport("--html", shown, html);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(jsonMapper().writeValueAsString(result));
        } else {
            RunReportFormatter.printTable(out, result);
            if (result.forced()) {
                RunReportFormatter.printForced(out, result);
            }
        }
        return 0;
    }

    static void validateDt(double dt) {
        if (!(dt >= 1.0e-5 && dt <= 0.1)) {
            throw new UserInputException("--dt must be between 1e-5 and 0.1 seconds, got " + dt);
        }
    }

    /** Runs the program on the plant, with the CSV trace if asked and extra observers (the show recorder). */
    static RunResult runWithTrace(Plant plant, BackflushProgram program, double dt, double detergentGrams, Path csv,
                                  int every, List<? extends TickObserver> extra) throws IOException {
        if (csv == null) {
            return BackflushRun.simulate(plant, program, dt, detergentGrams, extra);
        }
        Path parent = csv.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new UserInputException("--csv " + csv + ": directory " + parent + " does not exist");
        }
        if (Files.isDirectory(csv)) {
            throw new UserInputException("--csv " + csv + " is a directory");
        }
        try (TraceCsvWriter trace = new TraceCsvWriter(csv, every)) {
            RunResult result;
            try {
                List<TickObserver> observers = new ArrayList<>(extra);
                observers.add(trace);
                result = BackflushRun.simulate(plant, program, dt, detergentGrams, observers);
            } catch (UncheckedIOException e) {
                throw new UserInputException("--csv " + csv + ": " + e.getCause().getMessage());
            }
            trace.commit();
            return result;
        } catch (java.nio.file.AccessDeniedException e) {
            throw new UserInputException("--csv " + csv + ": permission denied");
        }
    }

    static ObjectMapper jsonMapper() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }
}
