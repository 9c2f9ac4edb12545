package io.backflush.sim.hil;

import io.backflush.sim.hil.server.HilServer;
import io.backflush.sim.hil.server.SessionConfig;
import io.backflush.sim.hil.server.SessionResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The example C firmware (clients/c) compiled with the system C compiler and run against the
 * server over loopback. Skipped when no C compiler is installed.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class CFirmwareTest {
    static final Path SOURCE_DIR = Path.of("..", "clients", "c").toAbsolutePath().normalize();
    static Path binary;

    @BeforeAll
    static void compile(@TempDir Path dir) throws Exception {
        binary = dir.resolve("example_firmware");
        compileC(binary, SOURCE_DIR.resolve("example_firmware.c").toString(), "-lm");
    }

    /**
     * Compiles C sources and options with the system's C compiler ({@code cc}, {@code gcc} or
     * {@code clang}, the first on the PATH) into {@code binary}, with {@code -O2 -Wall}; skips the
     * test when there is none.
     */
    static void compileC(Path binary, String... sourcesAndOptions) throws Exception {
        String cc = null;
        for (String candidate : new String[] {"cc", "gcc", "clang"}) {
            if (onPath(candidate)) {
                cc = candidate;
                break;
            }
        }
        assumeTrue(cc != null, "no C compiler on PATH");
        List<String> command = new ArrayList<>(List.of(cc, "-O2", "-Wall", "-o", binary.toString()));
        command.addAll(List.of(sourcesAndOptions));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

    /**
     * Runs {@code command} to its end, killing it after {@code seconds} (the test then fails), and
     * returns what it printed (stdout and stderr) once it has exited 0.
     */
    static String runToEnd(List<String> command, long seconds) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean finished = p.waitFor(seconds, TimeUnit.SECONDS);
        if (!finished) {
            p.destroyForcibly();
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(finished).as("%s finished: %s", command.get(0), out).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private static boolean onPath(String exe) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, exe))) {
                return true;
            }
        }
        return false;
    }

    record Run(String output, SessionResult result, List<String[]> rows, List<String> columns) {
        /** Column {@code name} of {@code row}, as the trace's header names it. */
        double value(String[] row, String name) {
            int i = columns.indexOf(name);
            assertThat(i).as("column %s in %s", name, columns).isNotNegative();
            return Double.parseDouble(row[i]);
        }
    }

    static Run run(String machine, Path trace, String... args) throws Exception {
        LinkedBlockingQueue<SessionResult> ended = new LinkedBlockingQueue<>();
        SessionConfig config = SessionConfig.lockstep(io.backflush.core.machine.MachineFiles.resolve(machine)).withTrace(trace);
        try (HilServer server = new HilServer(config, InetAddress.getLoopbackAddress(), 0, 1, ended::add)) {
            List<String> command = new ArrayList<>(List.of(binary.toString(), "127.0.0.1", String.valueOf(server.port())));
            command.addAll(List.of(args));
            String out = runToEnd(command, 150);
            SessionResult result = ended.poll(20, TimeUnit.SECONDS);
            assertThat(result).isNotNull();
            return new Run(out, result, rows(trace), List.of(Files.readAllLines(trace).get(0).split(",")));
        }
    }

    static List<String[]> rows(Path trace) throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(trace)) {
            if (!line.startsWith("#") && !line.startsWith("seq")) {
                rows.add(line.split(","));
            }
        }
        return rows;
    }

    @Test
    // rotary-commercial: a 5 l boiler. The 300 ml single boiler cannot hold ±1 °C through a backflush
    // in this model: each fill draws ~40 ml of 20 °C water into it (a 10 °C drop a 1 kW heater needs 12 s to undo).
    void backflushCompletesWithOneWhooshPerCycleAndTheBoilerHoldsItsSetpoint(@TempDir Path dir) throws Exception {
        Run run = run("rotary-commercial", dir.resolve("c.csv"), "3", "2", "93");
        assertThat(run.output()).contains("done cycles=5").contains("tc_fault=0");
        assertThat(run.result().reason()).isEqualTo("client said bye");
        assertThat(run.result().errors()).isZero();
        assertThat(run.result().whooshes()).isEqualTo(5);
        assertThat(run.result().cycles()).hasSize(5);
        // the C client's get_stats: protocol v2 negotiated, the session's ticks so far, nothing refused
        assertThat(run.output()).contains("stats version=2 ticks=" + run.result().ticks() + " resends=")
                .contains(" errors=0");
        // boiler probe within ±1 °C of the setpoint after a 20 s warm-up
        double worst = 0;
        for (String[] r : run.rows()) {
            if (run.value(r, "t_us") > 20_000_000L) {
                worst = Math.max(worst, Math.abs(run.value(r, "boiler_sensor_c") - 93.0));
            }
        }
        assertThat(worst).isLessThanOrEqualTo(1.0);
    }

    @Test
    void theCClientConnectsOverAUnixSocket(@TempDir Path dir) throws Exception {
        LinkedBlockingQueue<SessionResult> ended = new LinkedBlockingQueue<>();
        Path socket = dir.resolve("plant.sock");
        try (HilServer server = HilServer.unix(SessionConfig.lockstep(io.backflush.core.machine.MachineFiles.resolve(
                "single-boiler")), socket, 1, ended::add)) {
            String out = runToEnd(List.of(binary.toString(), "unix:" + socket, "0", "--bench", "2000"), 60);
            assertThat(out).contains("bench steps=2000");
            SessionResult result = ended.poll(20, TimeUnit.SECONDS);
            assertThat(result).isNotNull();
            assertThat(result.transport()).isEqualTo("unix " + socket);
            assertThat(result.ticks()).isEqualTo(2000);
            assertThat(result.errors()).isZero();
        }
    }

    @Test
    void aStuckThermocoupleTripsTheFirmwaresSafetyAndTheHeaterGoesOff(@TempDir Path dir) throws Exception {
        // setpoint above the start so the PID is heating when the reading freezes at t = 1 s
        Run run = run("single-boiler", dir.resolve("f.csv"), "1", "0", "96", "stuck target=boiler_c at=1");
        assertThat(run.output()).contains("thermocouple fault (reading frozen");
        assertThat(Files.readString(dir.resolve("f.csv"))).contains("fault injected: stuck target=boiler_c at=1");
        // the heater was on before, and is commanded off from 3.5 s on (2 s of frozen reading + a PID period)
        boolean heatedBefore = false;
        for (String[] r : run.rows()) {
            long t = (long) run.value(r, "t_us");
            double heater = run.value(r, "firmware_heater_duty");
            if (t < 1_000_000L && heater > 0.3) {
                heatedBefore = true;
            }
            if (t > 3_500_000L) {
                assertThat(heater).as("heater command at t=%d us", t).isZero();
            }
        }
        assertThat(heatedBefore).isTrue();
    }
}
