package io.backflush.sim.hil;

import io.backflush.core.machine.Machine;
import io.backflush.core.machine.Presets;
import io.backflush.sim.hil.protocol.BinaryCodec;
import io.backflush.sim.hil.protocol.ErrorCode;
import io.backflush.sim.hil.protocol.Message;
import io.backflush.sim.hil.server.SessionConfig;
import io.backflush.sim.hil.server.SessionResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The control messages' acks and frames as docs/protocol.md's table gives them ("Control
 * messages, their acks and frames"), the hello's tick, the error frames' running count and the
 * stats frame's counters, over a real lockstep session on loopback TCP (watchdog and resends
 * pushed out to 60 s, so every exchange is deterministic).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HilControlTest {
    static final Machine MACHINE = Machine.of(Presets.singleBoiler());
    static final SessionConfig QUIET = SessionConfig.lockstep(MACHINE).withTimeouts(60_000, 60_000);

    static Message.Ack ack(int type, long value) {
        return new Message.Ack(type, value);
    }

    @Test
    void eachControlMessageIsAckedWithTheDocumentedValue() throws Exception {
        try (LiveSession s = LiveSession.started(QUIET, false)) {
            s.actuate(0, false, 0);
            s.actuate(0, false, 0);                 // at tick 2
            s.client.send(new Message.Pause());
            assertThat(s.client.next()).isEqualTo(ack(BinaryCodec.PAUSE, 2));
            s.client.send(new Message.Step(3));
            assertThat(s.client.next()).isEqualTo(ack(BinaryCodec.STEP, 3));
            Message.SensorFrame paused = s.frame(5);
            assertThat(paused.status() & Message.SensorFrame.STATUS_PAUSED).as("paused bit").isNotZero();
            assertThat(paused.timeMicros()).isEqualTo(5000);
            s.client.send(new Message.Resume());
            assertThat(s.client.next()).isEqualTo(ack(BinaryCodec.RESUME, 5));
            Message.SensorFrame resumed = s.actuate(0, false, 0);
            assertThat(resumed.seq()).isEqualTo(6);
            assertThat(resumed.status() & Message.SensorFrame.STATUS_PAUSED).isZero();

            // run_to: the first tick at or after t_us (dt 1000 µs)
            s.client.send(new Message.RunTo(7_500));
            assertThat(s.client.next()).isEqualTo(ack(BinaryCodec.RUN_TO, 2));
            assertThat(s.frame(8).timeMicros()).isEqualTo(8000);
            s.client.send(new Message.RunTo(8_000));
            assertThat(s.client.next()).as("already there").isEqualTo(ack(BinaryCodec.RUN_TO, 0));
            s.frame(8);
            s.client.send(new Message.RunTo(8_001));
            assertThat(s.client.next()).isEqualTo(ack(BinaryCodec.RUN_TO, 1));
            s.frame(9);
            s.client.send(new Message.RunTo(1_000));
            assertThat(s.client.next()).as("in the past").isEqualTo(ack(BinaryCodec.RUN_TO, 0));
            s.frame(9);

            s.client.send(new Message.Snapshot(7));
            assertThat(s.client.next()).isEqualTo(ack(BinaryCodec.SNAPSHOT, 7));
            s.step(11);                              // at tick 20
            s.client.send(new Message.Restore(7));
            assertThat(s.client.next()).isEqualTo(ack(BinaryCodec.RESTORE, 7));
            assertThat(s.frame(9).timeMicros()).as("seq and t_us go back").isEqualTo(9000);
            s.client.send(new Message.Fault("offset target=group_bar value=2"));
            assertThat(s.client.next()).isEqualTo(ack(BinaryCodec.FAULT, 0));
            s.client.send(new Message.Step(0));
            assertThat(s.client.next()).isEqualTo(ack(BinaryCodec.STEP, 0));
            Message.SensorFrame faulty = s.frame(9);
            assertThat(faulty.groupBar()).isEqualTo(2.0);
            assertThat(faulty.status() & Message.SensorFrame.STATUS_FAULT).isNotZero();
            s.client.send(new Message.Reset(3));
            assertThat(s.client.next()).isEqualTo(ack(BinaryCodec.RESET, 0));
            Message.SensorFrame fresh = s.frame(0);
            assertThat(fresh.groupBar()).as("a reset clears the faults").isEqualTo(0.0);
            assertThat(fresh.status() & Message.SensorFrame.STATUS_FAULT).isZero();
            s.actuate(0, false, 0);
            s.client.send(new Message.Bye());
            assertThat(s.client.next()).isEqualTo(ack(BinaryCodec.BYE, 1));
            SessionResult r = s.result();
            assertThat(r.reason()).isEqualTo("client said bye");
            assertThat(r.ticks()).isEqualTo(1);
            assertThat(r.errors()).isZero();
        }
    }

    @Test
    void theHellosTickIsHonouredInLockstepWithinTenMicrosecondsTo100Milliseconds() throws Exception {
        for (long dt : new long[] {10, 500, 100_000}) {
            try (LiveSession s = LiveSession.open(QUIET)) {
                Message.HelloAck a = s.client.hello(false, dt);
                assertThat(a.dtMicros()).isEqualTo(dt);
                s.frame(0);
                assertThat(s.actuate(0, false, 0).timeMicros()).isEqualTo(dt);
                s.client.send(new Message.RunTo(3 * dt - 1));
                assertThat(s.client.next()).isEqualTo(ack(BinaryCodec.RUN_TO, 2));
                assertThat(s.frame(3).timeMicros()).isEqualTo(3 * dt);
                s.bye();
            }
        }
        try (LiveSession s = LiveSession.open(QUIET)) {
            assertThat(s.client.hello(false, 0).dtMicros()).as("0: the server's 1/rate").isEqualTo(1000);
            s.bye();
        }
    }

    @Test
    void aTickOutsideTheRangeIsABadPayloadAndTheClientMayTryAgain() throws Exception {
        try (LiveSession s = LiveSession.open(QUIET)) {
            long[] bad = {9, 100_001};
            for (int i = 0; i < bad.length; i++) {
                s.client.send(new Message.Hello(1, 1, 0, bad[i]));
                assertThat(s.client.next()).isEqualTo(new Message.Error(ErrorCode.BAD_PAYLOAD.wire(), i + 1,
                        "dt_us must be 10..100000, got " + bad[i]));
            }
            assertThat(s.client.hello(true, 2000).dtMicros()).isEqualTo(2000);
            SessionResult r = s.bye();
            assertThat(r.errors()).isEqualTo(2);
        }
    }

    @Test
    void errorFramesCountTheSessionsErrorsAndStatsCountEverything() throws Exception {
        try (LiveSession s = LiveSession.started(QUIET, false)) {
            s.actuate(0, false, 0);                    // at tick 1
            s.client.send(new Message.ActuatorFrame(0, 0, 1, 1, true));   // duplicate
            s.client.send(new Message.ActuatorFrame(5, 0, 1, 1, true));   // sequence error 1
            s.client.send(new Message.Fault("melt target=group_bar"));    // bad fault 2
            s.client.send(new Message.Restore(4));                        // empty slot 3
            s.writeRaw("zz".getBytes(java.nio.charset.StandardCharsets.US_ASCII)); // junk 4 (the decoder's)
            s.client.send(new Message.Hello(1, 1, 0, 0));                 // second hello 5
            List<Message> got = s.sync();
            assertThat(got).hasSize(7);
            assertThat(got.subList(0, 5)).extracting(m -> ((Message.Error) m).count()).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(got.subList(0, 5)).extracting(m -> ((Message.Error) m).code()).containsExactly(
                    ErrorCode.SEQUENCE.wire(), ErrorCode.BAD_FAULT.wire(), ErrorCode.NOT_ALLOWED.wire(),
                    ErrorCode.BAD_MAGIC.wire(), ErrorCode.NOT_ALLOWED.wire());
            assertThat(((Message.Error) got.get(1)).message()).startsWith("fault: unknown fault 'melt' (one of stuck, ");
            assertThat(((Message.Error) got.get(2)).message()).isEqualTo("snapshot slot 4 is empty");
            assertThat(((Message.Error) got.get(4)).message()).isEqualTo("hello already done");
            s.step(9);                                  // at tick 10
            s.client.send(new Message.GetStats());
            assertThat(s.client.next()).isEqualTo(new Message.Stats(10, 0, 0, 0, 0, 0, 0, 0, 1, 5));
            SessionResult r = s.bye();
            assertThat(r.errors()).isEqualTo(5);
            assertThat(r.duplicates()).isEqualTo(1);
            assertThat(r.ticks()).isEqualTo(10);
            assertThat(r.transport()).contains("127.0.0.1");
        }
    }
}
