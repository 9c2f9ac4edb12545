package io.backflush.sim.hil;

import io.backflush.core.machine.Machine;
import io.backflush.core.machine.MachineParameters;
import io.backflush.core.machine.Presets;
import io.backflush.core.machine.StartState;
import io.backflush.core.thermal.PressurePlace;
import io.backflush.sim.hil.protocol.BinaryCodec;
import io.backflush.sim.hil.protocol.Decoded;
import io.backflush.sim.hil.protocol.Encoding;
import io.backflush.sim.hil.protocol.ErrorCode;
import io.backflush.sim.hil.protocol.FrameDecoder;
import io.backflush.sim.hil.protocol.Message;
import io.backflush.sim.hil.raw.RawSignals;
import io.backflush.sim.hil.server.HilSession;
import io.backflush.sim.hil.server.SessionConfig;
import io.backflush.sim.hil.server.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Protocol v2 (docs/protocol.md, "Versions"): negotiated by the hello, the sensor frame reads the
 * pressures where the machine's sensors sit and as they read them, the raw counts follow the
 * transducer the machine names; a v1 hello still gets v1 (byte for byte: {@link OldClientExchangeTest}).
 * Each session runs over an in-memory transport from a scripted client, so it is deterministic.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProtocolVersionTest {
    private static final Machine SINGLE_BOILER = Machine.of(Presets.singleBoiler());

    record Session(List<Message> messages, byte[] bytes) {
        List<Message.SensorFrame> frames() {
            List<Message.SensorFrame> out = new ArrayList<>();
            for (Message m : messages) {
                if (m instanceof Message.SensorFrame f) {
                    out.add(f);
                }
            }
            return out;
        }
    }

    private static Machine withSensors(PressurePlace transducer, double ripple, double noise) {
        MachineParameters p = Presets.singleBoiler();
        return Machine.of(new MachineParameters(p.name(), p.description(), p.pump(), p.overPressureValve(), p.gicleur(),
                p.groupInlet(), p.threeWayValve(), p.chamber(), p.boiler(), p.groupHead(),
                p.sensors().withPressure(transducer, ripple, noise, 0.0, 0L), p.environment(), p.line()));
    }

    /** A hello offering min..max with raw signals, 6 s pumping, 1 s released, then the extra messages and bye. */
    private static List<Message> script(int min, int max, Message... extra) {
        List<Message> out = new ArrayList<>();
        out.add(new Message.Hello(min, max, Message.Hello.FLAG_RAW, 0));
        for (long seq = 0; seq < 7000; seq++) {
            boolean filling = seq < 6000;
            out.add(new Message.ActuatorFrame(seq, seq * 1000, filling ? 1.0 : 0.0, 0.0, filling));
        }
        out.addAll(List.of(extra));
        out.add(new Message.Bye());
        return out;
    }

    /** Runs a session: the client writes in {@code clientVersion} after its hello; decodes the server by the hello_ack. */
    private static Session run(Machine machine, Encoding encoding, int clientVersion, List<Message> script) {
        ByteArrayOutputStream client = new ByteArrayOutputStream();
        byte[] buf = new byte[Encoding.MAX_FRAME_BYTES];
        for (Message m : script) {
            client.write(buf, 0, encoding.encode(m, buf, m instanceof Message.Hello ? 1 : clientVersion));
        }
        ByteArrayOutputStream server = new ByteArrayOutputStream();
        SessionConfig config = SessionConfig.lockstep(machine).withTimeouts(60_000, 60_000);
        new HilSession(config, Transport.of(new ByteArrayInputStream(client.toByteArray()), server, "test"), 1).call();
        byte[] bytes = server.toByteArray();
        FrameDecoder decoder = encoding.newDecoder();
        List<Message> got = new ArrayList<>();
        int at = 0;
        while (true) {
            Decoded d = decoder.next();
            if (d == null) {
                if (at == bytes.length) {
                    break;
                }
                int n = Math.min(decoder.space(), bytes.length - at);
                decoder.feed(bytes, at, n);
                at += n;
                continue;
            }
            assertThat(d).as("the server's output decodes").isInstanceOf(Message.class);
            got.add((Message) d);
            if (d instanceof Message.HelloAck a) {
                decoder.version(a.version());
            }
        }
        return new Session(got, bytes);
    }

    @Test
    void theHelloNegotiatesTheHighestCommonVersionAndRefusesARangeWithoutOne() {
        assertThat(((Message.HelloAck) run(SINGLE_BOILER, Encoding.BINARY, 1, script(1, 1)).messages().get(0)).version())
                .isEqualTo(1);
        assertThat(((Message.HelloAck) run(SINGLE_BOILER, Encoding.BINARY, 2, script(1, 2)).messages().get(0)).version())
                .isEqualTo(2);
        assertThat(((Message.HelloAck) run(SINGLE_BOILER, Encoding.JSON, 2, script(2, 9)).messages().get(0)).version())
                .isEqualTo(2);
        // a range of the future only: refused; the client retries with a range the server speaks
        List<Message> retry = new ArrayList<>(script(1, 2));
        retry.add(0, new Message.Hello(3, 5, 0, 0));
        Session s = run(SINGLE_BOILER, Encoding.BINARY, 2, retry);
        assertThat(s.messages().get(0)).isInstanceOfSatisfying(Message.Error.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_VERSION.wire()));
        assertThat(((Message.HelloAck) s.messages().get(1)).version()).isEqualTo(2);
    }

    @Test
    void version2ReadsTheLineSensorWithItsRippleAndTheRawCountsFollowTheMachinesTransducer() {
        Session v1 = run(SINGLE_BOILER, Encoding.BINARY, 1, script(1, 1));
        Session v2 = run(SINGLE_BOILER, Encoding.BINARY, 2, script(1, 2));
        List<Message.SensorFrame> f1 = v1.frames();
        List<Message.SensorFrame> f2 = v2.frames();
        assertThat(f2).hasSameSizeAs(f1).hasSize(7001);
        // the frames after hello_ack say version 2 in their header, and are 56-byte payloads
        int second = 6 + MessageTypeLengths.HELLO_ACK + 4;
        assertThat(v2.bytes()[second + 2]).isEqualTo((byte) 2);
        assertThat(v2.bytes()[second + 4] & 0xFF).isEqualTo(56);
        assertThat(v1.bytes()[second + 2]).isEqualTo((byte) 1);
        int rippled = 0;
        for (int i = 0; i < f1.size(); i++) {
            Message.SensorFrame a = f1.get(i);
            Message.SensorFrame b = f2.get(i);
            assertThat(b.groupBar()).as("group at %d: no noise by default", i).isEqualTo(a.groupBar());
            assertThat(b.boilerC()).isEqualTo(a.boilerC());
            double ripple = b.lineBar() - a.lineBar();
            assertThat(Math.abs(ripple)).as("ripple at %d", i).isLessThanOrEqualTo(0.2 + 1e-6);
            rippled += Math.abs(ripple) > 0.01 ? 1 : 0;
            if (i > 6001) {
                assertThat(b.lineBar()).as("pump off at %d: the trapped line reads without ripple", i).isEqualTo(a.lineBar());
            }
            // v1: counts of the group; v2: of the line (the preset's transducer), and both places
            // (the frame's pressures are floats: a count either side of the double's)
            assertThat(a.rawPressureCounts()).isCloseTo(RawSignals.pressureCounts(a.groupBar()), within(1));
            assertThat(a.rawLineCounts()).isZero();
            assertThat(b.rawPressureCounts()).isEqualTo(b.rawLineCounts());
            assertThat(b.rawLineCounts()).isCloseTo(RawSignals.pressureCounts(b.lineBar()), within(1));
            assertThat(b.rawGroupCounts()).isCloseTo(RawSignals.pressureCounts(b.groupBar()), within(1));
        }
        assertThat(rippled).as("frames with visible ripple while pumping").isGreaterThan(4000);
        assertThat(f2.get(6990).lineBar()).as("the line holds its pressure after the release").isGreaterThan(5.0);
        assertThat(f2.get(6990).rawPressureCounts()).isGreaterThan(f2.get(6990).rawGroupCounts() + 5000);
    }

    @Test
    void aMachineWithItsTransducerOnTheGroupSendsTheGroupsCounts() {
        List<Message.SensorFrame> frames = run(withSensors(PressurePlace.GROUP, 0.2, 0.0), Encoding.BINARY, 2,
                script(1, 2)).frames();
        for (Message.SensorFrame f : frames) {
            assertThat(f.rawPressureCounts()).isEqualTo(f.rawGroupCounts());
        }
        assertThat(frames.get(6990).rawPressureCounts()).isLessThan(frames.get(6990).rawLineCounts() - 5000);
    }

    @Test
    void version2JsonLinesNameTheLineAndCarryBothPlacesCounts() {
        Session s = run(SINGLE_BOILER, Encoding.JSON, 2, script(1, 2));
        String text = new String(s.bytes(), StandardCharsets.UTF_8);
        List<String> sensors = text.lines().filter(l -> l.startsWith("{\"type\":\"sensors\"")).toList();
        assertThat(sensors).hasSize(7001).allSatisfy(l -> assertThat(l).contains("\"line_bar\":")
                .doesNotContain("pump_bar").contains("\"raw_group_counts\":").contains("\"raw_line_counts\":"));
        Session binary = run(SINGLE_BOILER, Encoding.BINARY, 2, script(1, 2));
        for (int i = 0; i < 7001; i++) {
            Message.SensorFrame j = s.frames().get(i);
            Message.SensorFrame b = binary.frames().get(i);
            assertThat((float) j.lineBar()).isEqualTo((float) b.lineBar());
            assertThat(j.rawLineCounts()).isEqualTo(b.rawLineCounts());
        }
    }

    @Test
    void theResetSeedSeedsTheMachinesNoiseAndAFaultMayStillNameThePumpBar() {
        Machine noisy = withSensors(PressurePlace.LINE, 0.0, 0.05);
        Session a = run(noisy, Encoding.BINARY, 2, script(1, 2, new Message.Reset(5), new Message.Step(300),
                new Message.Reset(6), new Message.Step(300), new Message.Reset(5), new Message.Step(300)));
        List<Message.SensorFrame> f = a.frames();
        // 7001 frames, then per reset its tick-0 frame and the step's frame
        Message.SensorFrame seed5 = f.get(7002);
        Message.SensorFrame seed6 = f.get(7004);
        Message.SensorFrame seed5again = f.get(7006);
        assertThat(seed5.seq()).isEqualTo(300);
        assertThat(seed5again).isEqualTo(seed5);
        assertThat(seed6.groupBar()).isNotEqualTo(seed5.groupBar());
        assertThat(seed6.groupBar()).isCloseTo(seed5.groupBar(), within(0.5));

        Session stuck = run(SINGLE_BOILER, Encoding.BINARY, 2, script(1, 2, new Message.Fault("stuck target=pump_bar"),
                new Message.Reset(0), new Message.Fault("stuck target=pump_bar"), new Message.Step(100)));
        List<Message.SensorFrame> g = stuck.frames();
        assertThat(stuck.messages()).noneMatch(m -> m instanceof Message.Error);
        assertThat(g.get(g.size() - 1).lineBar()).isEqualTo(g.get(g.size() - 2).lineBar());
    }

    @Test
    void aResetStartsHotOrColdAsItAsksOrAsTheSessionDoesAndABadStartIsAnErrorFrame() {
        List<Message> script = List.of(new Message.Hello(1, 2, 0, 0), new Message.Reset(1, Message.Reset.START_COLD),
                new Message.Reset(1, Message.Reset.START_HOT), new Message.Reset(1), new Message.Reset(1, 3),
                new Message.Bye());
        for (Machine machine : List.of(SINGLE_BOILER, SINGLE_BOILER.withStart(StartState.COLD))) {
            Session s = run(machine, Encoding.BINARY, 2, script);
            List<Message.SensorFrame> f = s.frames();
            boolean coldSession = machine.parameters().start() == StartState.COLD;
            assertThat(f).hasSize(4);
            assertThat(f.get(0).boilerC()).as("the session's start").isCloseTo(coldSession ? 22.0 : 93.0, within(0.01));
            assertThat(f.get(1).boilerC()).as("reset start=cold").isCloseTo(22.0, within(0.01));
            assertThat(f.get(2).boilerC()).as("reset start=hot").isCloseTo(93.0, within(0.01));
            assertThat(f.get(3).boilerC()).as("reset to the session's start").isCloseTo(coldSession ? 22.0 : 93.0,
                    within(0.01));
            List<Message.Error> errors = s.messages().stream().filter(m -> m instanceof Message.Error)
                    .map(m -> (Message.Error) m).toList();
            assertThat(errors).hasSize(1);
            assertThat(errors.get(0).code()).isEqualTo(ErrorCode.BAD_PAYLOAD.wire());
            assertThat(errors.get(0).message()).contains("start").contains("0..2");
        }
        // JSON names the start; a v1 session's reset (8 bytes, no start) is the session's start
        Session json = run(SINGLE_BOILER, Encoding.JSON, 2, List.of(new Message.Hello(1, 2, 0, 0),
                new Message.Reset(1, Message.Reset.START_COLD), new Message.Bye()));
        assertThat(json.frames().get(1).boilerC()).isCloseTo(22.0, within(0.01));
        String lines = "{\"type\":\"hello\",\"max_version\":2}\n{\"type\":\"reset\",\"start\":\"warm\"}\n"
                + "{\"type\":\"reset\",\"start\":\"cold\"}\n{\"type\":\"bye\"}\n";
        ByteArrayOutputStream server = new ByteArrayOutputStream();
        new HilSession(SessionConfig.lockstep(SINGLE_BOILER).withTimeouts(60_000, 60_000), Transport.of(
                new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)), server, "json"), 1).call();
        String out = server.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("\"message\":\"reset: \\\"start\\\" must be one of default, hot, cold");
        assertThat(out.lines().filter(l -> l.contains("\"sensors\"")).skip(1).findFirst().orElseThrow())
                .contains("\"boiler_c\":22.0");
        Session v1 = run(SINGLE_BOILER.withStart(StartState.COLD), Encoding.BINARY, 1, List.of(
                new Message.Hello(1, 1, 0, 0), new Message.Reset(1, Message.Reset.START_HOT), new Message.Bye()));
        assertThat(v1.frames().get(1).boilerC()).as("v1 carries no start: the session's").isCloseTo(22.0, within(0.01));
    }

    /** The binary payload lengths the test reads frames by. */
    private static final class MessageTypeLengths {
        static final int HELLO_ACK = BinaryCodec.HELLO_ACK_BYTES;
    }
}
