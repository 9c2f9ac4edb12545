package io.backflush.sim.hil;

import io.backflush.sim.hil.protocol.Encoding;
import io.backflush.sim.hil.protocol.Message;
import io.backflush.sim.hil.server.SessionConfig;
import io.backflush.sim.hil.server.SessionResult;
import io.backflush.sim.hil.fault.FaultSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

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
}
