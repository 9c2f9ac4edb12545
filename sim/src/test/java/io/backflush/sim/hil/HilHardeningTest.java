package io.backflush.sim.hil;

import io.backflush.sim.hil.protocol.BinaryCodec;
import io.backflush.sim.hil.protocol.DecodeError;
import io.backflush.sim.hil.protocol.Decoded;
import io.backflush.sim.hil.protocol.ErrorCode;
import io.backflush.sim.hil.protocol.FrameDecoder;
import io.backflush.sim.hil.protocol.Encoding;
import io.backflush.sim.hil.protocol.Message;
import io.backflush.sim.hil.server.HilServer;
import io.backflush.sim.hil.server.SessionConfig;
import io.backflush.sim.hil.server.SessionResult;
import io.backflush.sim.hil.client.HilClient;
import io.backflush.sim.hil.fault.FaultSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.backflush.sim.hil.HilSessionTest.MACHINE;
import static io.backflush.sim.hil.HilSessionTest.runPiped;
import static org.assertj.core.api.Assertions.assertThat;

/** Regression tests of the server fixes of issue 11 §3 (B2, B3, B4, R1). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HilHardeningTest {
    /** Lockstep, with a sensor fault at a time between two thermocouple conversions (1.10 and 1.32 s). */
    static final SessionConfig CONFIG = SessionConfig.lockstep(MACHINE)
            .withScenario(List.of(FaultSpec.parse("offset target=boiler_c value=10 at=1.1005")));

    /** A raw-mode session that heats by a frame at tick 0, then steps: by {@code step n} or one {@code step 1} at a time. */
    private static Message.SensorFrame[] heatThenStep(int... steps) throws Exception {
        Message.SensorFrame[] frames = new Message.SensorFrame[steps.length];
        runPipedRaw(CONFIG, c -> {
            Message.SensorFrame s = c.nextSensors();
            c.actuate(s, 0, false, 1);
            c.sensorsFor(1);
            for (int i = 0; i < steps.length; i++) {
                c.send(new Message.Step(steps[i]));
                frames[i] = c.nextSensors();
            }
            c.send(new Message.Bye());
        });
        return frames;
    }

    static SessionResult runPipedRaw(SessionConfig config, HilSessionTest.Firmware firmware) throws Exception {
        return runPiped(config, Encoding.BINARY, true, firmware);
    }

    @Test
    void b2StepNGivesTheRawThermocoupleReadingOfNSingleSteps() throws Exception {
        int total = 12_000;
        int[] ones = new int[total];
        java.util.Arrays.fill(ones, 1);
        Message.SensorFrame[] single = heatThenStep(ones);
        assertThat(single[total - 1].rawBoilerQuarterC()).isGreaterThan(single[0].rawBoilerQuarterC() + 4);
        // long steps of uneven lengths, each ending somewhere else in the 220 ms conversion period; the
        // first ends at 1.200 s, after the offset fault (1.101 s) but before the converters' next
        // conversion (1.320 s): the raw boiler reading must not show it yet
        int[] lengths = {1199, 101, 333, 1999, 57, 1234, 450, 2001, 19, 777, 1500, 170, 159};
        Message.SensorFrame[] stepped = heatThenStep(lengths);
        int at = 0;
        for (int i = 0; i < lengths.length; i++) {
            at += lengths[i];
            Message.SensorFrame many = single[at - 1];
            assertThat(stepped[i].seq()).isEqualTo(at + 1L);
            assertThat(stepped[i].rawBoilerQuarterC()).as("raw boiler after %d ticks", at).isEqualTo(many.rawBoilerQuarterC());
            assertThat(stepped[i].rawGroupQuarterC()).as("raw group after %d ticks", at).isEqualTo(many.rawGroupQuarterC());
            assertThat(stepped[i]).isEqualTo(many);
        }
    }

    @Test
    void b2AfterARestoreTheRawThermocouplesFollowTheRestoredPlant() throws Exception {
        // no scenario: a restore does not undo the faults that fired since the snapshot
        runPipedRaw(SessionConfig.lockstep(MACHINE), c -> {
            Message.SensorFrame s = c.nextSensors();
            c.actuate(s, 0, false, 1);
            s = c.sensorsFor(1);
            c.send(new Message.Step(300));
            Message.SensorFrame atSnapshot = c.nextSensors();
            c.send(new Message.Snapshot(2));
            c.next();
            c.send(new Message.Step(20_000)); // 20 s of full heater: the boiler reads several degrees more
            Message.SensorFrame later = c.nextSensors();
            assertThat(later.rawBoilerQuarterC()).isGreaterThan(atSnapshot.rawBoilerQuarterC() + 8);
            c.send(new Message.Restore(2));
            c.next();
            Message.SensorFrame restored = c.nextSensors();
            assertThat(restored).isEqualTo(atSnapshot);
            // and the next 20 000 ticks convert where they did the first time
            c.send(new Message.Step(20_000));
            assertThat(c.nextSensors()).isEqualTo(later);
            c.send(new Message.Bye());
        });
    }

    /** Writes bytes past the client's encoder (junk, a hand-made frame). */
    static void writeRaw(HilClient c, byte[] bytes) throws Exception {
        var f = HilClient.class.getDeclaredField("out");
        f.setAccessible(true);
        java.io.OutputStream out = (java.io.OutputStream) f.get(c);
        out.write(bytes);
        out.flush();
    }

    /** Reads messages to the end of the stream; whether a sensor frame in the safe state was among them. */
    static boolean sawSafeFrame(HilClient c) throws Exception {
        boolean safe = false;
        try {
            while (true) {
                if (c.next() instanceof Message.SensorFrame s && (s.status() & Message.SensorFrame.STATUS_SAFE) != 0) {
                    safe = true;
                }
            }
        } catch (java.io.IOException end) {
            return safe;
        }
    }

    @Test
    void b3JunkAndStaleDuplicatesDoNotHoldTheLockstepWatchdogOff() throws Exception {
        SessionConfig config = SessionConfig.lockstep(MACHINE).withTimeouts(300, 100);
        SessionResult r = runPiped(config, Encoding.BINARY, c -> {
            Message.SensorFrame s0 = c.nextSensors();
            c.actuate(s0, 1, true, 1);
            c.sensorsFor(1);
            // 900 ms of junk and of the answer to tick 0 again, every 20 ms, never an answer to tick 1
            for (int i = 0; i < 45; i++) {
                writeRaw(c, "junk!".getBytes(StandardCharsets.US_ASCII));
                c.actuate(s0, 1, true, 1);
                Thread.sleep(20);
            }
            c.send(new Message.Bye());
            assertThat(sawSafeFrame(c)).as("a sensor frame in the safe state").isTrue();
        });
        assertThat(r.watchdogTrips()).isEqualTo(1);
        assertThat(r.duplicates()).isGreaterThanOrEqualTo(45);
    }

    @Test
    void b3InRealTimeOnlyActuatorFramesFeedTheWatchdog() throws Exception {
        SessionConfig config = SessionConfig.lockstep(MACHINE).withTimeouts(300, 100).withRealtime(1000, 1);
        SessionResult r = runPiped(config, Encoding.BINARY, c -> {
            Message.SensorFrame s = c.nextSensors();
            c.actuate(s, 1, true, 1);
            boolean safe = false;
            long until = System.nanoTime() + 3_000_000_000L;
            int n = 0;
            while (!safe && System.nanoTime() < until) {
                Message m = c.next();
                if (m instanceof Message.SensorFrame f) {
                    safe = (f.status() & Message.SensorFrame.STATUS_SAFE) != 0;
                    if (n++ % 20 == 0) { // junk and a valid message that is not an actuator frame
                        writeRaw(c, "junk!".getBytes(StandardCharsets.US_ASCII));
                        c.send(new Message.Snapshot(0));
                    }
                }
            }
            assertThat(safe).as("a sensor frame in the safe state").isTrue();
            c.send(new Message.Bye());
        });
        assertThat(r.watchdogTrips()).isEqualTo(1);
    }

    private static final long U32_MAX = 0xFFFFFFFFL;

    /** Reads to the ack of {@code type}; returns its value. */
    static long ackOf(HilClient c, int type) throws Exception {
        while (true) {
            if (c.next() instanceof Message.Ack a && a.type() == type) {
                return a.value();
            }
        }
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void b4AHugeStepIsInterruptedByByeOverTcp() throws Exception {
        java.util.concurrent.LinkedBlockingQueue<SessionResult> ended = new java.util.concurrent.LinkedBlockingQueue<>();
        try (HilServer server = new HilServer(SessionConfig.lockstep(MACHINE), InetAddress.getLoopbackAddress(), 0, 1,
                ended::add)) {
            try (HilClient c = HilClient.connect("127.0.0.1", server.port(), Encoding.BINARY)) {
                c.hello(false, 0);
                c.nextSensors();
                c.send(new Message.Step(U32_MAX));
                Thread.sleep(300);
                c.send(new Message.Bye());
                long done = ackOf(c, BinaryCodec.STEP);
                assertThat(done).isPositive().isLessThan(U32_MAX);
                assertThat(c.nextSensors().seq()).isEqualTo(done);
                assertThat(ackOf(c, BinaryCodec.BYE)).isEqualTo(done);
            }
            SessionResult r = ended.poll(10, TimeUnit.SECONDS);
            assertThat(r).isNotNull();
            assertThat(r.reason()).isEqualTo("client said bye");
        }
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void b4AHugeRunToReadsItsU64AsUnsignedAndIsInterruptedByPause() throws Exception {
        SessionResult r = runPiped(SessionConfig.lockstep(MACHINE), Encoding.BINARY, c -> {
            c.nextSensors();
            c.send(new Message.RunTo(-1L)); // 2^64 - 1 µs on the wire: far ahead, not negative
            Thread.sleep(300);
            c.send(new Message.Pause());
            Message first = c.next();
            assertThat(first).isInstanceOf(Message.Ack.class);
            long done = ((Message.Ack) first).value();
            assertThat(((Message.Ack) first).type()).isEqualTo(BinaryCodec.RUN_TO);
            assertThat(done).isPositive().isLessThan(U32_MAX);
            Message.SensorFrame s = c.nextSensors();
            assertThat(s.seq()).isEqualTo(done);
            assertThat(ackOf(c, BinaryCodec.PAUSE)).isEqualTo(done);
            // paused, the plant stays where it is; a short step still runs to its end
            c.send(new Message.Step(500));
            assertThat(ackOf(c, BinaryCodec.STEP)).isEqualTo(500);
            assertThat(c.nextSensors().seq()).isEqualTo(done + 500);
            c.send(new Message.Bye());
        });
        assertThat(r.errors()).isZero();
        assertThat(r.reason()).isEqualTo("client said bye");
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void b4AHugeStepIsInterruptedByADisconnectAndTheTraceIsBounded(@TempDir Path dir) throws Exception {
        SessionConfig config = SessionConfig.lockstep(MACHINE).withTrace(dir.resolve("t.csv")).withTraceMaxBytes(300_000);
        SessionResult r = runPiped(config, Encoding.BINARY, c -> {
            c.nextSensors();
            c.send(new Message.Step(U32_MAX));
            Thread.sleep(500);
        });
        assertThat(r.reason()).isEqualTo("firmware disconnected");
        assertThat(r.ticks()).isPositive().isLessThan(U32_MAX);
        List<String> lines = Files.readAllLines(dir.resolve("t.csv"));
        assertThat(Files.size(dir.resolve("t.csv"))).isLessThanOrEqualTo(300_000);
        assertThat(lines.get(lines.size() - 1)).startsWith("#event,").contains("trace stopped")
                .contains("300000 bytes");
        assertThat(lines.size()).isGreaterThan(100);
    }

    @Test
    void r1AWrongButLegalLengthForAFixedSizeTypeIsRefusedFromItsHeader() {
        for (int announced : new int[] {0, 23, 25, 200, 256}) {
            FrameDecoder d = Encoding.BINARY.newDecoder();
            byte[] frame = new byte[64];
            int n = Encoding.BINARY.encode(new Message.ActuatorFrame(0, 0, 1, 0, true), frame);
            // an actuator header announcing another length, and nothing more of it; then a good frame
            byte[] header = {'B', 'F', 1, (byte) BinaryCodec.ACTUATORS, (byte) announced, (byte) (announced >> 8)};
            d.feed(header, 0, header.length);
            d.feed(frame, 0, n);
            Decoded first = d.next();
            assertThat(first).as("announced %d", announced).isInstanceOf(DecodeError.class);
            assertThat(((DecodeError) first).code()).isEqualTo(ErrorCode.BAD_LENGTH);
            assertThat(((DecodeError) first).detail()).contains("24-byte payload, got " + announced);
            Decoded next = d.next();
            while (next instanceof DecodeError e && e.code() == ErrorCode.BAD_MAGIC) {
                next = d.next(); // the rest of the bad header
            }
            assertThat(next).as("the frame after it, announced %d", announced)
                    .isEqualTo(new Message.ActuatorFrame(0, 0, 1, 0, true));
            assertThat(d.next()).isNull();
        }
    }

    @Test
    void r1JsonErrorsSayTheLineTheyAreIn() {
        FrameDecoder d = Encoding.JSON.newDecoder();
        byte[] lines = ("{\"type\":\"pause\"}\n\n{\"type\":\"step\",\"n\":-1}\n{\"type\":\"nope\"}\n{\"type\":\"bye\"\n")
                .getBytes(StandardCharsets.UTF_8);
        d.feed(lines, 0, lines.length);
        assertThat(d.next()).isInstanceOf(Message.Pause.class);
        assertThat(((DecodeError) d.next()).toFrame(1).message()).endsWith(" at line 3");
        assertThat(((DecodeError) d.next()).toFrame(2).message()).endsWith(" at line 4");
        assertThat(((DecodeError) d.next()).toFrame(3).message()).startsWith("malformed JSON").endsWith(" at line 5");
    }

    @Test
    void realTimeLatenessIsSentToTheClientAndWrittenInTheTrace(@TempDir Path dir) throws Exception {
        SessionConfig config = SessionConfig.lockstep(MACHINE).withRealtime(1000, 1).withTrace(dir.resolve("rt.csv"));
        Message.Stats[] got = new Message.Stats[1];
        SessionResult r = runPiped(config, Encoding.JSON, c -> {
            long until = System.nanoTime() + 300_000_000L;
            while (System.nanoTime() < until) {
                Message.SensorFrame s = c.nextSensors();
                c.actuate(s, 0, false, 0);
            }
            c.send(new Message.GetStats());
            Message m;
            do {
                m = c.next();
            } while (!(m instanceof Message.Stats));
            got[0] = (Message.Stats) m;
            c.send(new Message.Bye());
        });
        Message.Stats stats = got[0];
        assertThat(stats.lateTicks()).isBetween(150L, 600L);
        assertThat(stats.ticks()).isBetween(stats.lateTicks() - 5, stats.lateTicks() + 5);
        assertThat(stats.lateP50Micros()).isLessThanOrEqualTo(stats.lateP99Micros());
        assertThat(stats.lateP99Micros()).isLessThanOrEqualTo(stats.lateP999Micros());
        assertThat(stats.lateP999Micros()).isLessThanOrEqualTo(stats.lateMaxMicros());
        assertThat(stats.lateMaxMicros()).isLessThanOrEqualTo(r.lateness().getMaxValue());
        String trace = Files.readString(dir.resolve("rt.csv"));
        assertThat(trace).containsPattern("#event,\\d+,real time: \\d+ ticks, tick lateness p50 \\d+ us, p99 \\d+ us, "
                + "p99.9 \\d+ us, max " + r.lateness().getMaxValue() + " us\n#event,\\d+,end: ");
    }

    @Test
    void lockstepStatsCountTheSessionAndHaveNoLateness() throws Exception {
        runPiped(SessionConfig.lockstep(MACHINE), Encoding.BINARY, c -> {
            Message.SensorFrame s = c.nextSensors();
            c.actuate(s, 1, true, 0);
            c.actuate(s, 1, true, 0); // a duplicate
            s = c.sensorsFor(1);
            writeRaw(c, "?".getBytes(StandardCharsets.US_ASCII));
            c.send(new Message.Step(41));
            c.send(new Message.GetStats());
            Message m;
            do {
                m = c.next();
            } while (!(m instanceof Message.Stats));
            assertThat(m).isEqualTo(new Message.Stats(42, 0, 0, 0, 0, 0, 0, 0, 1, 1));
            c.send(new Message.Bye());
        });
    }
}
