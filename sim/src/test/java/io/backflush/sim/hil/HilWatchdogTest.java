package io.backflush.sim.hil;

import io.backflush.core.machine.Machine;
import io.backflush.core.machine.Presets;
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

/**
 * The watchdog (docs/protocol.md, "Session" 4) in real time and in lockstep, and pause holding it
 * off. Waits by counting frames (real-time ticks, or resends of a silent lockstep session, which
 * the server spaces by its resend interval), never by sleeping; every loop is bounded.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HilWatchdogTest {
    static final Machine MACHINE = Machine.of(Presets.singleBoiler());
    static final long WATCHDOG_MS = 200;
    static final long RESEND_MS = 40;

    static boolean safe(Message.SensorFrame f) {
        return (f.status() & Message.SensorFrame.STATUS_SAFE) != 0;
    }

    static boolean paused(Message.SensorFrame f) {
        return (f.status() & Message.SensorFrame.STATUS_PAUSED) != 0;
    }

    /** The trace rows (not events) after the first line containing {@code marker}. */
    static List<String[]> rowsAfter(Path trace, String marker) throws Exception {
        List<String> lines = Files.readAllLines(trace);
        int at = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(marker)) {
                at = i;
                break;
            }
        }
        assertThat(at).as("'%s' in the trace", marker).isNotNegative();
        return lines.subList(at + 1, lines.size()).stream().filter(l -> !l.startsWith("#"))
                .map(l -> l.split(",")).toList();
    }

    @Test
    void inRealTimeASilentFirmwareIsPutInTheSafeStateAndGetsControlBackWithItsNextFrame(@TempDir Path dir)
            throws Exception {
        Path trace = dir.resolve("rt.csv");
        SessionConfig config = SessionConfig.lockstep(MACHINE).withRealtime(1000, 1).withTimeouts(WATCHDOG_MS, RESEND_MS)
                .withTrace(trace);
        try (LiveSession s = LiveSession.started(config, false)) {
            assertThat(s.first.status() & Message.SensorFrame.STATUS_REALTIME).isNotZero();
            s.client.send(new Message.ActuatorFrame(0, 0, 1.0, 1.0, true));
            long silentSince = System.nanoTime();
            Message.SensorFrame f = s.first;
            // frames keep coming at 1 kHz; read them by seq until the safe bit (at most 5 s of them)
            while (!safe(f)) {
                f = s.frame(f.seq() + 1);
                assertThat(f.seq()).as("seq of the frame that should carry the safe bit").isLessThan(5_000);
            }
            long silentMs = (System.nanoTime() - silentSince) / 1_000_000;
            assertThat(silentMs).as("the watchdog waited for its time").isGreaterThanOrEqualTo(WATCHDOG_MS);
            long trippedAt = f.seq();
            // the firmware speaks again: control back, the safe bit clears (within 2 s of frames)
            s.client.send(new Message.ActuatorFrame(f.seq(), f.timeMicros(), 0.0, 0.0, false));
            long limit = f.seq() + 2_000;
            while (safe(f)) {
                f = s.frame(f.seq() + 1);
                assertThat(f.seq()).as("safe bit still set").isLessThan(limit);
            }
            SessionResult r = s.bye();
            assertThat(r.watchdogTrips()).isEqualTo(1);
            assertThat(trippedAt).isPositive();
        }
        // from the trip on, the plant ran in its safe state: pump off, solenoid released, heater off
        List<String[]> after = rowsAfter(trace, "watchdog: no actuator frame for 200 ms");
        assertThat(after).isNotEmpty();
        String[] row = after.get(0);
        List<String> header = List.of(Files.readAllLines(trace).get(0).split(","));
        assertThat(List.of(row[header.indexOf("pump_duty")], row[header.indexOf("solenoid_command")],
                row[header.indexOf("heater_duty")])).as("applied pump, solenoid, heater").containsExactly("0.0", "0", "0.0");
        assertThat(Files.readString(trace)).contains("firmware back: commands accepted again");
    }

    /**
     * Reads resends of the frame of tick {@code seq} until at least {@code count} have come and at
     * least twice the watchdog time has passed; none may carry the safe bit.
     */
    static void silentWhilePaused(LiveSession s, long seq, int count) throws Exception {
        long since = System.nanoTime();
        int resends = 0;
        for (int i = 0; i < 500 && (resends < count || System.nanoTime() - since < 2 * WATCHDOG_MS * 1_000_000L); i++) {
            Message m = s.client.next();
            if (m instanceof Message.SensorFrame f && paused(f)) {
                assertThat(safe(f)).as("resend %d while paused carries the safe bit", resends).isFalse();
                assertThat(f.seq()).as("no tick while paused").isEqualTo(seq);
                resends++;
            }
        }
        assertThat(resends).isGreaterThanOrEqualTo(count);
        assertThat(System.nanoTime() - since).isGreaterThanOrEqualTo(2 * WATCHDOG_MS * 1_000_000L);
    }

    /** After resume, silence trips the watchdog: read frames until the safe bit (bounded). */
    static void tripsOnceResumed(LiveSession s) throws Exception {
        for (int i = 0; i < 5_000; i++) {
            Message m = s.client.next();
            if (m instanceof Message.SensorFrame f && safe(f)) {
                return;
            }
        }
        throw new AssertionError("the watchdog never fired after resume");
    }

    static void pauseHoldsTheWatchdogOff(SessionConfig config) throws Exception {
        try (LiveSession s = LiveSession.started(config, false)) {
            s.client.send(new Message.ActuatorFrame(0, 0, 0.0, 0.0, false));
            s.client.send(new Message.Pause());
            Message m;
            int guard = 0;
            do {
                m = s.client.next(); // real time: frames of ticks run before the pause arrived
                assertThat(guard++).isLessThan(5_000);
            } while (!(m instanceof Message.Ack a && a.type() == BinaryCodec.PAUSE));
            // the frame of the tick the plant holds at: the first resend tells it
            Message.SensorFrame held;
            do {
                held = s.client.nextSensors();
            } while (!paused(held));
            silentWhilePaused(s, held.seq(), 8);
            s.client.send(new Message.Resume());
            tripsOnceResumed(s);
            SessionResult r = s.bye();
            assertThat(r.watchdogTrips()).isEqualTo(1);
        }
    }

    @Test
    void pauseHoldsTheWatchdogOffInLockstep() throws Exception {
        pauseHoldsTheWatchdogOff(SessionConfig.lockstep(MACHINE).withTimeouts(WATCHDOG_MS, RESEND_MS));
    }

    @Test
    void pauseHoldsTheWatchdogOffInRealTime() throws Exception {
        pauseHoldsTheWatchdogOff(SessionConfig.lockstep(MACHINE).withRealtime(1000, 1).withTimeouts(WATCHDOG_MS, RESEND_MS));
    }
}
