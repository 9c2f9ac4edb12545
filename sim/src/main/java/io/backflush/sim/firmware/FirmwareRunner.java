package io.backflush.sim.firmware;

import io.backflush.core.machine.Machine;
import io.backflush.sim.hil.server.HilServer;
import io.backflush.sim.hil.server.SessionWatcher;
import io.backflush.sim.hil.server.SessionConfig;
import io.backflush.sim.hil.server.SessionResult;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs a compiled sketch against the plant: an in-process lockstep server on 127.0.0.1 (an
 * ephemeral port, one session), the sketch's process connected to it, its Serial output copied to
 * {@code out} and the kit's messages to {@code err}; then the session's result and the trace's
 * boiler figures and faults.
 */
public final class FirmwareRunner {
    /** The kit's exit code for a pin-map or wiring problem (sysexits' EX_CONFIG). */
    public static final int KIT_CONFIG_ERROR = 78;

    private FirmwareRunner() {
    }

    /**
     * What to run.
     *
     * @param binary       the compiled sketch
     * @param pins         the pin map
     * @param machine      the plant's machine
     * @param untilSeconds plant time to run
     * @param scenario     faults and button presses
     * @param trace        the session trace to keep, or null (a temporary one is read and deleted)
     * @param serialLog    Serial output to this file instead of {@code out}, or null
     * @param eeprom       EEPROM backing file, or null (memory)
     * @param wallTimeout  kill the sketch after this much wall time, or null (the kit's own hang detection only)
     * @param hangMillis   the kit reports a hang after this much wall time without a tick (0: the kit's 10 s)
     * @param watchdogMillis the server's watchdog (0: its default, 10 s)
     */
    public record Options(Path binary, Path pins, Machine machine, double untilSeconds, FirmwareScenario scenario,
                          Path trace, Path serialLog, Path eeprom, Duration wallTimeout, long hangMillis,
                          long watchdogMillis) {
    }

    /** How the firmware's run ended, as the command reports it. */
    public enum Outcome {
        /** Ran to --until, the session ended with a bye and the plant under the firmware's control. */
        OK,
        /** The process died on a signal, exited on its own with an error, or hung. */
        CRASHED,
        /**
         * The plant went to its safe state: the server's watchdog tripped (the firmware fell silent),
         * or the session ended without the firmware's bye.
         */
        SAFE_STATE
    }

    /**
     * What happened.
     *
     * @param exitCode    the sketch process's exit code (128 + n: killed by signal n)
     * @param kitStatus   the kit's status file (end, t_us, ticks, safe_seen, safe_at_end, message), empty after a crash
     * @param session     the session's result, or null when none ended
     * @param trace       boiler figures and faults from the trace, or null when there was none
     * @param wallSeconds wall time of the run
     */
    public record Run(int exitCode, Map<String, String> kitStatus, SessionResult session, TraceSummary trace,
                      double wallSeconds) {
        public String end() {
            return kitStatus.getOrDefault("end", "");
        }

        public Outcome outcome() {
            String end = end();
            boolean finished = exitCode == 0 && (end.equals("until") || end.equals("sketch-exit"));
            if (!finished) {
                return end.equals("server-closed") ? Outcome.SAFE_STATE : Outcome.CRASHED;
            }
            boolean safe = "1".equals(kitStatus.get("safe_seen")) || (session != null && session.watchdogTrips() > 0);
            boolean bye = session != null && session.reason().equals("client said bye");
            return safe || !bye ? Outcome.SAFE_STATE : Outcome.OK;
        }

        /** One line saying how the run ended. */
        public String describe() {
            String message = kitStatus.getOrDefault("message", "");
            if (exitCode > 128 && kitStatus.isEmpty()) {
                return "the firmware crashed (signal " + (exitCode - 128) + signalName(exitCode - 128) + ")";
            }
            if (exitCode != 0 && !message.isEmpty()) {
                return message + " (exit code " + exitCode + ")";
            }
            if (exitCode != 0) {
                return "the firmware exited with code " + exitCode;
            }
            return message.isEmpty() ? "ended" : message;
        }

        private static String signalName(int signal) {
            return switch (signal) {
                case 4 -> ", SIGILL";
                case 6 -> ", SIGABRT";
                case 7 -> ", SIGBUS";
                case 8 -> ", SIGFPE";
                case 9 -> ", SIGKILL";
                case 11 -> ", SIGSEGV";
                default -> "";
            };
        }
    }

    /** Checks the pin map (and the presses' button names) with the sketch's own kit; a problem throws. */
    public static void checkPins(Options o) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(o.binary().toString(), "--pins", o.pins().toString(), "--check-pins"));
        for (FirmwareScenario.Press p : o.scenario().presses()) {
            cmd.addAll(List.of("--press", p.argument()));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("the pin-map check did not finish");
        }
        if (p.exitValue() != 0) {
            throw new FirmwareInputException(kitMessage(out));
        }
    }

    /** How the kit says a pin-map or wiring problem (exit code 78); the command repeats it as its own error. */
    private static final String KIT_ERROR = "kit: error: ";

    private static String kitMessage(String output) {
        for (String line : output.split("\n")) {
            if (line.startsWith(KIT_ERROR)) {
                return line.substring(KIT_ERROR.length());
            }
        }
        return output.strip();
    }

    public static Run run(Options o, PrintWriter out, PrintWriter err) throws IOException, InterruptedException {
        return run(o, out, err, null);
    }

    /** As {@link #run(Options, PrintWriter, PrintWriter)}, with {@code watcher} (null: none) watching the session. */
    public static Run run(Options o, PrintWriter out, PrintWriter err, SessionWatcher watcher)
            throws IOException, InterruptedException {
        checkPins(o);
        Path work = Files.createTempDirectory("backflush-firmware-");
        try {
            Path trace = o.trace() != null ? o.trace() : work.resolve("trace.csv");
            Path status = work.resolve("status.txt");
            SessionConfig config = SessionConfig.lockstep(o.machine()).withTrace(trace).withScenario(o.scenario().faults());
            if (o.watchdogMillis() > 0) {
                config = config.withTimeouts(o.watchdogMillis(), Math.min(config.resendMillis(), o.watchdogMillis()));
            }
            LinkedBlockingQueue<SessionResult> ended = new LinkedBlockingQueue<>();
            long start = System.nanoTime();
            int exit;
            SessionResult session;
            StringBuilder kitErrors = new StringBuilder();
            try (HilServer server = new HilServer(config, InetAddress.getLoopbackAddress(), 0, 1, ended::add)
                    .watchedBy(watcher)) {
                List<String> cmd = new ArrayList<>(List.of(o.binary().toString(), "--host", "127.0.0.1", "--port",
                        String.valueOf(server.port()), "--pins", o.pins().toString(), "--until", String.valueOf(o.untilSeconds()),
                        "--status", status.toString()));
                for (FirmwareScenario.Press p : o.scenario().presses()) {
                    cmd.addAll(List.of("--press", p.argument()));
                }
                if (o.serialLog() != null) {
                    cmd.addAll(List.of("--serial-log", o.serialLog().toString()));
                }
                if (o.eeprom() != null) {
                    cmd.addAll(List.of("--eeprom", o.eeprom().toString()));
                }
                if (o.hangMillis() > 0) {
                    cmd.addAll(List.of("--hang-ms", String.valueOf(o.hangMillis())));
                }
                Process p = new ProcessBuilder(cmd).start();
                p.getOutputStream().close();
                Thread copyOut = copy(p.getInputStream(), out, null);
                Thread copyErr = copy(p.getErrorStream(), err, kitErrors);
                boolean finished = o.wallTimeout() == null ? waitFully(p) : p.waitFor(o.wallTimeout().toMillis(), TimeUnit.MILLISECONDS);
                if (!finished) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
                copyOut.join(5000);
                copyErr.join(5000);
                exit = finished ? p.exitValue() : 137;
                if (!finished) {
                    synchronized (err) {
                        err.println("backflush: the firmware ran past the wall-clock limit of " + o.wallTimeout().toSeconds()
                                + " s and was stopped");
                        err.flush();
                    }
                }
                // before the server closes: closing would end a session still reading the firmware's bye
                session = exit == KIT_CONFIG_ERROR ? null : ended.poll(10, TimeUnit.SECONDS);
            }
            if (exit == KIT_CONFIG_ERROR) {
                throw new FirmwareInputException(kitMessage(kitErrors.toString()));
            }
            double wall = (System.nanoTime() - start) / 1.0e9;
            TraceSummary summary = Files.isRegularFile(trace) ? TraceSummary.read(trace) : null;
            return new Run(exit, readStatus(status), session, summary, wall);
        } finally {
            SketchBuilder.deleteTree(work);
        }
    }

    private static boolean waitFully(Process p) throws InterruptedException {
        p.waitFor();
        return true;
    }

    private static Map<String, String> readStatus(Path status) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        if (!Files.isRegularFile(status)) {
            return m;
        }
        for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                m.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return m;
    }

    private static Thread copy(InputStream in, PrintWriter to, StringBuilder keep) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (keep != null) {
                        synchronized (keep) {
                            keep.append(line).append('\n');
                        }
                        if (line.startsWith(KIT_ERROR)) {
                            continue; // reported once, as the command's error
                        }
                    }
                    synchronized (to) {
                        to.println(line);
                        to.flush();
                    }
                }
            } catch (IOException e) {
                // the process is gone
            }
        }, "firmware-output");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
