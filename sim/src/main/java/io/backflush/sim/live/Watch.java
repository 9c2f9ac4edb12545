package io.backflush.sim.live;

import io.backflush.core.machine.Machine;
import io.backflush.core.plant.Actuators;
import io.backflush.core.plant.Plant;
import io.backflush.sim.hil.server.SessionWatcher;
import io.backflush.sim.run.TickObserver;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The live page of {@code serve --live-port} and {@code firmware run --live-port}: a read-only window
 * on the newest HIL session's plant. The session's thread never waits for a viewer: on each tick
 * its observer runs the live page's event detector ({@link LiveEvents}) and adds up the sound
 * levels; only when a viewer has asked for a frame (a volatile flag, set at most
 * {@link LiveSession#UPDATES_PER_SECOND} times a second) does it copy the few signals the page shows
 * into a new frame and publish it (one volatile write), with the events since into a ring of
 * {@value #EVENTS}. Each viewer's own thread reads the latest frame and the ring and writes to its
 * browser: a slow or absent browser blocks only that thread, and a viewer that falls more than
 * {@value #EVENTS} events behind is told how many it missed.
 */
public final class Watch implements SessionWatcher {
    /** Events kept for viewers to catch up with. */
    static final int EVENTS = 256;

    private final Machine machine;
    private final String serving;
    private volatile Tap current;
    private volatile boolean wanted;
    private final AtomicReference<Frame> latest = new AtomicReference<>();
    private final AtomicReferenceArray<Told> ring = new AtomicReferenceArray<>(EVENTS);
    private final AtomicLong told = new AtomicLong();
    private final AtomicLong frames = new AtomicLong();
    private final AtomicInteger viewers = new AtomicInteger();

    /**
     * @param machine the machine the sessions simulate (shown before the first firmware connects)
     * @param serving where firmware connects, for the page ("127.0.0.1:5555")
     */
    public Watch(Machine machine, String serving) {
        this.machine = machine;
        this.serving = serving;
    }

    /** One published frame: a session's plant at one moment, and the firmware's commands then. */
    record Frame(long number, long sessionId, Machine machine, double t, double[] values, double[] levels,
                 double residueMg, boolean pump, boolean solenoid, boolean heater) {
    }

    /** An event told to the viewers: the session it came from and what happened. */
    record Told(long sessionId, LiveEvents.Event event) {
    }

    /** Frames published so far (for tests and the benchmark's check that the page was fed). */
    public long framesPublished() {
        return frames.get();
    }

    /** Viewers attached now. */
    public int viewers() {
        return viewers.get();
    }

    @Override
    public TickObserver watch(long sessionId, Machine m, Plant plant, Actuators commanded) {
        Tap old = current;
        Tap tap = new Tap(sessionId, m, plant, commanded);
        current = tap;
        if (old != null && old.sessionId == sessionId) {
            tell(sessionId, new LiveEvents.Event(0, "control", "the firmware reset the plant", null));
        } else {
            tell(sessionId, new LiveEvents.Event(0, "control", "firmware session " + sessionId + " connected", null));
        }
        tap.publish(plant);
        return tap;
    }

    @Override
    public void ended(long sessionId, String reason) {
        Tap tap = current;
        if (tap != null && tap.sessionId == sessionId) {
            tap.events.finish(tap.plant);
            tap.publish(tap.plant);
            tell(sessionId, new LiveEvents.Event(tap.plant.timeSeconds(), "control",
                    "firmware session " + sessionId + " ended: " + reason, null));
        }
    }

    private void tell(long sessionId, LiveEvents.Event e) {
        long n = told.getAndIncrement();
        ring.set((int) (n % EVENTS), new Told(sessionId, e));
    }

    /** Runs on a session's thread: sees every tick, publishes a frame only when one is wanted. */
    private final class Tap implements TickObserver {
        final long sessionId;
        final Machine machine;
        final Plant plant;
        final Actuators commanded;
        final LiveEvents events;
        final SoundLevels sound;

        Tap(long sessionId, Machine machine, Plant plant, Actuators commanded) {
            this.sessionId = sessionId;
            this.machine = machine;
            this.plant = plant;
            this.commanded = commanded;
            this.events = new LiveEvents(plant);
            this.sound = new SoundLevels(machine.pump().freeFlowMlPerS());
        }

        @Override
        public void afterStep(double stepStartSeconds, Plant p) {
            if (current != this) {
                return;
            }
            events.afterStep(stepStartSeconds, p);
            sound.add(p);
            if (wanted) {
                wanted = false;
                publish(p);
            }
        }

        void publish(Plant p) {
            double[] values = new double[LiveSession.SIGNALS.length];
            for (int i = 0; i < values.length; i++) {
                values[i] = LiveSession.SIGNALS[i].read(p);
            }
            for (LiveEvents.Event e : events.drain()) {
                tell(sessionId, e);
            }
            latest.set(new Frame(frames.incrementAndGet(), sessionId, machine, p.timeSeconds() - events.originSeconds(),
                    values, sound.take(), p.cleaning().totalResidueMg(), commanded.pumpDuty() > 0,
                    commanded.solenoidEnergised(), commanded.heaterDuty() > 0));
        }
    }

    /** A new viewer (one browser tab). */
    Tab viewer(String id) {
        return new Viewer(id);
    }

    /** One browser tab watching: its own thread writes to it; nothing here is seen by a session's thread but the flag. */
    private final class Viewer extends Tab {
        Viewer(String id) {
            super(id);
        }

        @Override
        void stream(OutputStream out) throws IOException {
            viewers.incrementAndGet();
            try {
                run(out);
            } finally {
                viewers.decrementAndGet();
            }
        }

        private void run(OutputStream out) throws IOException {
            Frame first = latest.get();
            long shownSession = first == null ? -1 : first.sessionId();
            LiveSession.send(out, "hello", LiveSession.hello(id, first == null ? machine : first.machine(),
                    watching(shownSession)));
            // a viewer opening mid-session starts from the events still in the ring
            long cursor = Math.max(0, told.get() - EVENTS);
            long shownFrame = 0;
            while (!closed()) {
                long now = System.nanoTime();
                touch();
                wanted = true;
                Frame f = latest.get();
                if (f != null && f.sessionId() != shownSession) {
                    shownSession = f.sessionId();
                    LiveSession.send(out, "hello", LiveSession.hello(id, f.machine(), watching(shownSession)));
                }
                long end = told.get();
                if (end - cursor > EVENTS) {
                    LiveSession.send(out, "log", LiveSession.event(new LiveEvents.Event(f == null ? 0 : f.t(), "control",
                            (end - cursor - EVENTS) + " events missed (this page fell behind)", null)));
                    cursor = end - EVENTS;
                }
                for (; cursor < end; cursor++) {
                    Told e = ring.get((int) (cursor % EVENTS));
                    if (e != null && e.sessionId() == shownSession) {
                        LiveSession.send(out, "log", LiveSession.event(e.event()));
                    }
                }
                if (f != null && f.number() != shownFrame) {
                    shownFrame = f.number();
                    LiveSession.send(out, "state", LiveSession.state(f.t(), f.values(), f.levels(), f.residueMg(),
                            f.pump(), f.solenoid(), f.heater(), "blind", "firmware", 0));
                }
                sleepRest(now);
            }
            bye(out);
        }

        private String watching(long sessionId) {
            return sessionId < 0 ? "waiting for a firmware to connect to " + serving
                    : String.format(Locale.ROOT, "watching firmware session %d (read-only: the firmware drives it)",
                    sessionId);
        }
    }
}
