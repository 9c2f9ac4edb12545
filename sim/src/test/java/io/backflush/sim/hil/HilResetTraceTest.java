package io.backflush.sim.hil;

import io.backflush.core.machine.Machine;
import io.backflush.core.machine.Presets;
import io.backflush.core.plant.InitialConditions;
import io.backflush.sim.hil.fault.FaultSpec;
import io.backflush.sim.hil.protocol.BinaryCodec;
import io.backflush.sim.hil.protocol.Message;
import io.backflush.sim.hil.server.SessionConfig;
import io.backflush.sim.hil.server.SessionResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A v2 reset's start (docs/protocol.md, the reset message: hot, cold, or the session's start), the
 * scenario re-armed at every start and reset (a fault without {@code at}/{@code when} fires at once:
 * the frame of tick 0 already shows it), and the trace's {@code #event} lines for the control
 * messages ("Trace": resets, snapshots, restores, pause and resume, the end of the session), each
 * at the {@code t_us} of the tick it happened at.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HilResetTraceTest {
    static final Machine MACHINE = Machine.of(Presets.singleBoiler());
    static final int STATUS_FAULT = 4;

    static LiveSession v2(SessionConfig config) throws Exception {
        LiveSession s = LiveSession.open(config);
        assertThat(s.client.hello(false, 0, 1, 2).version()).isEqualTo(2);
        s.first = s.frame(0);
        return s;
    }

    static Message.SensorFrame reset(LiveSession s, long seed, int start) throws Exception {
        s.client.send(new Message.Reset(seed, start));
        Message m;
        do {
            m = s.client.next();
        } while (m instanceof Message.SensorFrame);
        assertThat(m).isEqualTo(new Message.Ack(BinaryCodec.RESET, 0));
        Message.SensorFrame f = s.client.nextSensors();
        assertThat(f.seq()).isZero();
        s.seq = 0;
        return f;
    }

    @Test
    void aResetStartsHotOrColdAsItSaysAndOtherwiseAsTheSessionDoes() throws Exception {
        double hotC = InitialConditions.HOT_BOILER_C;
        try (LiveSession s = v2(SessionConfig.lockstep(MACHINE))) {
            Message.SensorFrame cold = reset(s, 1, Message.Reset.START_COLD);
            assertThat(cold.boilerC()).as("cold: the room's temperature").isLessThan(40.0);
            Message.SensorFrame hot = reset(s, 1, Message.Reset.START_HOT);
            assertThat(hot.boilerC()).as("hot").isCloseTo(hotC, within(3.0));
            Message.SensorFrame byDefault = reset(s, 1, Message.Reset.START_DEFAULT);
            assertThat(byDefault.boilerC()).as("the session's start, as at tick 0 of the session")
                    .isCloseTo(s.first.boilerC(), within(1e-9));
            reset(s, 1, Message.Reset.START_COLD);
            assertThat(reset(s, 1, Message.Reset.START_DEFAULT).boilerC()).as("not the last reset's start")
                    .isCloseTo(s.first.boilerC(), within(1e-9));
        }
    }

    @Test
    void theScenarioFiresAtTheStartAndAgainAfterEveryReset() throws Exception {
        SessionConfig config = SessionConfig.lockstep(MACHINE)
                .withScenario(List.of(FaultSpec.parse("offset target=boiler_c value=50")));
        try (LiveSession s = v2(config)) {
            assertThat(s.first.status() & STATUS_FAULT).as("fired at the start").isNotZero();
            assertThat(s.first.boilerC()).isCloseTo(InitialConditions.HOT_BOILER_C + 50, within(3.0));
            s.fault("clear");
            Message.SensorFrame cleared = s.step(1);
            assertThat(cleared.status() & STATUS_FAULT).isZero();
            assertThat(cleared.boilerC()).isCloseTo(InitialConditions.HOT_BOILER_C, within(3.0));
            Message.SensorFrame again = reset(s, 3, Message.Reset.START_HOT);
            assertThat(again.status() & STATUS_FAULT).as("re-armed and fired by the reset").isNotZero();
            assertThat(again.boilerC()).isCloseTo(InitialConditions.HOT_BOILER_C + 50, within(3.0));
        }
    }

    @Test
    void theTraceRecordsControlMessagesAtTheirTick(@TempDir Path dir) throws Exception {
        Path trace = dir.resolve("t.csv");
        SessionResult r;
        try (LiveSession s = LiveSession.started(SessionConfig.lockstep(MACHINE).withTrace(trace), false)) {
            s.step(3);                                  // t = 3 ms (1 kHz)
            s.client.send(new Message.Pause());
            assertThat(s.client.next()).isEqualTo(new Message.Ack(BinaryCodec.PAUSE, 3));
            s.client.send(new Message.Resume());
            assertThat(s.client.next()).isEqualTo(new Message.Ack(BinaryCodec.RESUME, 3));
            s.client.send(new Message.Snapshot(2));
            assertThat(s.client.next()).isEqualTo(new Message.Ack(BinaryCodec.SNAPSHOT, 2));
            s.step(4);                                  // t = 7 ms
            s.client.send(new Message.Restore(2));
            assertThat(s.client.next()).isEqualTo(new Message.Ack(BinaryCodec.RESTORE, 2));
            assertThat(s.client.nextSensors().seq()).as("back at tick 3").isEqualTo(3);
            s.seq = 3;
            s.reset(9);
            r = s.bye();
        }
        List<String> events = Files.readAllLines(trace).stream().filter(l -> l.startsWith("#event,")).toList();
        assertThat(events).as(String.join("\n", events)).hasSize(6);
        assertThat(events.get(0)).startsWith("#event,3000,").contains("pause");
        assertThat(events.get(1)).startsWith("#event,3000,").contains("resume");
        assertThat(events.get(2)).startsWith("#event,3000,").contains("snapshot").contains("2");
        assertThat(events.get(3)).as("the restore's time is the restored tick's").startsWith("#event,3000,")
                .contains("restore").contains("2");
        assertThat(events.get(4)).startsWith("#event,0,").contains("reset").contains("9");
        assertThat(events.get(5)).startsWith("#event,0,").contains("bye").contains("end");
        assertThat(r.reason()).isEqualTo("client said bye");
    }
}
