package io.backflush.sim.cli;

import io.backflush.core.machine.Machine;
import io.backflush.sim.firmware.ArduinoKit;
import io.backflush.sim.firmware.FirmwareInputException;
import io.backflush.sim.firmware.FirmwareRunner;
import io.backflush.sim.firmware.FirmwareScenario;
import io.backflush.sim.firmware.Sketch;
import io.backflush.sim.firmware.SketchBuilder;
import io.backflush.sim.firmware.TraceSummary;
import io.backflush.sim.hil.server.SessionConfig;
import io.backflush.sim.hil.server.SessionResult;
import io.backflush.sim.live.LiveServer;
import io.backflush.sim.live.Watch;
import io.backflush.sim.run.CycleReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "firmware", mixinStandardHelpOptions = true,
        description = "Arduino-style firmware against the plant (the host kit in clients/arduino).",
        subcommands = FirmwareCommand.RunSketch.class)
final class FirmwareCommand implements Runnable {
    /** Exit code: the firmware crashed, hung, or exited with an error. */
    static final int EXIT_CRASHED = 3;
    /** Exit code: the plant went to its safe state (watchdog, or no bye). */
    static final int EXIT_SAFE_STATE = 4;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Compiles an Arduino sketch with g++ against the host kit (cached), runs it in lockstep against "
                    + "the plant and prints the session summary. Exit codes: 0 ran to --until; 2 bad input or the "
                    + "sketch does not compile; 3 the firmware crashed, hung or exited with an error; 4 the plant went "
                    + "to its safe state (the watchdog tripped, or the session ended without the firmware's bye).")
    static final class RunSketch implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "SKETCH", description = "A .ino file or a sketch folder.")
        Path sketch;

        @Option(names = "--pins", required = true, paramLabel = "FILE", description = "The pin map (JSON; README).")
        Path pins;

        @Option(names = "--machine", required = true, paramLabel = "M",
                description = "A preset (see 'backflush machines') or a machine YAML file.")
        String machine;

        @Option(names = "--until", paramLabel = "SECONDS", defaultValue = "60",
                description = "Plant time to run (default ${DEFAULT-VALUE}).")
        double untilSeconds;

        @Option(names = "--scenario", paramLabel = "FILE", description = "Button presses and faults (YAML: presses:, faults:).")
        Path scenario;

        @Option(names = "--trace", paramLabel = "FILE", description = "Keep the session trace CSV here.")
        Path trace;

        @Option(names = "--serial-log", paramLabel = "FILE", description = "Serial output to this file instead of stdout.")
        Path serialLog;

        @Option(names = "--eeprom", paramLabel = "FILE", description = "Keep the EEPROM in this file (kept across runs).")
        Path eeprom;

        @Option(names = "--wall-timeout", paramLabel = "SECONDS",
                description = "Stop the firmware after this much wall time (default: no limit; a sketch stuck in a loop "
                        + "that calls no Arduino function is stopped after 10 s anyway).")
        Double wallTimeoutSeconds;

        @Option(names = "--hang-ms", paramLabel = "MS", defaultValue = "10000",
                description = "Wall time without a tick after which the kit reports the sketch hung (default ${DEFAULT-VALUE}).")
        long hangMs;

        @Option(names = "--watchdog-ms", paramLabel = "MS", defaultValue = "10000",
                description = "The server's watchdog: firmware silent this long puts the plant in its safe state "
                        + "(default ${DEFAULT-VALUE}).")
        long watchdogMs;

        @Mixin
        LiveWatchOptions live = new LiveWatchOptions();

        @Option(names = "--live-wait", paramLabel = "SECONDS", defaultValue = "0",
                description = "With --live-port: wait up to this long for the page to be opened before the firmware "
                        + "starts (default ${DEFAULT-VALUE}). Lockstep runs as fast as the firmware answers, so the page "
                        + "shows a time-lapse of plant time.")
        double liveWaitSeconds;

        @Option(names = "--kit", paramLabel = "DIR", description = "The host kit (default: clients/arduino of this checkout).")
        Path kit;

        @Option(names = "--cache", paramLabel = "DIR",
                description = "Build cache (default: ~/.cache/backflush/firmware, or $BACKFLUSH_CACHE/firmware).")
        Path cache;

        @Override
        public Integer call() throws IOException, InterruptedException {
            if (!(untilSeconds > 0 && untilSeconds <= 1.0e6)) {
                throw new UserInputException("--until must be above 0 and at most 1000000 s, got " + untilSeconds);
            }
            if (wallTimeoutSeconds != null && !(wallTimeoutSeconds > 0)) {
                throw new UserInputException("--wall-timeout must be above 0, got " + wallTimeoutSeconds);
            }
            if (hangMs < 100 || hangMs > 3_600_000) {
                throw new UserInputException("--hang-ms must be 100..3600000, got " + hangMs);
            }
            if (watchdogMs < 100 || watchdogMs > 3_600_000) {
                throw new UserInputException("--watchdog-ms must be 100..3600000, got " + watchdogMs);
            }
            if (!Files.isRegularFile(pins)) {
                throw new UserInputException("--pins " + pins + ": no such file");
            }
            for (Path out : new Path[] {trace, serialLog, eeprom}) {
                if (out != null) {
                    Path parent = out.toAbsolutePath().getParent();
                    if (parent == null || !Files.isDirectory(parent)) {
                        throw new UserInputException(out + ": directory " + parent + " does not exist");
                    }
                }
            }
            live.check();
            if (!(liveWaitSeconds >= 0 && liveWaitSeconds <= 3600)) {
                throw new UserInputException("--live-wait must be 0..3600 s, got " + liveWaitSeconds);
            }
            Machine m = Inputs.machine(machine);
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                FirmwareScenario sc = scenario == null ? FirmwareScenario.NONE : FirmwareScenario.load(scenario);
                String compiler = SketchBuilder.findCompiler();
                if (compiler == null) {
                    throw new UserInputException("firmware run needs g++ on PATH (Debian: apt-get install g++)");
                }
                Sketch s = Sketch.locate(sketch);
                SketchBuilder builder = new SketchBuilder(ArduinoKit.locate(kit), cache != null ? cache
                        : SketchBuilder.defaultCacheDir(), compiler);
                SketchBuilder.Build build = builder.build(s);
                FirmwareRunner.Options options = new FirmwareRunner.Options(build.binary(), pins.toAbsolutePath(), m,
                        untilSeconds, sc, trace, serialLog, eeprom,
                        wallTimeoutSeconds == null ? null : Duration.ofMillis(Math.round(wallTimeoutSeconds * 1000)), hangMs,
                        watchdogMs);
                Watch watch = new Watch(m, "the firmware run");
                FirmwareRunner.Run run;
                try (LiveServer page = live.start(m, watch)) {
                    synchronized (out) {
                        ServeCommand.printPage(out, page);
                    }
                    long waitUntil = System.nanoTime() + Math.round(liveWaitSeconds * 1e9);
                    while (page != null && watch.viewers() == 0 && System.nanoTime() < waitUntil) {
                        Thread.sleep(50);
                    }
                    run = FirmwareRunner.run(options, out, err, page == null ? null : watch);
                }
                synchronized (out) {
                    print(out, s, m, build, run);
                    out.flush();
                }
                return switch (run.outcome()) {
                    case OK -> 0;
                    case CRASHED -> EXIT_CRASHED;
                    case SAFE_STATE -> EXIT_SAFE_STATE;
                };
            } catch (FirmwareInputException e) {
                throw new UserInputException(e.getMessage());
            }
        }

        private void print(PrintWriter out, Sketch s, Machine m, SketchBuilder.Build build, FirmwareRunner.Run run) {
            SessionResult r = run.session();
            long ticks = r == null ? 0 : r.ticks();
            out.printf(Locale.ROOT, "firmware: %s on %s: %.3f s of plant time (%d ticks) in %.1f s of wall time%s%n", s.name(),
                    m.name(), ticks / SessionConfig.DEFAULT_RATE_HZ, ticks, run.wallSeconds(), build.cached() ? " (cached build)" : "");
            out.printf(Locale.ROOT, "ended: %s%n", run.describe());
            if (r != null) {
                out.printf(Locale.ROOT, "session: %s; %d errors, %d duplicates, %d watchdog trips%n", r.reason(), r.errors(),
                        r.duplicates(), r.watchdogTrips());
                out.printf(Locale.ROOT, "cycles: %d, whooshes: %d%n", r.cycles().size(), r.whooshes());
                for (CycleReport c : r.cycles()) {
                    out.printf(Locale.ROOT, "  %2d  pump on %7.3f s  quiet after %s  released at %s  plateau %s  whoosh %s%n",
                            c.index(), c.pumpOnAtSeconds(), fmt(c.quietAfterSeconds(), "%.2f s"),
                            fmt(c.releaseAtSeconds(), "%.3f s"), fmt(c.plateauBar(), "%.2f bar"),
                            fmt(c.whooshVolumeMl(), "%.1f ml"));
                }
            } else {
                out.println("session: no result (the server saw no session end)");
            }
            TraceSummary t = run.trace();
            if (t != null && t.boilerWater().rows() > 0) {
                out.printf(Locale.ROOT, "boiler: water %.2f..%.2f C (mean %.2f, last %.2f); probe %.2f..%.2f C (mean %.2f, last %.2f)%n",
                        t.boilerWater().min(), t.boilerWater().max(), t.boilerWater().mean(), t.boilerWater().last(),
                        t.boilerProbe().min(), t.boilerProbe().max(), t.boilerProbe().mean(), t.boilerProbe().last());
            }
            if (t != null) {
                out.printf(Locale.ROOT, "faults fired: %s%n", t.faults().isEmpty() ? "none" : String.valueOf(t.faults().size()));
                for (TraceSummary.Fault f : t.faults()) {
                    out.printf(Locale.ROOT, "  at %.3f s: %s%n", f.atSeconds(), f.spec());
                }
            }
        }

        private static String fmt(Double v, String format) {
            return v == null ? "-" : String.format(Locale.ROOT, format, v);
        }
    }
}
