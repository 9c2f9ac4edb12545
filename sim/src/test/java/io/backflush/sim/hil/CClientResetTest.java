package io.backflush.sim.hil;

import io.backflush.core.machine.MachineFiles;
import io.backflush.sim.hil.server.HilServer;
import io.backflush.sim.hil.server.SessionConfig;
import io.backflush.sim.hil.server.SessionResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The C client's {@code bfh_reset} and {@code bfh_set_spin_us} (clients/c/backflush_hil.h) over real
 * sessions: a small C program ({@code src/test/c/reset_probe.c}) compiled with the system's C
 * compiler, against a lockstep server in this JVM. Skipped when no C compiler is installed.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CClientResetTest {
    static final Path HEADER_DIR = Path.of("..", "clients", "c").toAbsolutePath().normalize();
    static final Path PROBE = Path.of("src", "test", "c", "reset_probe.c").toAbsolutePath();
    static Path binary;

    @BeforeAll
    static void compile(@TempDir Path dir) throws Exception {
        binary = dir.resolve("reset_probe");
        CFirmwareTest.compileC(binary, "-Werror", "-I", HEADER_DIR.toString(), PROBE.toString());
    }

    private static final Pattern LINE = Pattern.compile(
            "(\\S+) rc=(-?\\d+) seq=(\\d+) t_us=(\\d+) boiler_c=(\\S+) group_c=(\\S+) status=(\\d+)");

    /** One line of the probe: what it did, bfh_reset's return and the frame it then held. */
    record Frame(int rc, long seq, long timeMicros, double boilerC, double groupC) {
    }

    record Probe(String output, Map<String, Frame> frames, SessionResult result, String trace) {
        Frame frame(String what) {
            assertThat(frames).as(output).containsKey(what);
            return frames.get(what);
        }
    }

    static Probe probe(Path dir, int maxVersion, int spinUs) throws Exception {
        LinkedBlockingQueue<SessionResult> ended = new LinkedBlockingQueue<>();
        Path trace = dir.resolve("reset-v" + maxVersion + ".csv");
        // single-boiler starts hot (its preset's start)
        SessionConfig config = SessionConfig.lockstep(MachineFiles.resolve("single-boiler")).withTrace(trace);
        try (HilServer server = new HilServer(config, InetAddress.getLoopbackAddress(), 0, 1, ended::add)) {
            String out = CFirmwareTest.runToEnd(List.of(binary.toString(), "127.0.0.1", String.valueOf(server.port()),
                    String.valueOf(maxVersion), String.valueOf(spinUs), "resets"), 60);
            SessionResult result = ended.poll(20, TimeUnit.SECONDS);
            assertThat(result).isNotNull();
            Map<String, Frame> frames = new LinkedHashMap<>();
            for (String line : out.lines().toList()) {
                Matcher m = LINE.matcher(line);
                if (m.matches()) {
                    frames.put(m.group(1), new Frame(Integer.parseInt(m.group(2)), Long.parseLong(m.group(3)),
                            Long.parseLong(m.group(4)), Double.parseDouble(m.group(5)), Double.parseDouble(m.group(6))));
                }
            }
            return new Probe(out, frames, result, Files.readString(trace));
        }
    }

    @Test
    void aColdResetGivesAColdBoilerAtTickZeroAndAHotOneAHotBoiler(@TempDir Path dir) throws Exception {
        Probe run = probe(dir, 2, 0);
        assertThat(run.output()).contains("version 2");
        Frame hotStart = run.frame("tick0");
        assertThat(hotStart.boilerC()).as("single-boiler starts hot").isBetween(90.0, 96.0);
        assertThat(run.frame("stepped").seq()).isEqualTo(100);

        Frame cold = run.frame("cold");
        assertThat(cold.rc()).isZero();
        assertThat(cold.seq()).isZero();
        assertThat(cold.timeMicros()).isZero();
        assertThat(cold.boilerC()).as("a cold boiler: room temperature").isBetween(10.0, 30.0);
        assertThat(cold.groupC()).as("a cold group").isBetween(10.0, 30.0);
        // lockstep goes on from the fresh plant's tick 0
        assertThat(run.frame("after-cold").seq()).isEqualTo(1);
        assertThat(run.frame("after-cold").boilerC()).isBetween(10.0, 30.0);

        Frame hot = run.frame("hot");
        assertThat(hot.rc()).isZero();
        assertThat(hot.seq()).isZero();
        assertThat(hot.boilerC()).isBetween(90.0, 96.0);
        // default: as the session started (hot), the same reading as the hot reset of the same seed
        Frame byDefault = run.frame("default");
        assertThat(byDefault.rc()).isZero();
        assertThat(byDefault.boilerC()).isEqualTo(hot.boilerC());
        // a start that is neither default, hot nor cold is refused before anything is sent
        assertThat(run.output()).contains("bad rc=-3").contains("errors_seen=0");

        assertThat(run.result().reason()).isEqualTo("client said bye");
        assertThat(run.result().errors()).isZero();
        assertThat(run.trace()).contains("reset seed 7, cold start").contains("reset seed 7, hot start");
        // ticks count from the last reset (the default one), which the client answered with bye
        assertThat(run.result().ticks()).isZero();
    }

    @Test
    void aVersion1SessionSendsThe8ByteResetAndCannotAskForHotOrCold(@TempDir Path dir) throws Exception {
        Probe run = probe(dir, 1, 0);
        assertThat(run.output()).contains("version 1");
        // refused in the client: v1 has no start field, so nothing was sent and the plant is where it was
        assertThat(run.frame("cold").rc()).isEqualTo(-3);
        assertThat(run.frame("cold").seq()).isEqualTo(100);
        assertThat(run.frame("hot").rc()).isEqualTo(-3);
        // the 8-byte v1 reset is accepted (a 12-byte one would be a BAD_LENGTH error: rc -2)
        Frame byDefault = run.frame("default");
        assertThat(byDefault.rc()).isZero();
        assertThat(byDefault.seq()).isZero();
        assertThat(byDefault.boilerC()).isBetween(90.0, 96.0);
        assertThat(run.output()).contains("errors_seen=0");
        assertThat(run.result().errors()).isZero();
        assertThat(run.trace()).contains("reset seed 7, hot start").doesNotContain("cold start");
    }

    @Test
    void theResetsReadTheSameWithTheClientSpinning(@TempDir Path dir) throws Exception {
        Probe blocking = probe(Files.createDirectory(dir.resolve("blocking")), 2, 0);
        Probe spinning = probe(Files.createDirectory(dir.resolve("spinning")), 2, 200);
        assertThat(spinning.frames()).isEqualTo(blocking.frames());
        assertThat(spinning.trace()).isEqualTo(blocking.trace());
    }

    @Test
    void aSpinningClientSeesTheServerCloseAndEnds(@TempDir Path dir) throws Exception {
        LinkedBlockingQueue<SessionResult> ended = new LinkedBlockingQueue<>();
        Path socket = dir.resolve("plant.sock");
        SessionConfig config = SessionConfig.lockstep(MachineFiles.resolve("single-boiler"));
        List<String> lines = new ArrayList<>();
        Process p;
        try (HilServer server = HilServer.unix(config, socket, 1, ended::add)) {
            p = new ProcessBuilder(binary.toString(), "unix:" + socket, "0", "2", "1000", "forever")
                    .redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            for (String line = out.readLine(); line != null && !line.equals("running"); line = out.readLine()) {
                lines.add(line);
            }
            SessionResult none = ended.poll(200, TimeUnit.MILLISECONDS);
            assertThat(none).as("the session on %s runs until the server closes: %s", server.describe(), lines).isNull();
        }
        boolean finished = p.waitFor(20, TimeUnit.SECONDS);
        if (!finished) {
            p.destroyForcibly();
        }
        String rest = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(finished).as("the client ended once the server closed: " + rest).isTrue();
        assertThat(rest).startsWith("server closed at seq=");
        assertThat(p.exitValue()).isZero();
        SessionResult result = ended.poll(20, TimeUnit.SECONDS);
        assertThat(result).isNotNull();
        assertThat(result.reason()).isEqualTo("server stopped");
        assertThat(result.ticks()).isPositive();
    }
}
