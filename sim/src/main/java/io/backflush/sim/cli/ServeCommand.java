package io.backflush.sim.cli;

import io.backflush.core.machine.Machine;
import io.backflush.core.machine.StartState;
import io.backflush.sim.hil.fault.FaultSpec;
import io.backflush.sim.hil.fault.FaultSpecException;
import io.backflush.sim.hil.fault.Scenario;
import io.backflush.sim.hil.server.HilServer;
import io.backflush.sim.hil.server.HilSession;
import io.backflush.sim.hil.server.SerialTransport;
import io.backflush.sim.hil.server.SessionConfig;
import io.backflush.sim.hil.server.SessionResult;
import io.backflush.sim.live.LiveServer;
import io.backflush.sim.live.Watch;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

@Command(name = "serve", mixinStandardHelpOptions = true, description = "Serves the plant to firmware in the loop over TCP, a Unix-domain socket or a serial port "
        + "(protocol: docs/protocol.md). Lockstep by default.")
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--machine", required = true, paramLabel = "M",
            description = "A preset (see 'backflush machines') or a machine YAML file.")
    String machine;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "5555", description = "TCP port (default ${DEFAULT-VALUE}; 0: any free port).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on (default ${DEFAULT-VALUE}: this machine only).")
    String bind;

    @ArgGroup(exclusive = true)
    Mode mode = new Mode();

    static final class Mode {
        @Option(names = "--lockstep", description = "Advance one tick per actuator frame (the default).")
        boolean lockstep;
        @Option(names = "--realtime", description = "Advance on the wall clock at --rate x --speed.")
        boolean realtime;
    }

    @Option(names = "--rate", paramLabel = "HZ", defaultValue = "1000", description = "Ticks per simulated second (default ${DEFAULT-VALUE}).")
    double rateHz;

    @Option(names = "--speed", paramLabel = "X", defaultValue = "1", description = "Real time: simulated seconds per wall second (default ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--serial", paramLabel = "DEVICE", description = "Serve one session over this serial port instead of TCP.")
    String serial;

    @Option(names = "--unix", paramLabel = "PATH", description = "Serve on a Unix-domain socket at this path instead of TCP "
            + "(a stale socket file is replaced, any other file refused; removed at shutdown).")
    Path unix;

    @Option(names = "--baud", paramLabel = "BAUD", defaultValue = "115200", description = "Serial baud rate (default ${DEFAULT-VALUE}).")
    int baud;

    @Option(names = "--trace", paramLabel = "FILE", description = "Trace CSV of each session (session n > 1: FILE-n).")
    Path trace;

    @Option(names = "--max-sessions", paramLabel = "N", defaultValue = "4", description = "Sessions served at once (default ${DEFAULT-VALUE}).")
    int maxSessions;

    @Option(names = "--exit-after", paramLabel = "N", description = "Exit once N sessions have ended (default: serve until stopped).")
    Integer exitAfter;

    @Option(names = "--scenario", paramLabel = "FILE", description = "Fault scenario YAML armed in every session.")
    Path scenario;

    @Option(names = "--watchdog-ms", paramLabel = "MS", defaultValue = "10000", description = "Firmware silent this long: plant to safe state (default ${DEFAULT-VALUE}).")
    long watchdogMs;

    @Option(names = "--spin-us", paramLabel = "US",
            description = "Lockstep over TCP or a Unix socket: spin this long for the firmware's next frame before "
                    + "blocking in a read, which saves a thread wake-up per round trip on an idle machine; spins that "
                    + "run out back off, so a slow firmware or a busy machine costs about one spin in 64 ticks "
                    + "(default ${DEFAULT-VALUE}; 0: block at once; at most " + SessionConfig.MAX_LOCKSTEP_SPIN_MICROS
                    + "). The physics is the same either way.")
    long spinUs = SessionConfig.DEFAULT_LOCKSTEP_SPIN_MICROS;

    @Option(names = "--trace-max-mb", paramLabel = "MB", defaultValue = "512",
            description = "A session's trace stops, saying so in an #event line, at this size (default ${DEFAULT-VALUE}).")
    long traceMaxMb;

    @Option(names = "--start", paramLabel = "STATE",
            description = "hot (boiler at 93 °C, the group in steady state with it) or cold (the machine at room "
                    + "temperature, just switched on) at every session's start and reset (default: the machine file's "
                    + "start, hot on every preset; a reset may ask for the other).")
    String start;

    @Mixin
    LiveWatchOptions live = new LiveWatchOptions();

    @Option(names = "--ml-per-pulse", paramLabel = "ML", defaultValue = "0.5", description = "Flow-meter ml per pulse (default ${DEFAULT-VALUE}).")
    double mlPerPulse;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (!(rateHz >= 10 && rateHz <= 100_000)) {
            throw new UserInputException("--rate must be 10..100000 Hz, got " + rateHz);
        }
        if (!(speed > 0 && speed <= 1000)) {
            throw new UserInputException("--speed must be above 0 and at most 1000, got " + speed);
        }
        if (traceMaxMb < 1 || traceMaxMb > 1_000_000) {
            throw new UserInputException("--trace-max-mb must be 1..1000000, got " + traceMaxMb);
        }
        if (spinUs < 0 || spinUs > SessionConfig.MAX_LOCKSTEP_SPIN_MICROS) {
            throw new UserInputException("--spin-us must be 0.." + SessionConfig.MAX_LOCKSTEP_SPIN_MICROS + ", got " + spinUs);
        }
        if (port < 0 || port > 65535) {
            throw new UserInputException("--port must be 0..65535, got " + port);
        }
        if (maxSessions < 1 || maxSessions > 256) {
            throw new UserInputException("--max-sessions must be 1..256, got " + maxSessions);
        }
        if (exitAfter != null && exitAfter < 1) {
            throw new UserInputException("--exit-after must be 1 or more, got " + exitAfter);
        }
        if (watchdogMs < 100 || watchdogMs > 3_600_000) {
            throw new UserInputException("--watchdog-ms must be 100..3600000, got " + watchdogMs);
        }
        if (!(mlPerPulse > 0 && mlPerPulse <= 100)) {
            throw new UserInputException("--ml-per-pulse must be above 0 and at most 100, got " + mlPerPulse);
        }
        if (unix != null && serial != null) {
            throw new UserInputException("--unix and --serial are exclusive: serve one or the other");
        }
        if (unix != null && (spec.commandLine().getParseResult().hasMatchedOption("--port")
                || spec.commandLine().getParseResult().hasMatchedOption("--bind"))) {
            throw new UserInputException("--unix serves a Unix-domain socket instead of TCP: drop --port and --bind");
        }
        if (baud < 300 || baud > 4_000_000) {
            throw new UserInputException("--baud must be 300..4000000, got " + baud);
        }
        live.check();
        if (trace != null) {
            Path parent = trace.toAbsolutePath().getParent();
            if (parent == null || !Files.isDirectory(parent)) {
                throw new UserInputException("--trace " + trace + ": directory " + parent + " does not exist");
            }
        }
        StartState startState = RunSetup.startState(start);
        Machine m = Inputs.machine(machine);
        if (startState != null) {
            m = m.withStart(startState);
        }
        List<FaultSpec> faults = List.of();
        if (scenario != null) {
            try {
                faults = Scenario.load(scenario);
            } catch (NoSuchFileException e) {
                throw new UserInputException("--scenario " + scenario + ": no such file");
            } catch (FaultSpecException e) {
                throw new UserInputException("--scenario: " + e.getMessage());
            }
        }
        SessionConfig config = new SessionConfig(m, mode.realtime, rateHz, speed, watchdogMs, 1_000, trace, faults,
                mlPerPulse, 2000.0, traceMaxMb * SessionConfig.BYTES_PER_MB, spinUs);
        PrintWriter out = spec.commandLine().getOut();
        if (serial != null) {
            SerialTransport transport;
            try {
                transport = SerialTransport.open(serial, baud);
            } catch (IOException e) {
                throw new UserInputException("--serial: " + e.getMessage());
            }
            Watch watch = new Watch(m, transport.describe());
            try (LiveServer page = live.start(m, watch)) {
                out.println("backflush: serving " + m.name() + " on " + transport.describe() + " ("
                        + (mode.realtime ? "real time" : "lockstep") + ")");
                printPage(out, page);
                SessionResult result = new HilSession(config, transport, 1).watchedBy(page == null ? null : watch).call();
                out.println(result.summary());
            }
            return 0;
        }
        CountDownLatch done = new CountDownLatch(exitAfter == null ? Integer.MAX_VALUE : exitAfter);
        Consumer<SessionResult> onEnd = result -> {
            synchronized (out) {
                out.println(result.summary());
                out.flush();
            }
            done.countDown();
        };
        HilServer server;
        if (unix != null) {
            try {
                server = HilServer.unix(config, unix, maxSessions, onEnd);
            } catch (IOException e) {
                throw new UserInputException("--unix " + unix + ": " + e.getMessage());
            }
        } else {
            InetAddress address;
            try {
                address = InetAddress.getByName(bind);
            } catch (UnknownHostException e) {
                throw new UserInputException("--bind " + bind + ": unknown address");
            }
            try {
                server = new HilServer(config, address, port, maxSessions, onEnd);
            } catch (IOException e) {
                throw new UserInputException("--port " + port + " on " + bind + ": " + e.getMessage());
            }
        }
        // on Ctrl-C or SIGTERM: sessions end with their plants in the safe state (traces get their
        // end line) and a Unix socket file is removed
        Thread onSignal = new Thread(() -> {
            try {
                server.close();
            } catch (IOException ignored) {
                // exiting anyway
            }
        }, "hil-shutdown");
        Runtime.getRuntime().addShutdownHook(onSignal);
        Watch watch = new Watch(m, server.describe());
        LiveServer page;
        try {
            page = live.start(m, watch);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        if (page != null) {
            server.watchedBy(watch);
        }
        try (server; page) {
            synchronized (out) {
                out.println("backflush: serving " + m.name() + " on " + server.describe() + " ("
                        + (mode.realtime ? "real time at " + rateHz + " Hz x" + speed : "lockstep at " + rateHz + " Hz")
                        + ", up to " + maxSessions + " sessions)");
                printPage(out, page);
            }
            done.await();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run
            }
        }
        return 0;
    }

    /** Says where the watching page is (before any firmware connects), then flushes. */
    static void printPage(PrintWriter out, LiveServer page) {
        if (page != null) {
            out.println("backflush: live page at " + page.url() + " (read-only: it watches the firmware drive the plant)");
        }
        out.flush();
    }
}
