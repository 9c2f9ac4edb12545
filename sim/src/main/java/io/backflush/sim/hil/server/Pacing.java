package io.backflush.sim.hil.server;

import io.backflush.sim.hil.protocol.ErrorCode;
import io.backflush.sim.hil.protocol.Message;
import org.HdrHistogram.Histogram;

import java.io.IOException;

/**
 * When a session's plant ticks, read from the wall clock and the firmware's frames, apart from the
 * tick itself: {@link Lockstep} waits for the answer to each sensor frame, {@link RealTime} ticks on
 * the clock. Both resend the last sensor frame after a silence and put the plant in its safe state
 * when the firmware stays silent past the watchdog; they count what they did.
 */
abstract class Pacing {
    /** What a pacing drives; {@link HilSession} implements it. */
    interface Session {
        /** The next decoded frame, {@link MessageSource#TIMEOUT} or {@link MessageSource#EOF}. */
        Object poll(long timeoutNanos) throws IOException;

        /** {@link #poll}, spinning first for up to {@code spinNanos} where the transport can ({@link MessageSource#poll(long, long)}). */
        Object poll(long timeoutNanos, long spinNanos) throws IOException;

        boolean stopRequested();

        boolean paused();

        /** In the safe state after a watchdog trip or a disconnect. */
        boolean safe();

        /** The tick the plant is at (the seq of the last sensor frame). */
        long seq();

        /** The firmware's commands from now on. */
        void command(Message.ActuatorFrame frame);

        /** One tick of the plant, then its sensor frame. */
        void tickAndSend() throws IOException;

        /** Sends the last sensor frame again. */
        void resend() throws IOException;

        /** The firmware fell silent: commands to the safe state, said in the trace. */
        void watchdog(String why);

        /** Refuses a frame with an error frame. */
        void refuse(ErrorCode code, String text) throws IOException;

        /**
         * Anything but an actuator frame: the end of the stream, a decode error, a control message.
         * Returns false when the session is over.
         */
        boolean handle(Object event) throws IOException;
    }

    final SessionConfig config;
    long duplicates;
    long resends;
    long watchdogTrips;

    Pacing(SessionConfig config) {
        this.config = config;
    }

    static Pacing of(SessionConfig config) {
        return config.realtime() ? new RealTime(config) : new Lockstep(config);
    }

    /** Drives the session until it ends (true) or the server asks it to stop (false). */
    abstract boolean run(Session s) throws IOException;

    /** Real time: tick lateness, µs; lockstep: null. */
    Histogram lateness() {
        return null;
    }

    final long watchdogNanos() {
        return config.watchdogMillis() * 1_000_000L;
    }

    final long resendNanos() {
        return config.resendMillis() * 1_000_000L;
    }

    /**
     * Whether a control message starts the watchdog's period again: the client drove the plant to
     * a new tick and waits for it (step, run_to, reset, restore, which may also take long), or
     * resumed after a pause. Junk, duplicates, frames out of sequence and other messages do not.
     */
    static boolean restartsWatchdog(Message m) {
        return switch (m.messageType()) {
            case STEP, RUN_TO, RESET, RESTORE, RESUME -> true;
            default -> false;
        };
    }

    final void resend(Session s) throws IOException {
        resends++;
        s.resend();
    }

    final void tripWatchdog(Session s) {
        watchdogTrips++;
        s.watchdog("no actuator frame for " + config.watchdogMillis() + " ms");
    }

    /**
     * The plant advances one tick only when the actuator frame answering that tick's sensor frame
     * arrives (same seq); an earlier seq is a duplicate, a later one a {@code SEQUENCE} error. The
     * wall clock is read only to resend and for the watchdog, never for the physics. Each wait for
     * the firmware's next frame first spins for up to {@link SessionConfig#lockstepSpinMicros}
     * (where the transport can look without blocking), then blocks: the spin changes when a frame
     * is read, never which frame or what the plant does with it.
     */
    static final class Lockstep extends Pacing {
        Lockstep(SessionConfig config) {
            super(config);
        }

        @Override
        boolean run(Session s) throws IOException {
            long resendNs = resendNanos();
            long watchdogNs = watchdogNanos();
            long spinNs = config.lockstepSpinMicros() * 1_000L;
            long lastHeard = System.nanoTime();
            long lastSent = lastHeard;
            while (!s.stopRequested()) {
                long now = System.nanoTime();
                long wait = resendNs - (now - lastSent);
                if (!s.paused() && !s.safe()) {
                    wait = Math.min(wait, watchdogNs - (now - lastHeard));
                }
                Object ev = s.poll(Math.max(1_000_000L, wait), spinNs);
                now = System.nanoTime();
                if (ev == MessageSource.TIMEOUT) {
                    if (!s.paused() && !s.safe() && now - lastHeard >= watchdogNs) {
                        tripWatchdog(s);
                    }
                    if (now - lastSent >= resendNs) {
                        resend(s);
                        lastSent = now;
                    }
                    continue;
                }
                if (ev instanceof Message.ActuatorFrame a) {
                    long waiting = s.seq() & 0xFFFFFFFFL;
                    if (a.seq() == waiting) {
                        lastHeard = now; // only the answer to this tick feeds the watchdog
                        s.command(a);
                        s.tickAndSend();
                        lastSent = now;
                    } else if (isBefore(a.seq(), waiting)) {
                        duplicates++;
                    } else {
                        s.refuse(ErrorCode.SEQUENCE, "actuator frame for tick " + a.seq()
                                + " but the plant waits for tick " + waiting);
                    }
                } else if (!s.handle(ev)) {
                    return true;
                } else if (ev instanceof Message m) {
                    lastSent = System.nanoTime();
                    if (restartsWatchdog(m)) {
                        lastHeard = lastSent;
                    }
                }
            }
            return false;
        }

        /** Whether {@code frameSeq} is an earlier tick than {@code current}, modulo 2^32. */
        private static boolean isBefore(long frameSeq, long current) {
            long diff = (current - frameSeq) & 0xFFFFFFFFL;
            return diff > 0 && diff < 0x80000000L;
        }
    }

    /**
     * Ticks paced by the wall clock at rate × speed; the latest actuator frame wins whatever its seq;
     * each tick's lateness goes into an HdrHistogram. Paused, it only resends.
     */
    static final class RealTime extends Pacing {
        /**
         * The last stretch before a tick that is waited by spinning rather than parking. JDK 17's
         * timed park on Linux wakes some 50–100 µs late (timer slack, scheduling); this bounds the
         * spin's cost to SPIN_NANOS × rate of a core (5 % at 1 kHz). System property
         * {@code backflush.spinMicros} (0: park only) for measurements.
         */
        static final long SPIN_NANOS = Long.getLong("backflush.spinMicros", 50) * 1_000L;

        private final Histogram lateness = new Histogram(3_600_000_000L, 3);

        RealTime(SessionConfig config) {
            super(config);
        }

        @Override
        Histogram lateness() {
            return lateness;
        }

        @Override
        boolean run(Session s) throws IOException {
            long periodNs = Math.max(1L, Math.round(1.0e9 / (config.rateHz() * config.speed())));
            long watchdogNs = watchdogNanos();
            long base = System.nanoTime();
            long k = 1;
            long lastHeard = base;
            while (!s.stopRequested()) {
                long now = System.nanoTime();
                if (s.paused()) {
                    Object ev = s.poll(resendNanos());
                    if (ev == MessageSource.TIMEOUT) {
                        resend(s);
                        continue;
                    }
                    if (!take(s, ev)) {
                        return true;
                    }
                    if (feedsWatchdog(ev)) {
                        lastHeard = System.nanoTime();
                    }
                    if (!s.paused()) {
                        base = System.nanoTime();
                        k = 1;
                    }
                    continue;
                }
                long due = base + k * periodNs;
                if (now < due) {
                    // park until shortly before the tick is due, then spin (still taking input) for the
                    // last SPIN_NANOS: a timed park can overshoot by tens of µs or more
                    long left = due - now;
                    Object ev = s.poll(left > SPIN_NANOS ? left - SPIN_NANOS : 0);
                    if (ev == MessageSource.TIMEOUT) {
                        if (left <= SPIN_NANOS) {
                            Thread.onSpinWait();
                        }
                    } else {
                        if (!take(s, ev)) {
                            return true;
                        }
                        if (feedsWatchdog(ev)) {
                            lastHeard = System.nanoTime();
                        }
                    }
                    continue;
                }
                lateness.recordValue(Math.min((now - due) / 1000, lateness.getHighestTrackableValue()));
                if (!s.safe() && now - lastHeard >= watchdogNs) {
                    tripWatchdog(s);
                }
                s.tickAndSend();
                k++;
            }
            return false;
        }

        /** In real time only actuator frames (any seq: the latest wins) and the control messages above feed it. */
        private static boolean feedsWatchdog(Object ev) {
            return ev instanceof Message.ActuatorFrame || (ev instanceof Message m && restartsWatchdog(m));
        }

        /** The latest actuator frame wins; anything else is the session's. */
        private static boolean take(Session s, Object ev) throws IOException {
            if (ev instanceof Message.ActuatorFrame a) {
                s.command(a);
                return true;
            }
            return s.handle(ev);
        }
    }
}
