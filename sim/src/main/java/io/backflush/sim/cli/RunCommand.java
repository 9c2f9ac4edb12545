package io.backflush.sim.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.backflush.core.machine.Machine;
import io.backflush.core.plant.Plant;
import io.backflush.sim.program.BackflushProgram;
import io.backflush.sim.run.BackflushRun;
import io.backflush.sim.run.RunResult;
import io.backflush.sim.run.TickObserver;
import io.backflush.sim.run.TraceCsvWriter;
import io.backflush.sim.show.ShowFiles;
import io.backflush.sim.show.ShownRun;
import io.backflush.sim.show.TraceRecorder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true, description = "Runs a backflush program on a machine and reports every cycle.")
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RunOptions options;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write the trace (one row per tick) as CSV.")
    Path csv;

    @Option(names = "--csv-every", paramLabel = "N", defaultValue = "1",
            description = "Write every Nth tick to the CSV (default ${DEFAULT-VALUE}).")
    int csvEvery;

    @Option(names = "--json", description = "Print one JSON object instead of the table.")
    boolean json;

    @Option(names = "--plot", paramLabel = "DIR",
            description = "Write the run's charts as PNG and SVG (1200x700) into DIR (created if missing).")
    Path plot;

    @Option(names = "--audio", paramLabel = "FILE.wav",
            description = "Write what the run sounds like, in simulated time, as a 16-bit 44.1 kHz mono WAV.")
    Path audio;

    @Option(names = "--html", paramLabel = "DIR",
            description = "Write a self-contained HTML report (index.html, backflush.wav, charts/) into DIR.")
    Path html;

    /** Scale per site, mg, by label. */
    static java.util.Map<String, Double> scaleMg(io.backflush.core.scale.Scale scale) {
        java.util.Map<String, Double> out = new java.util.LinkedHashMap<>();
        for (io.backflush.core.scale.ScaleSite site : io.backflush.core.scale.ScaleSite.values()) {
            out.put(site.label(), scale.mg(site));
        }
        return out;
    }

    /** One line: the scale the days of use left, per site. */
    static String scaleLine(io.backflush.core.scale.Scale scale) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "scale after %.0f L heated:", scale.litresHeated()));
        for (io.backflush.core.scale.ScaleSite site : io.backflush.core.scale.ScaleSite.values()) {
            double mg = scale.mg(site);
            b.append(String.format(Locale.ROOT, " %s %s", site.label(),
                    mg >= 1000 ? String.format(Locale.ROOT, "%.1f g", mg / 1000) : String.format(Locale.ROOT, "%.2f mg", mg)));
        }
        return b.toString();
    }

    @Override
    public Integer call() throws IOException {
        if (csvEvery < 1) {
            throw new UserInputException("--csv-every must be 1 or more, got " + csvEvery);
        }
        RunOptions.Run run = options.resolve();
        Machine m = run.machine();
        BackflushProgram p = run.program();
        if (csv != null) {
            OutputPaths.checkFile("--csv", csv);
            TraceSize.warnIfLarge(spec.commandLine().getErr(), csv, p.durationSeconds(), run.dtSeconds(), csvEvery);
        }
        if (plot != null) {
            ShowOutputs.checkDirectory("--plot", plot);
        }
        if (html != null) {
            ShowOutputs.checkDirectory("--html", html);
        }
        if (audio != null) {
            ShowOutputs.checkAudio(audio, p);
        }
        RunSetup.Fouled fouled = run.fouled();
        Plant plant = fouled.plant();
        TraceRecorder recorder = plot != null || html != null || audio != null ? ShowOutputs.recorderFor(p) : null;
        RunResult result = runWithTrace(plant, p, run.dtSeconds(), run.detergentGrams(), csv, csvEvery,
                recorder == null ? List.of() : List.of(recorder));
        List<String> written = new ArrayList<>();
        if (csv != null) {
            written.add("trace: " + where(csv));
        }
        if (recorder != null) {
            ShownRun shown = ShowOutputs.shown(m, result, recorder, fouled.history());
            if (plot != null) {
                ShowOutputs.writePlots(shown, plot);
                written.add("charts: " + where(plot) + File.separator + " (PNG and SVG)");
            }
            if (audio != null) {
                ShowOutputs.writeAudio(shown, audio);
                written.add("sound: " + where(audio));
            }
            if (html != null) {
                ShowOutputs.writeReport("--html", shown, html);
                written.add("report: " + where(html.resolve(ShowFiles.REPORT_PAGE)));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            if (fouled.scale() == null) {
                out.println(jsonMapper().writeValueAsString(result));
            } else {
                com.fasterxml.jackson.databind.node.ObjectNode node = jsonMapper().valueToTree(result);
                node.set("scaleMg", jsonMapper().valueToTree(scaleMg(fouled.scale())));
                out.println(jsonMapper().writeValueAsString(node));
            }
        } else {
            RunReportFormatter.printTable(out, result);
            if (fouled.scale() != null) {
                out.println(scaleLine(fouled.scale()));
            }
            if (result.forced()) {
                RunReportFormatter.printForced(out, result);
            }
        }
        // stdout stays one JSON object with --json: then the files are listed on stderr
        PrintWriter list = json ? spec.commandLine().getErr() : out;
        if (!json && !written.isEmpty()) {
            list.println();
        }
        for (String line : written) {
            list.println(line);
        }
        list.flush();
        return 0;
    }

    /** The file's absolute path and its size, as the commands report what they wrote. */
    static String where(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        try {
            if (Files.isRegularFile(abs)) {
                return abs + " (" + ShowFiles.size(Files.size(abs)) + ")";
            }
        } catch (IOException e) {
            // the size is a courtesy
        }
        return abs.toString();
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
        try (TraceCsvWriter trace = new TraceCsvWriter(csv, every)) {
            RunResult result;
            try {
                List<TickObserver> observers = new ArrayList<>(extra);
                observers.add(trace);
                result = BackflushRun.simulate(plant, program, dt, detergentGrams, observers);
            } catch (UncheckedIOException e) {
                throw new UserInputException("--csv " + csv + ": writing the trace failed ("
                        + OutputPaths.reason(e.getCause()) + "); the partial trace was removed");
            }
            try {
                trace.commit();
            } catch (IOException e) {
                throw new UserInputException("--csv " + csv + ": writing the trace failed ("
                        + OutputPaths.reason(e) + "); the partial trace was removed");
            }
            return result;
        } catch (java.nio.file.FileSystemException e) {
            throw new UserInputException("--csv " + csv + ": cannot write " + e.getFile() + " (" + OutputPaths.reason(e) + ")");
        }
    }

    /** The JSON writer of {@code run} and {@code compare}: numbers in their shortest round-trip form ({@link io.backflush.sim.signal.Numbers}). */
    static ObjectMapper jsonMapper() {
        JsonFactory shortestNumbers = JsonFactory.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();
        return new ObjectMapper(shortestNumbers).enable(SerializationFeature.INDENT_OUTPUT);
    }
}
