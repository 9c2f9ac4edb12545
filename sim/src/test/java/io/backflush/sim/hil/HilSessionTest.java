package io.backflush.sim.hil;

import io.backflush.core.machine.Machine;
import io.backflush.core.machine.Presets;
import io.backflush.sim.hil.client.HilClient;
import io.backflush.sim.hil.fault.FaultSpec;
import io.backflush.sim.hil.protocol.Encoding;
import io.backflush.sim.hil.protocol.Message;
import io.backflush.sim.hil.server.HilServer;
import io.backflush.sim.hil.server.HilSession;
import io.backflush.sim.hil.server.SessionConfig;
import io.backflush.sim.hil.server.SessionResult;
import io.backflush.sim.hil.server.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HilSessionTest {
    static final Machine MACHINE = Machine.of(Presets.singleBoiler());

    /** A simple firmware: 3 s pump on with the solenoid, 2 s released, a thermostat on the boiler. */
    static void firmware(HilClient client, int ticks, int slowEvery) throws IOException, InterruptedException {
        Message.SensorFrame s = client.nextSensors();
        for (int i = 0; i < ticks; i++) {
            double t = s.timeMicros() / 1e6;
            boolean on = (t % 5.0) < 3.0;
            double heater = s.boilerC() < 93 ? 1 : 0;
            if (slowEvery > 0 && i % slowEvery == 0) {
                Thread.sleep(2);
            }
            client.actuate(s, on ? 1 : 0, on, heater);
            s = client.sensorsFor(i + 1L);
            assertThat(s.seq()).isEqualTo(i + 1L);
        }
        client.send(new Message.Bye());
    }

    static LinkedBlockingQueue<SessionResult> results = new LinkedBlockingQueue<>();

    @Test
    void lockstepTraceIsBitIdenticalAtAnyClientSpeedAndOverAnyTransport(@TempDir Path dir) throws Exception {
        LinkedBlockingQueue<SessionResult> ended = new LinkedBlockingQueue<>();
        SessionConfig config = SessionConfig.lockstep(MACHINE).withTrace(dir.resolve("tcp.csv"));
        try (HilServer server = new HilServer(config, InetAddress.getLoopbackAddress(), 0, 2, ended::add)) {
            for (int slow : new int[] {0, 200}) {
                try (HilClient c = HilClient.connect("127.0.0.1", server.port(), Encoding.BINARY)) {
                    c.hello(false, 0);
                    firmware(c, 6_000, slow);
                }
                SessionResult r = ended.poll(20, TimeUnit.SECONDS);
                assertThat(r).isNotNull();
                assertThat(r.reason()).isEqualTo("client said bye");
                assertThat(r.ticks()).isEqualTo(6_000);
                assertThat(r.errors()).isZero();
            }
        }
        byte[] fast = Files.readAllBytes(dir.resolve("tcp.csv"));
        byte[] slow = Files.readAllBytes(dir.resolve("tcp-2.csv"));
        assertThat(fast.length).isGreaterThan(100_000);
        assertSameBytes(slow, fast);

        // the same session logic over piped streams gives the same bytes
        SessionResult piped = runPiped(SessionConfig.lockstep(MACHINE).withTrace(dir.resolve("pipe.csv")), Encoding.BINARY,
                c -> firmware(c, 6_000, 0));
        assertThat(piped.ticks()).isEqualTo(6_000);
        assertSameBytes(Files.readAllBytes(dir.resolve("pipe.csv")), fast);
        // JSON lines carry doubles (binary: floats), so a thermostat may switch a tick apart: same length only
        SessionResult json = runPiped(SessionConfig.lockstep(MACHINE).withTrace(dir.resolve("json.csv")), Encoding.JSON,
                c -> firmware(c, 6_000, 0));
        assertThat(json.ticks()).isEqualTo(6_000);
        assertThat(json.errors()).isZero();
    }

    static void assertSameBytes(byte[] actual, byte[] expected) {
        if (!java.util.Arrays.equals(actual, expected)) {
            List<String> a = new String(actual, StandardCharsets.UTF_8).lines().toList();
            List<String> e = new String(expected, StandardCharsets.UTF_8).lines().toList();
            for (int i = 0; i < Math.min(a.size(), e.size()); i++) {
                assertThat(a.get(i)).as("trace line %d", i + 1).isEqualTo(e.get(i));
            }
            assertThat(a.size()).as("trace lines").isEqualTo(e.size());
        }
    }

    interface Firmware {
        void run(HilClient client) throws Exception;
    }

    static SessionResult runPiped(SessionConfig config, Encoding encoding, Firmware firmware) throws Exception {
        return runPiped(config, encoding, false, firmware);
    }

    /** A session over piped streams; the client says hello (asking for raw signals if {@code raw}), then runs. */
    static SessionResult runPiped(SessionConfig config, Encoding encoding, boolean raw, Firmware firmware) throws Exception {
        PipedOutputStream toServer = new PipedOutputStream();
        PipedInputStream serverIn = new PipedInputStream(toServer, 65536);
        PipedOutputStream toClient = new PipedOutputStream();
        PipedInputStream clientIn = new PipedInputStream(toClient, 65536);
        HilSession session = new HilSession(config, Transport.of(serverIn, toClient, "pipe"), 1);
        try (HilClient c = new HilClient(clientIn, toServer, encoding, null)) {
            // the hello waits in the pipe before the session starts: a slow (cold) client cannot
            // miss the session's hello deadline, which is the watchdog time (300 ms in one test)
            c.send(new Message.Hello(1, 1, raw ? Message.Hello.FLAG_RAW : 0, 0));
            CompletableFuture<SessionResult> result = CompletableFuture.supplyAsync(session::call);
            assertThat(c.next()).isInstanceOf(Message.HelloAck.class);
            firmware.run(c);
            c.close();
            return result.get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void badFramesGetErrorFramesAndTheSessionGoesOn() throws Exception {
        SessionResult r = runPiped(SessionConfig.lockstep(MACHINE), Encoding.BINARY, c -> {
            Message.SensorFrame s = c.nextSensors();
            // a corrupted frame, garbage, an oversized length, and an actuator frame for a future tick
            byte[] frame = new byte[64];
            int n = Encoding.BINARY.encode(new Message.ActuatorFrame(0, 0, 1, 0, true), frame);
            frame[10] ^= 0x55;
            OutputStream raw = rawOut(c);
            raw.write(frame, 0, n);
            raw.write("garbage!".getBytes(StandardCharsets.US_ASCII));
            raw.write(new byte[] {'B', 'F', 1, 4, (byte) 0xFF, (byte) 0xFF});
            raw.flush();
            c.send(new Message.ActuatorFrame(7, 0, 1, 0, true));
            c.send(new Message.Fault("stuck target=nowhere"));
            c.send(new Message.Pause());
            int errors = 0;
            while (true) {
                Message m = c.next();
                if (m instanceof Message.Error) {
                    errors++;
                } else if (m instanceof Message.Ack a && a.type() == io.backflush.sim.hil.protocol.BinaryCodec.PAUSE) {
                    break;
                }
            }
            assertThat(errors).isGreaterThanOrEqualTo(5);
            c.send(new Message.Resume());
            c.next();
            c.actuate(s, 1, true, 0);
            Message.SensorFrame next = c.nextSensors();
            assertThat(next.seq()).isEqualTo(1);
            c.send(new Message.Bye());
        });
        assertThat(r.ticks()).isEqualTo(1);
        assertThat(r.errors()).isGreaterThanOrEqualTo(4);
    }

    private static OutputStream rawOut(HilClient c) throws Exception {
        var f = HilClient.class.getDeclaredField("out");
        f.setAccessible(true);
        return (OutputStream) f.get(c);
    }

    @Test
    void silentFirmwareTripsTheWatchdogGetsResendsAndTheTraceSaysWhy(@TempDir Path dir) throws Exception {
        SessionConfig config = SessionConfig.lockstep(MACHINE).withTimeouts(300, 100).withTrace(dir.resolve("w.csv"));
        SessionResult r = runPiped(config, Encoding.JSON, c -> {
            Message.SensorFrame s = c.nextSensors();
            c.actuate(s, 1, true, 1);
            // by seq, not by timing: a resend of tick 0 may already be on its way when tick 1 is sent
            s = c.sensorsFor(1);
            Message.SensorFrame again = c.nextSensors(); // resent after ~100 ms of silence
            assertThat(again.seq()).isEqualTo(s.seq());
            assertThat(again.status() & Message.SensorFrame.STATUS_RESENT).isNotZero();
            Thread.sleep(500);
            Message.SensorFrame afterTrip;
            do {
                afterTrip = c.nextSensors();
            } while ((afterTrip.status() & Message.SensorFrame.STATUS_SAFE) == 0);
            c.send(new Message.Step(10));
            // by seq: resends of tick 1 queued behind the first safe one may come first, and closing
            // on one of them can end the session (a resend to a closed pipe) before the step is read
            c.sensorsFor(11);
        });
        assertThat(r.watchdogTrips()).isEqualTo(1);
        assertThat(r.resends()).isGreaterThanOrEqualTo(1);
        assertThat(r.reason()).startsWith("firmware disconnected");
        String trace = Files.readString(dir.resolve("w.csv"));
        assertThat(trace).contains("watchdog: no actuator frame for 300 ms");
        assertThat(trace).contains("end: firmware disconnected");
        // after the trip the plant runs in its safe state: commands as sent and as applied all off
        List<String> header = List.of(trace.lines().findFirst().orElseThrow().split(","));
        String[] row = trace.lines().filter(l -> l.startsWith("11,")).findFirst().orElseThrow().split(",");
        assertThat(row[header.indexOf("t_us")]).isEqualTo("11000");
        for (String command : List.of("firmware_pump_duty", "firmware_solenoid_command", "firmware_heater_duty",
                "pump_duty", "solenoid_command", "heater_duty")) {
            assertThat(Double.parseDouble(row[header.indexOf(command)])).as(command).isZero();
        }
    }

    @Test
    void snapshotRestoreResetAndFaultsOverTheProtocol(@TempDir Path dir) throws Exception {
        SessionConfig config = SessionConfig.lockstep(MACHINE).withTrace(dir.resolve("s.csv"))
                .withScenario(List.of(FaultSpec.parse("stuck target=boiler_c when=group_bar>8")));
        runPiped(config, Encoding.BINARY, c -> {
            Message.SensorFrame s = c.nextSensors();
            c.send(new Message.Snapshot(3));
            c.next();
            double[] first = new double[2_000];
            for (int i = 0; i < 2_000; i++) {
                c.actuate(s, 1, true, 0.5);
                s = c.nextSensors();
                first[i] = s.groupBar();
            }
            c.send(new Message.Restore(3));
            s = c.nextSensors();
            assertThat(s.seq()).isZero();
            for (int i = 0; i < 2_000; i++) {
                c.actuate(s, 1, true, 0.5);
                s = c.nextSensors();
                assertThat(s.groupBar()).isEqualTo(first[i]);
            }
            c.send(new Message.RunTo(12_000_000));
            s = c.nextSensors();
            assertThat(s.timeMicros()).isEqualTo(12_000_000);
            assertThat(s.status() & Message.SensorFrame.STATUS_FAULT).isNotZero();
            double frozen = s.boilerC();
            c.send(new Message.Step(1000));
            s = c.nextSensors();
            assertThat(s.boilerC()).isEqualTo(frozen);
            c.send(new Message.Fault("dropout target=group_bar"));
            c.actuate(s, 1, true, 0.5);
            s = c.nextSensors();
            assertThat(s.groupBar()).isNaN();
            c.send(new Message.Reset(42));
            s = c.nextSensors();
            assertThat(s.seq()).isZero();
            assertThat(s.groupBar()).isEqualTo(0.0);
            c.send(new Message.Bye());
        });
        String trace = Files.readString(dir.resolve("s.csv"));
        assertThat(trace).contains("#event,0,snapshot slot 3").contains("fault injected: stuck target=boiler_c when=group_bar>8")
                .contains("fault injected: dropout target=group_bar").contains("reset seed 42");
    }

    @Test
    void theFrameAfterARestoreReadsTheRestoredPlant() throws Exception {
        runPiped(SessionConfig.lockstep(MACHINE), Encoding.BINARY, c -> {
            Message.SensorFrame s = c.nextSensors();
            for (int i = 0; i < 500; i++) {
                c.actuate(s, 1, true, 0.5);
                s = c.nextSensors();
            }
            Message.SensorFrame atSnapshot = s;
            c.send(new Message.Snapshot(1));
            c.next();
            for (int i = 0; i < 1500; i++) {
                c.actuate(s, 1, true, 0.5);
                s = c.nextSensors();
            }
            assertThat(s.groupBar()).isNotEqualTo(atSnapshot.groupBar());
            c.send(new Message.Restore(1));
            c.next();
            Message.SensorFrame restored = c.nextSensors();
            assertThat(restored).isEqualTo(atSnapshot);
            c.send(new Message.Bye());
        });
    }

    @Test
    void realTimeRecordsLatenessAndLatestFrameWins() throws Exception {
        SessionConfig config = SessionConfig.lockstep(MACHINE).withRealtime(1000, 1);
        SessionResult r = runPiped(config, Encoding.BINARY, c -> {
            long until = System.nanoTime() + 400_000_000L;
            while (System.nanoTime() < until) {
                Message.SensorFrame s = c.nextSensors();
                assertThat(s.status() & Message.SensorFrame.STATUS_REALTIME).isNotZero();
                c.actuate(s, 1, true, 0);
            }
            c.send(new Message.Bye());
        });
        assertThat(r.lateness()).isNotNull();
        assertThat(r.lateness().getTotalCount()).isBetween(250L, 600L);
        assertThat(r.ticks()).isBetween(250L, 600L);
        assertThat(r.summary()).contains("p99.9");
    }

    @Test
    void serverRefusesSessionsOverTheLimitAndServesTheOthers() throws Exception {
        LinkedBlockingQueue<SessionResult> ended = new LinkedBlockingQueue<>();
        try (HilServer server = new HilServer(SessionConfig.lockstep(MACHINE), InetAddress.getLoopbackAddress(), 0, 1,
                ended::add)) {
            try (HilClient first = HilClient.connect("127.0.0.1", server.port(), Encoding.BINARY)) {
                first.hello(false, 0);
                try (Socket second = new Socket("127.0.0.1", server.port())) {
                    second.setSoTimeout(5_000);
                    String line = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    assertThat(line).contains("\"type\":\"error\"").contains("server busy");
                }
                firmware(first, 100, 0);
            }
            assertThat(ended.poll(10, TimeUnit.SECONDS).ticks()).isEqualTo(100);
        }
    }
}
