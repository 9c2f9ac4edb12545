package io.backflush.sim.cli;

import io.backflush.core.machine.Machine;
import io.backflush.sim.program.BackflushProgram;
import io.backflush.sim.run.RunResult;
import io.backflush.sim.show.ShowFiles;
import io.backflush.sim.show.ShownRun;
import io.backflush.sim.show.TraceRecorder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The pictures, sound and report of a run for {@code run --plot/--audio/--html}, {@code report}
 * and {@code demo}: checks the destinations before the run (so bad paths fail fast, exit 2, with
 * nothing written) and writes the files after it, all or none.
 */
final class ShowOutputs {
    private ShowOutputs() {
    }

    /** A recorder sampling every 10 ms, or coarser for very long programs (at most ~100 000 samples). */
    static TraceRecorder recorderFor(BackflushProgram program) {
        return new TraceRecorder(Math.max(TraceRecorder.DEFAULT_INTERVAL_SECONDS, program.durationSeconds() / 100_000));
    }

    static void checkDirectory(String flag, Path dir) {
        OutputPaths.checkDirectory(flag, dir);
    }

    static void checkAudio(Path file, BackflushProgram program) {
        OutputPaths.checkFile("--audio", file);
        if (program.durationSeconds() > ShowFiles.MAX_AUDIO_SECONDS) {
            throw new UserInputException(String.format(Locale.ROOT, "--audio: the program runs %.0f s; sound is "
                    + "rendered for runs up to %.0f s", program.durationSeconds(), ShowFiles.MAX_AUDIO_SECONDS));
        }
    }

    static void writePlots(ShownRun run, Path dir) {
        write("--plot " + dir, ShowFiles.plots(run, dir));
    }

    static void writeAudio(ShownRun run, Path file) {
        write("--audio " + file, Map.of(file, ShowFiles.audio(run)));
    }

    static void writeReport(String flag, ShownRun run, Path dir) {
        write(flag + " " + dir, ShowFiles.report(run, dir));
    }

    static void writeComparePlots(io.backflush.sim.usage.ComparisonResult c, Path dir) {
        write("--plot " + dir, ShowFiles.comparePlots(c, dir));
    }

    static void writeCompareReport(io.backflush.sim.usage.ComparisonResult c, Path dir) {
        write("--html " + dir, ShowFiles.compareReport(c, dir));
    }

    /** One small file, written all or none. */
    static void writeFile(String flag, Path file, byte[] content) {
        write(flag + " " + file, Map.of(file, content));
    }

    /** Several small files named after one flag's value, written all or none. */
    static void writeFiles(String flag, Path named, Map<Path, byte[]> files) {
        write(flag + " " + named, new java.util.LinkedHashMap<>(files));
    }

    static ShownRun shown(Machine machine, RunResult result, TraceRecorder recorder) {
        return shown(machine, result, recorder, null);
    }

    /** As {@link #shown(Machine, RunResult, TraceRecorder)}, with the scale of the days before the run (or null). */
    static ShownRun shown(Machine machine, RunResult result, TraceRecorder recorder,
                          io.backflush.sim.usage.ScaleHistory scale) {
        return new ShownRun(machine, result, recorder.trace(), scale);
    }

    private static void write(String what, Map<Path, byte[]> files) {
        try {
            ShowFiles.write(files);
        } catch (FileSystemException e) {
            throw new UserInputException(what + ": cannot write " + e.getFile() + " (" + OutputPaths.reason(e)
                    + "); none of its files were kept");
        } catch (IOException e) {
            throw new UserInputException(what + ": " + OutputPaths.reason(e) + "; none of its files were kept");
        } catch (UncheckedIOException e) {
            throw new UserInputException(what + ": " + OutputPaths.reason(e.getCause()) + "; none of its files were kept");
        }
    }
}
