package io.backflush.sim.hil;

import io.backflush.core.machine.Machine;
import io.backflush.core.machine.Presets;
import io.backflush.sim.hil.protocol.BinaryCodec;
import io.backflush.sim.hil.protocol.CodecTest;
import io.backflush.sim.hil.protocol.ErrorCode;
import io.backflush.sim.hil.protocol.Message;
import io.backflush.sim.hil.server.SessionConfig;
import io.backflush.sim.hil.server.SessionResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The protocol's error handling and bookkeeping (docs/protocol.md, "Errors", "Session", "Raw
 * signals"), over a real session on loopback TCP, frames written byte by byte where they must be
 * wrong. Resends and the watchdog are pushed out of the way (60 s), so every exchange is
 * deterministic.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HilProtocolTest {
    static final Machine MACHINE = Machine.of(Presets.singleBoiler());
    static final SessionConfig QUIET = SessionConfig.lockstep(MACHINE).withTimeouts(60_000, 60_000);

    static int code(Message m) {
        return m instanceof Message.Error e ? e.code() : -1;
    }

    /** The frame with one bit flipped at {@code offset}; it must hold no second magic. */
    static byte[] flipped(byte[] frame, int offset) {
        byte[] bad = frame.clone();
        bad[offset] ^= 0x01;
        for (int i = 1; i + 1 < bad.length; i++) {
            assertThat(bad[i] == 'B' && bad[i + 1] == 'F').as("a magic inside the test frame would resynchronise on it")
                    .isFalse();
        }
        return bad;
    }

    @Test
    void aCorruptedFrameOfEveryTypeIsRefusedWithBadCrcAndNothingHappens() throws Exception {
        assertThat(CodecTest.ALL.stream().map(BinaryCodec::type).distinct().count()).as("every type").isEqualTo((long) io.backflush.sim.hil.protocol.MessageType.values().length);
        // and an actuator frame answering the very tick the plant waits at: through, it would tick
        List<Message> frames = new java.util.ArrayList<>(CodecTest.ALL);
        frames.add(new Message.ActuatorFrame(0, 0, 1.0, 0.5, true));
        try (LiveSession s = LiveSession.started(QUIET, false)) {
            int refused = 0;
            for (Message m : frames) {
                byte[] frame = LiveSession.encode(m);
                int payload = frame.length - BinaryCodec.HEADER_BYTES - BinaryCodec.CRC_BYTES;
                // a bit flipped in the payload (where there is one) and one in the CRC itself
                List<Integer> sites = payload > 0 ? List.of(BinaryCodec.HEADER_BYTES, frame.length - 1)
                        : List.of(frame.length - 1);
                for (int site : sites) {
                    s.writeRaw(flipped(frame, site));
                    List<Message> got = s.sync();
                    String what = m.getClass().getSimpleName() + " with byte " + site + " flipped: " + got;
                    assertThat(code(got.get(0))).as(what).isEqualTo(ErrorCode.BAD_CRC.wire());
                    // then the rest of the bad frame is skipped up to the next magic, and nothing else
                    for (Message later : got.subList(1, got.size() - 2)) {
                        assertThat(code(later)).as(what).isEqualTo(ErrorCode.BAD_MAGIC.wire());
                    }
                    assertThat(((Message.SensorFrame) got.get(got.size() - 1)).seq()).as("no tick: " + what).isZero();
                    refused++;
                }
            }
            // the commands still in force are the safe state: 100 ticks later nothing has moved
            Message.SensorFrame after = s.step(100);
            assertThat(after.groupBar()).isZero();
            assertThat(after.flowPulses()).isZero();
            SessionResult r = s.bye();
            assertThat(r.ticks()).isEqualTo(100);
            assertThat(r.duplicates()).isZero();
            assertThat(r.errors()).isGreaterThanOrEqualTo(refused);
        }
    }

    @Test
    void aFrameWithAValidCrcAndAnotherVersionIsRefusedWithBadVersion() throws Exception {
        try (LiveSession s = LiveSession.open(QUIET)) {
            // a hello whose range leaves out versions 1 and 2 is refused; the client may retry
            s.client.send(new Message.Hello(3, 4, 0, 0));
            assertThat(code(s.client.next())).isEqualTo(ErrorCode.BAD_VERSION.wire());
            s.client.hello(false, 0);
            s.frame(0);

            byte[] actuators = LiveSession.encode(new Message.ActuatorFrame(0, 0, 1.0, 1.0, true));
            actuators[2] = 3;
            s.writeRaw(LiveSession.withValidCrc(actuators));
            List<Message> got = s.sync();
            // dropped whole: one error, no resynchronisation inside it, no tick
            assertThat(got).hasSize(3);
            assertThat(code(got.get(0))).as(got.toString()).isEqualTo(ErrorCode.BAD_VERSION.wire());
            assertThat(((Message.Error) got.get(0)).message()).contains("version 3");
            assertThat(((Message.SensorFrame) got.get(2)).seq()).isZero();

            byte[] bye = LiveSession.encode(new Message.Bye());
            bye[2] = 0;
            s.writeRaw(LiveSession.withValidCrc(bye));
            assertThat(code(s.sync().get(0))).as("a bye of version 0 does not end the session")
                    .isEqualTo(ErrorCode.BAD_VERSION.wire());
            SessionResult r = s.bye();
            assertThat(r.ticks()).isZero();
            assertThat(r.errors()).isEqualTo(3);
        }
    }

    @Test
    void anythingBeforeHelloIsRefusedWithNoHelloAndHelloStillWorks() throws Exception {
        try (LiveSession s = LiveSession.open(QUIET)) {
            s.client.send(new Message.ActuatorFrame(0, 0, 1, 0, true));
            s.client.send(new Message.Step(10));
            s.client.send(new Message.Fault("empty_tank"));
            for (int i = 0; i < 3; i++) {
                Message m = s.client.next();
                assertThat(code(m)).as("message %d before hello: %s", i, m).isEqualTo(ErrorCode.NO_HELLO.wire());
                assertThat(((Message.Error) m).count()).as("errors so far").isEqualTo(i + 1);
            }
            Message.HelloAck ack = s.client.hello(false, 0);
            assertThat(ack.version()).isEqualTo(1);
            Message.SensorFrame first = s.frame(0);
            assertThat(first.status() & Message.SensorFrame.STATUS_FAULT).as("the fault was ignored").isZero();
            assertThat(first.tankMl()).isEqualTo(2000.0);
            SessionResult r = s.bye();
            assertThat(r.ticks()).isZero();
            assertThat(r.errors()).isEqualTo(3);
        }
    }

    @Test
    void serverMessagesASecondHelloAndAnEmptySlotAreNotAllowed() throws Exception {
        try (LiveSession s = LiveSession.started(QUIET, false)) {
            List<Message> refused = List.of(new Message.Hello(1, 1, 0, 0), new Message.HelloAck(1, 0, 1000, 1),
                    new Message.SensorFrame(0, 0, 9, 9, 93, 88, 0, 2000, 0, 0, 0, 0, 0, 0, 0),
                    new Message.Ack(BinaryCodec.STEP, 1), new Message.Error(1, 1, "from a client"),
                    new Message.Restore(5));
            for (Message m : refused) {
                s.client.send(m);
                List<Message> got = s.sync();
                assertThat(got).as("%s", m).hasSize(3);
                assertThat(code(got.get(0))).as("%s: %s", m, got).isEqualTo(ErrorCode.NOT_ALLOWED.wire());
                assertThat(((Message.SensorFrame) got.get(2)).seq()).isZero();
            }
            // the session goes on: a filled slot restores
            s.client.send(new Message.Snapshot(5));
            assertThat(s.client.next()).isEqualTo(new Message.Ack(BinaryCodec.SNAPSHOT, 5));
            s.client.send(new Message.Restore(5));
            assertThat(s.client.next()).isEqualTo(new Message.Ack(BinaryCodec.RESTORE, 5));
            assertThat(s.frame(0).seq()).isZero();
            SessionResult r = s.bye();
            assertThat(r.errors()).isEqualTo(refused.size());
        }
    }

    @Test
    void anActuatorFrameForAnEarlierTickIsADuplicateIgnoredAndALaterOneASequenceError() throws Exception {
        try (LiveSession s = LiveSession.started(QUIET, false)) {
            s.actuate(0, false, 0);            // tick 0 answered: the plant waits at tick 1
            // tick 0 answered again, twice, with other commands: counted, not applied, no answer
            s.client.send(new Message.ActuatorFrame(0, 0, 1.0, 1.0, true));
            s.client.send(new Message.ActuatorFrame(0, 0, 1.0, 1.0, true));
            List<Message> got = s.sync();
            assertThat(got).as("duplicates get no answer").hasSize(2);
            assertThat(((Message.SensorFrame) got.get(1)).seq()).isEqualTo(1);

            s.client.send(new Message.ActuatorFrame(9, 9000, 1.0, 1.0, true));
            got = s.sync();
            assertThat(got).hasSize(3);
            assertThat(code(got.get(0))).isEqualTo(ErrorCode.SEQUENCE.wire());
            assertThat(((Message.SensorFrame) got.get(2)).seq()).isEqualTo(1);

            // neither the duplicates nor the future frame changed the commands: the pump stayed off
            Message.SensorFrame later = s.step(500);
            assertThat(later.flowPulses()).isZero();
            assertThat(later.groupBar()).isZero();
            SessionResult r = s.bye();
            assertThat(r.duplicates()).isEqualTo(2);
            assertThat(r.errors()).isEqualTo(1);
            assertThat(r.ticks()).isEqualTo(501);
        }
    }

    @Test
    void theTankHoldsItsStartMinusWhatThePumpDrewPlusWhatTheOpvReturned() throws Exception {
        double startMl = 1500.0;
        SessionConfig c = QUIET;
        SessionConfig config = new SessionConfig(c.machine(), c.realtime(), c.rateHz(), c.speed(), c.watchdogMillis(),
                c.resendMillis(), c.trace(), c.scenario(), c.mlPerPulse(), startMl, c.traceMaxBytes());
        try (LiveSession s = LiveSession.started(config, false)) {
            s.actuate(1.0, true, 0.0);
            // 8 s against the blind basket: the chamber fills (~5 s), then the OPV returns what the pump draws
            Message.SensorFrame quiet = s.step(5999);
            Message.SensorFrame plateau = s.step(2000);
            double drawnQuietMl = (plateau.flowPulses() - quiet.flowPulses()) * 0.5;
            assertThat(drawnQuietMl).as("the pump keeps drawing at the plateau").isGreaterThan(5.0);
            assertThat(Math.abs(plateau.tankMl() - quiet.tankMl())).as("but the OPV returns it to the tank")
                    .isLessThan(0.2 * drawnQuietMl);
            // the ledger: what left the tank is in the group (water, up to the chamber's free volume
            // plus its compliance at the plateau, less the compressed air) or in the drip tray
            double groupMaxMl = 45.0 + 0.5 * plateau.groupBar();
            double heldMl = startMl - plateau.tankMl() - plateau.dripMl();
            assertThat(plateau.dripMl()).isZero();
            assertThat(heldMl).as("water held in the group at %.2f bar", plateau.groupBar())
                    .isBetween(0.75 * 45.0, groupMaxMl);
            assertThat(plateau.flowPulses() * 0.5).as("drawn in all, ml").isGreaterThan(heldMl + 5.0);

            s.actuate(0.0, false, 0.0);
            Message.SensorFrame released = s.step(1999);
            assertThat(released.dripMl()).as("the whoosh went to the drip tray").isGreaterThan(10.0);
            // the pump is off (it ends its mains cycle, and in the valve's 20 ms dead time the group
            // relieves a little back through the OPV): the tank barely moves, the group empties
            assertThat(released.tankMl()).isCloseTo(plateau.tankMl(), within(0.5));
            double stillHeldMl = startMl - released.tankMl() - released.dripMl();
            assertThat(stillHeldMl).isBetween(0.0, heldMl - 10.0);
            s.bye();
        }
    }

    @Test
    void rawSignalsForAKnownPressureAndTemperatureFollowTheDocumentedScaling() throws Exception {
        try (LiveSession s = LiveSession.started(QUIET, true)) {
            // at t = 0 the hot, dry machine reads 0 bar, boiler 93.0 °C and the group in steady state
            // with it: (4·93 + 0.5·22)/4.5 = 85.11 °C on single-boiler
            Message.SensorFrame zero = s.first;
            assertThat(zero.status() & Message.SensorFrame.STATUS_RAW).isNotZero();
            // 0 bar: 0.5 V; 0.5 × 32768 / 6.144 = 2666.67 counts
            assertThat(zero.rawPressureCounts()).isBetween(2666, 2667);
            // MAX6675 quarter degrees: 93.0 × 4 = 372, floor(85.11 × 4) = 340
            assertThat(zero.rawBoilerQuarterC()).isEqualTo(372);
            assertThat(zero.rawGroupQuarterC()).isEqualTo((int) Math.floor((4.0 * 93 + 0.5 * 22) / 4.5 * 4));

            // a known pressure: 3 bar reads 0.5 + 4 × 3/12 = 1.5 V, 1.5 × 32768 / 6.144 = 8000 counts
            s.fault("offset target=group_bar value=3");
            Message.SensorFrame three = (Message.SensorFrame) s.sync().get(1);
            assertThat(three.groupBar()).isEqualTo(3.0);
            assertThat(three.rawPressureCounts()).isEqualTo(8000);
            // 7.5 bar: 0.5 + 2.5 = 3.0 V, 16000 counts; 12 bar: 4.5 V, 24000 counts
            s.fault("offset target=group_bar value=4.5");
            assertThat(((Message.SensorFrame) s.sync().get(1)).rawPressureCounts()).isEqualTo(16000);
            s.fault("offset target=group_bar value=4.5");
            assertThat(((Message.SensorFrame) s.sync().get(1)).rawPressureCounts()).isEqualTo(24000);

            // a known temperature: the boiler probe held at 93.0 and offset to 93.45 °C; 93.45 × 4 =
            // 373.8, so the MAX6675 (floor) says 373. Its next conversion is 220 ms after the one at t = 0
            s.fault("stuck target=boiler_c");
            s.fault("offset target=boiler_c value=0.45");
            Message.SensorFrame before = s.step(219); // t = 0.219 s: still the conversion of t = 0
            assertThat(before.boilerC()).isEqualTo((double) (float) 93.45);
            assertThat(before.rawBoilerQuarterC()).isEqualTo(372);
            Message.SensorFrame converted = s.step(1); // t = 0.220 s
            assertThat(converted.rawBoilerQuarterC()).isEqualTo(373);

            // mains zero crossings: 2 per cycle at 50 Hz, 100 in the first second
            Message.SensorFrame second = s.step(1000 - s.seq);
            assertThat(second.timeMicros()).isEqualTo(1_000_000);
            assertThat(second.rawZeroCrossings()).isEqualTo(100);
            // the SSR at duty 0.3: on for the first 0.3 s of each 1 s window
            s.actuate(0, false, 0.3); // the tick from 1.000 s
            assertThat(s.step(199).rawHeaterOn()).as("t = 1.2 s").isEqualTo(1);
            assertThat(s.step(300).rawHeaterOn()).as("t = 1.5 s").isEqualTo(0);
            s.bye();
        }
    }
}
