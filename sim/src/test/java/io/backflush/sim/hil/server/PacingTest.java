package io.backflush.sim.hil.server;

import io.backflush.core.machine.Machine;
import io.backflush.core.machine.Presets;
import io.backflush.sim.hil.protocol.ErrorCode;
import io.backflush.sim.hil.protocol.Message;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two pacings against a scripted session, in process: what arrives when (on the wall clock,
 * from the start of the run), and what the pacing then does — ticks, resends, watchdog trips,
 * duplicates, refusals — with the rules of docs/protocol.md, "Session" 2–5. The script's times are
 * far apart from the limits they test (at least 80 ms), and every check of a time is a lower bound
 * (a loaded machine only makes things later), so the tests do not depend on the machine's speed.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PacingTest {
    static final Machine MACHINE = Machine.of(Presets.singleBoiler());
    static final long MS = 1_000_000L;

    static SessionConfig lockstep(long watchdogMs, long resendMs, long spinMicros) {
        return SessionConfig.lockstep(MACHINE).withTimeouts(watchdogMs, resendMs).withLockstepSpinMicros(spinMicros);
    }

    static SessionConfig realTime(double rateHz, double speed, long watchdogMs, long resendMs) {
        return SessionConfig.lockstep(MACHINE).withTimeouts(watchdogMs, resendMs).withRealtime(rateHz, speed);
    }

    static Message.ActuatorFrame frame(long seq) {
        return new Message.ActuatorFrame(seq, 0, 0.5, 0.0, true);
    }

    /**
     * A session whose input is a script of events, each arriving at a time (ms after the pacing's
     * first poll, so that a slow start of the run does not bring them early); what the pacing asks of it is written down. Like {@link HilSession}: an actuator
     * frame ends the safe state, a tick advances {@code seq}, pause and resume set {@code paused},
     * a watchdog trip sets {@code safe}, and a {@code bye} ends the session.
     */
    static final class Scripted implements Pacing.Session {
        record At(long millis, Object event) {
        }

        /** Made before the run: earlier than any time the pacing reads. */
        final long start = System.nanoTime();
        /** The first poll: later than the time the pacing's clocks start from. */
        long scriptStart;
        boolean started;
        final ArrayDeque<At> script = new ArrayDeque<>();
        final List<Long> timeouts = new ArrayList<>();
        final List<Long> spins = new ArrayList<>();
        final List<String> log = new ArrayList<>();
        /** When each tick ran, ns after {@link #start}. */
        final List<Long> tickAt = new ArrayList<>();
        boolean paused;
        boolean safe;
        boolean stop;
        long seq;
        /** The session is asked to stop once this many ticks have run (0: never). */
        int stopAfterTicks;

        Scripted at(long millis, Object event) {
            script.add(new At(millis, event));
            return this;
        }

        long elapsed() {
            return System.nanoTime() - start;
        }

        private Object next(long timeoutNanos) {
            At head = script.peek();
            long now = System.nanoTime();
            if (!started) {
                started = true;
                scriptStart = now;
            }
            long due = head == null ? 0 : scriptStart + head.millis() * MS;
            long until = now + Math.max(0, Math.min(timeoutNanos, 60_000 * MS));
            if (head != null && due - until < 0) {
                until = due;
            }
            while (System.nanoTime() - until < 0) {
                LockSupport.parkNanos(until - System.nanoTime());
            }
            if (head != null && System.nanoTime() - due >= 0) {
                script.poll();
                return head.event();
            }
            return MessageSource.TIMEOUT;
        }

        @Override
        public Object poll(long timeoutNanos) {
            timeouts.add(timeoutNanos);
            spins.add(-1L);
            return next(timeoutNanos);
        }

        @Override
        public Object poll(long timeoutNanos, long spinNanos) {
            timeouts.add(timeoutNanos);
            spins.add(spinNanos);
            return next(timeoutNanos);
        }

        @Override
        public boolean stopRequested() {
            return stop;
        }

        @Override
        public boolean paused() {
            return paused;
        }

        @Override
        public boolean safe() {
            return safe;
        }

        @Override
        public long seq() {
            return seq;
        }

        @Override
        public void command(Message.ActuatorFrame f) {
            log.add("command " + f.seq());
            safe = false;
        }

        @Override
        public void tickAndSend() {
            seq++;
            tickAt.add(elapsed());
            log.add("tick " + seq);
            if (stopAfterTicks > 0 && tickAt.size() >= stopAfterTicks) {
                stop = true;
            }
        }

        @Override
        public void resend() {
            log.add("resend");
        }

        @Override
        public void watchdog(String why) {
            safe = true;
            log.add("watchdog: " + why);
        }

        @Override
        public void refuse(ErrorCode code, String text) {
            log.add("refuse " + code + ": " + text);
        }

        @Override
        public boolean handle(Object event) {
            log.add("handle " + event);
            if (event instanceof Message.Pause) {
                paused = true;
            } else if (event instanceof Message.Resume) {
                paused = false;
            }
            return !(event instanceof Message.Bye);
        }

        long count(String prefix) {
            return log.stream().filter(l -> l.startsWith(prefix)).count();
        }
    }

    // ---- lockstep ----

    @Test
    void lockstepAdvancesOnTheAnswerCountsEarlierTicksAndRefusesLaterOnesModulo2To32() throws Exception {
        Pacing p = new Pacing.Lockstep(lockstep(10_000, 10_000, 0));
        Scripted s = new Scripted();
        s.seq = (1L << 32) + 3; // the frames carry seq mod 2^32: the plant waits for 3
        s.at(0, frame(3))                  // the answer: tick 4
                .at(0, frame(3))           // one behind: a duplicate
                .at(0, frame(0))           // four behind
                .at(0, frame(6))           // two ahead: SEQUENCE
                .at(0, frame(4))           // the answer: tick 5
                .at(0, frame(5 - 0x7FFF_FFFFL + (1L << 32))) // 2^31 - 1 behind: still a duplicate
                .at(0, frame(5 + 0x8000_0000L))              // 2^31 away: a later tick
                .at(0, new Message.Bye());
        assertThat(p.run(s)).as("ends with the session (bye), not a stop").isTrue();
        assertThat(s.log).containsExactly(
                "command 3", "tick " + ((1L << 32) + 4),
                "refuse SEQUENCE: actuator frame for tick 6 but the plant waits for tick 4",
                "command 4", "tick " + ((1L << 32) + 5),
                "refuse SEQUENCE: actuator frame for tick " + (5 + 0x8000_0000L) + " but the plant waits for tick 5",
                "handle Bye[]");
        assertThat(p.duplicates).isEqualTo(3);
        assertThat(p.resends).isZero();
        assertThat(p.watchdogTrips).isZero();
    }

    @Test
    void lockstepWaitsAtTick0ForFrame0AndTakesTheWrappedPredecessorAsADuplicate() throws Exception {
        Pacing p = new Pacing.Lockstep(lockstep(10_000, 10_000, 0));
        Scripted s = new Scripted();
        s.at(0, frame(0xFFFF_FFFFL)).at(0, frame(1)).at(0, frame(0)).at(0, new Message.Bye());
        assertThat(p.run(s)).isTrue();
        assertThat(s.log).containsExactly(
                "refuse SEQUENCE: actuator frame for tick 1 but the plant waits for tick 0",
                "command 0", "tick 1", "handle Bye[]");
        assertThat(p.duplicates).isEqualTo(1);
    }

    @Test
    void lockstepSpinsForTheConfiguredTimeAndWaitsNoLongerThanTheResendOrWatchdogLeft() throws Exception {
        // watchdog 300 ms, resend 500 ms: the first wait is bounded by the watchdog; 100 ms later
        // (a duplicate that feeds neither) the watchdog's rest, ≤ 200 ms
        Pacing p = new Pacing.Lockstep(lockstep(300, 500, 50));
        Scripted s = new Scripted();
        s.at(100, frame(0xFFFF_FFFFL)).at(100, new Message.Bye());
        p.run(s);
        assertThat(s.spins).as("50 µs in ns, every poll").containsOnly(50_000L);
        assertThat(s.timeouts.get(0)).isBetween(1L, 300 * MS);
        assertThat(s.timeouts.get(1)).isBetween(1L, 200 * MS);

        // watchdog 10 s, resend 300 ms: the resend bounds the wait
        Pacing q = new Pacing.Lockstep(lockstep(10_000, 300, 0));
        Scripted t = new Scripted();
        t.at(100, frame(0xFFFF_FFFFL)).at(100, new Message.Bye());
        q.run(t);
        assertThat(t.spins).containsOnly(0L);
        assertThat(t.timeouts.get(0)).isBetween(1L, 300 * MS);
        assertThat(t.timeouts.get(1)).isBetween(1L, 200 * MS);
    }

    @Test
    void lockstepWaitsAtLeastAMillisecondEvenWhenTheResendIsOverdue() throws Exception {
        // resend 0 ms: every wait is already overdue, and each is one resend
        Pacing p = new Pacing.Lockstep(lockstep(10_000, 0, 0));
        Scripted s = new Scripted();
        s.at(30, new Message.Bye());
        p.run(s);
        assertThat(s.timeouts).isNotEmpty().allSatisfy(t -> assertThat(t).isEqualTo(MS));
        // at 1 ms a poll, no more than 30 in 30 ms
        assertThat(p.resends).isLessThanOrEqualTo(31L).isEqualTo(s.count("resend"));
    }

    @Test
    void lockstepPausedOrSafeWaitsForTheResendNotTheWatchdog() throws Exception {
        for (boolean paused : new boolean[] {true, false}) {
            Pacing p = new Pacing.Lockstep(lockstep(200, 10_000, 0));
            Scripted s = new Scripted();
            s.paused = paused;
            s.safe = !paused;
            s.at(350, new Message.Bye());
            p.run(s);
            assertThat(s.timeouts.get(0)).as(paused ? "paused" : "safe").isGreaterThan(9_000 * MS);
            assertThat(p.watchdogTrips).as("no trip while %s", paused ? "paused" : "safe").isZero();
        }
    }

    @Test
    void lockstepWatchdogTripsOncePerSilenceAndOnlyTheAnswerGivesControlBack() throws Exception {
        // watchdog 300 ms: trip at 300; a duplicate at 450 changes nothing; the answer at 500
        // gives control back; silent again, trip at 800; bye at 950
        Pacing p = new Pacing.Lockstep(lockstep(300, 10_000, 0));
        Scripted s = new Scripted();
        s.at(450, frame(0xFFFF_FFFFL)).at(500, frame(0)).at(950, new Message.Bye());
        p.run(s);
        assertThat(p.watchdogTrips).isEqualTo(2);
        assertThat(s.log).containsExactly(
                "watchdog: no actuator frame for 300 ms", "command 0", "tick 1",
                "watchdog: no actuator frame for 300 ms", "handle Bye[]");
        assertThat(p.duplicates).isEqualTo(1);
    }

    @Test
    void lockstepDuplicatesAndGetStatsDoNotFeedTheWatchdogButStepDoes() throws Exception {
        // watchdog 400 ms; at 250 ms a message; bye at 550: trips at 400 unless it fed the watchdog
        Object[][] cases = {
                {frame(0xFFFF_FFFFL), 1L}, {new Message.GetStats(), 1L}, {new Message.Pause(), 0L},
                {new Message.Step(1), 0L}, {new Message.RunTo(0), 0L}, {new Message.Reset(1, 0), 0L},
                {new Message.Restore(0), 0L}, {new Message.Snapshot(0), 1L}, {new Message.Fault("x"), 1L},
        };
        for (Object[] c : cases) {
            Pacing p = new Pacing.Lockstep(lockstep(400, 10_000, 0));
            Scripted s = new Scripted();
            s.at(250, c[0]).at(550, new Message.Bye());
            p.run(s);
            // pause stops it too (paused: no watchdog), by another rule
            assertThat(p.watchdogTrips).as("%s at 250 ms", c[0]).isEqualTo(c[1]);
        }
    }

    @Test
    void lockstepResumeRestartsTheWatchdogPeriod() throws Exception {
        // paused at the start; resume at 300 ms; watchdog 300 ms: no trip before 600 ms
        Pacing p = new Pacing.Lockstep(lockstep(300, 10_000, 0));
        Scripted s = new Scripted();
        s.paused = true;
        s.at(300, new Message.Resume()).at(480, new Message.Bye());
        p.run(s);
        assertThat(p.watchdogTrips).isZero();
    }

    @Test
    void lockstepResendsAfterASilenceOfTheResendPeriodCountedFromTheLastFrameOrControlMessage() throws Exception {
        // resend 200 ms: a resend at 200; the answer at 300 sends a frame: the next is due at 500,
        // after the bye at 460
        Pacing p = new Pacing.Lockstep(lockstep(10_000, 200, 0));
        Scripted s = new Scripted();
        s.at(300, frame(0)).at(460, new Message.Bye());
        p.run(s);
        assertThat(s.log).containsExactly("resend", "command 0", "tick 1", "handle Bye[]");
        assertThat(p.resends).isEqualTo(1);

        // the same with a control message at 300 instead of the answer
        Pacing q = new Pacing.Lockstep(lockstep(10_000, 200, 0));
        Scripted t = new Scripted();
        t.at(300, new Message.GetStats()).at(460, new Message.Bye());
        q.run(t);
        assertThat(t.log).containsExactly("resend", "handle GetStats[]", "handle Bye[]");

        // a duplicate at 300 is not input: resends at 200 and 400
        Pacing r = new Pacing.Lockstep(lockstep(10_000, 200, 0));
        Scripted u = new Scripted();
        u.at(300, frame(0xFFFF_FFFFL)).at(500, new Message.Bye());
        r.run(u);
        assertThat(u.log).containsExactly("resend", "resend", "handle Bye[]");
        assertThat(r.resends).isEqualTo(2);
    }

    @Test
    void lockstepStopsWhenTheServerAsksAndSaysSo() throws Exception {
        Pacing p = new Pacing.Lockstep(lockstep(10_000, 10_000, 0));
        Scripted s = new Scripted();
        s.stopAfterTicks = 2;
        s.at(0, frame(0)).at(0, frame(1)).at(0, frame(2)).at(0, new Message.Bye());
        assertThat(p.run(s)).as("stopped by the server").isFalse();
        assertThat(s.log).containsExactly("command 0", "tick 1", "command 1", "tick 2");
        assertThat(p.lateness()).as("lockstep measures no lateness").isNull();
    }

    // ---- real time ----

    @Test
    void realTimeTicksAreNeverEarlyAtRateTimesSpeedAndEachLatenessIsRecorded() throws Exception {
        // 100 Hz at half speed: a tick every 20 ms of wall time
        Pacing p = new Pacing.RealTime(realTime(100, 0.5, 10_000, 10_000));
        Scripted s = new Scripted();
        s.stopAfterTicks = 10;
        assertThat(p.run(s)).isFalse();
        assertThat(s.tickAt).hasSize(10);
        long worst = 0;
        for (int k = 1; k <= 10; k++) {
            long at = s.tickAt.get(k - 1);
            assertThat(at).as("tick %d", k).isGreaterThanOrEqualTo(k * 20 * MS);
            worst = Math.max(worst, at - k * 20 * MS);
        }
        Histogram h = p.lateness();
        assertThat(h.getTotalCount()).isEqualTo(10);
        // each tick's lateness is at most its time after the script's start less k periods (the
        // pacing's clock starts a little later than the script's), in µs; 0.1 % histogram precision
        assertThat(h.getMaxValue()).isLessThanOrEqualTo(worst / 1000 + worst / 1000 / 500 + 1);
        assertThat(p.resends).isZero();
        assertThat(p.watchdogTrips).isZero();
    }

    @Test
    void realTimeTakesTheLatestFrameWhateverItsSeqAndHandsTheRestToTheSession() throws Exception {
        Pacing p = new Pacing.RealTime(realTime(10, 1, 10_000, 10_000));
        Scripted s = new Scripted();
        s.at(30, frame(77)).at(40, frame(3)).at(50, new Message.GetStats()).at(60, new Message.Bye());
        assertThat(p.run(s)).as("the bye ends the session").isTrue();
        assertThat(s.log).containsExactly("command 77", "command 3", "handle GetStats[]", "handle Bye[]");
        assertThat(p.duplicates).isZero();
    }

    @Test
    void realTimeWatchdogTripsOnceWhenSilentAndAnyFrameOrStepFeedsIt() throws Exception {
        // 50 Hz, watchdog 400 ms, bye at 600 ms; at 300 ms: an actuator frame (any seq), a step or
        // a get_stats. Fed, the next trip would be at 700 ms.
        Object[][] cases = {{frame(12345), 0L}, {new Message.Step(0), 0L}, {new Message.GetStats(), 1L}};
        for (Object[] c : cases) {
            Pacing p = new Pacing.RealTime(realTime(50, 1, 400, 10_000));
            Scripted s = new Scripted();
            s.at(300, c[0]).at(600, new Message.Bye());
            p.run(s);
            assertThat(p.watchdogTrips).as("%s at 300 ms", c[0]).isEqualTo(c[1]);
        }
        // silent for 700 ms with a watchdog of 200: one trip, then the safe state holds
        Pacing p = new Pacing.RealTime(realTime(50, 1, 200, 10_000));
        Scripted s = new Scripted();
        s.at(700, new Message.Bye());
        p.run(s);
        assertThat(p.watchdogTrips).isEqualTo(1);
        assertThat(s.count("watchdog: no actuator frame for 200 ms")).isEqualTo(1);
        assertThat(s.tickAt.get(s.tickAt.size() - 1)).as("ticks go on in the safe state").isGreaterThan(300 * MS);
    }

    @Test
    void realTimePausedResendsAfterEachSilenceRunsNoTickAndRestartsTheClockOnResume() throws Exception {
        // 10 Hz (100 ms a tick), resend 150 ms, watchdog 300 ms; paused from the start, resumed at
        // 400 ms: resends at 150 and 300, no tick before 500 ms, the paused time neither late nor
        // silence for the watchdog
        Pacing p = new Pacing.RealTime(realTime(10, 1, 300, 150));
        Scripted s = new Scripted();
        s.paused = true;
        s.stopAfterTicks = 2;
        s.at(400, new Message.Resume());
        assertThat(p.run(s)).isFalse();
        assertThat(s.timeouts.subList(0, 3)).as("paused: each wait is the resend period")
                .containsOnly(150 * MS);
        assertThat(s.log.subList(0, 3)).containsExactly("resend", "resend", "handle Resume[]");
        assertThat(p.resends).isEqualTo(2);
        long resumed = 400 * MS;
        assertThat(s.tickAt.get(0)).isGreaterThanOrEqualTo(resumed + 100 * MS);
        assertThat(s.tickAt.get(1)).isGreaterThanOrEqualTo(resumed + 200 * MS);
        assertThat(p.watchdogTrips).isZero();
        long worst = Math.max(s.tickAt.get(0) - resumed - 100 * MS, s.tickAt.get(1) - resumed - 200 * MS);
        assertThat(p.lateness().getTotalCount()).isEqualTo(2);
        assertThat(p.lateness().getMaxValue()).isLessThanOrEqualTo(worst / 1000 + worst / 1000 / 500 + 1);
    }

    @Test
    void realTimePausedEndsOnBye() throws Exception {
        Pacing p = new Pacing.RealTime(realTime(10, 1, 10_000, 10_000));
        Scripted s = new Scripted();
        s.paused = true;
        s.at(20, new Message.GetStats()).at(40, new Message.Bye());
        assertThat(p.run(s)).isTrue();
        assertThat(s.log).containsExactly("handle GetStats[]", "handle Bye[]");
        assertThat(s.tickAt).isEmpty();
    }
}
