package io.backflush.sim.hil.server;

import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.machine.StartState;
import io.backflush.core.plant.InitialConditions;
import io.backflush.core.plant.Plant;
import io.backflush.sim.hil.fault.FaultEngine;
import io.backflush.sim.hil.fault.FaultSpec;
import io.backflush.sim.hil.fault.FaultSpecException;
import io.backflush.sim.hil.protocol.DecodeError;
import io.backflush.sim.hil.protocol.Encoding;
import io.backflush.sim.hil.protocol.ErrorCode;
import io.backflush.sim.hil.protocol.Message;
import io.backflush.sim.hil.protocol.MessageType;
import io.backflush.sim.run.CycleDetector;
import io.backflush.sim.run.Simulation;
import io.backflush.sim.run.TickObserver;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One firmware connected to one plant: the protocol's conversation over a {@link Transport}
 * (hello, actuator frames, control messages, acks and errors), with the plant driven by the
 * executive's own tick ({@link Simulation#tick()}) and the ticks paced by a {@link Pacing}:
 * lockstep (the plant advances a tick only when the actuator frame answering that tick's sensor
 * frame arrives; the wall clock is read only for the watchdog and resends, never for the physics)
 * or real time (ticks paced by the wall clock, the latest actuator frame wins, lateness recorded).
 * Never throws on bad input: bad frames get an error frame and are counted.
 *
 * <p>Each tick is the executive's: the sensors are read, the controller — the firmware's latest
 * commands through SSR windows and actuator faults ({@link FirmwarePort}) — sets the commands, the
 * plant steps, and the observers see the result: the session (tick count and trace row), the
 * {@link CycleDetector} and the {@link FaultEngine} (true readings, fault triggers). Then the next
 * sensor frame (true readings changed by sensor faults) is sent.
 */
public final class HilSession {
    private static final int SLOTS = 8;
    private static final long MIN_DT_MICROS = 10;
    private static final long MAX_DT_MICROS = 100_000;
    /** How often a long step or run_to looks for a bye, pause or disconnect, ns of wall time. */
    private static final long CHECK_NANOS = 20_000_000L;

    private final SessionConfig config;
    private final Transport transport;
    private final long id;
    private final MessageSource source;
    private final OutputStream out;
    private final byte[] outBuffer = new byte[Encoding.MAX_FRAME_BYTES];
    private final Plant.Snapshot[] slots = new Plant.Snapshot[SLOTS];
    private final long[] slotSeq = new long[SLOTS];
    private final FirmwarePort.Held[] slotPort = new FirmwarePort.Held[SLOTS];
    private final Pacing pacing;

    // one plant, from a reset to the next
    private Plant plant;
    private FirmwarePort port;
    private CycleDetector detector;
    private FaultEngine faults;
    private Simulation simulation;

    private HilTrace trace;
    private long dtMicros;
    private double dtSeconds;
    private boolean rawMode;
    /** The protocol version the hello negotiated. */
    private int version = Message.VERSION;
    private long seq;
    private Message.SensorFrame lastFrame;
    private boolean paused;
    private boolean safe;
    private long errors;
    private String endReason = "ended";
    private volatile boolean stopRequested;
    private SessionWatcher watcher;

    public HilSession(SessionConfig config, Transport transport, long id) {
        this.config = config;
        this.transport = transport;
        this.id = id;
        this.out = transport.out();
        this.source = transport.supportsReadTimeout() && !config.realtime()
                ? new MessageSource.Direct(transport)
                : new MessageSource.Threaded(transport.in(), "hil-reader-" + id);
        this.pacing = Pacing.of(config);
    }

    /**
     * Lets {@code w} watch this session's plant (call before {@link #call()}); null: nobody. The
     * watcher's observer runs on this session's thread and must not block.
     */
    public HilSession watchedBy(SessionWatcher w) {
        this.watcher = w;
        return this;
    }

    /** Asks the session to end (server shutdown); it closes its transport. */
    public void stop() {
        stopRequested = true;
        try {
            transport.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** Runs the session to its end and reports how it went. Never throws. */
    public SessionResult call() {
        try {
            if (awaitHello()) {
                openTrace();
                resetPlant(0, false, Message.Reset.START_DEFAULT);
                sendSensors();
                if (!pacing.run(new Driven())) {
                    endReason = "server stopped";
                }
            }
        } catch (PeerGone e) {
            disconnected();
        } catch (IOException | UncheckedIOException e) {
            endReason = stopRequested ? "server stopped" : "i/o error: " + e.getMessage();
        } catch (RuntimeException e) {
            endReason = "internal error: " + e;
        } finally {
            finish();
        }
        return new SessionResult(id, transport.describe(), endReason, seq, errors + source.decoder.errors(),
                pacing.duplicates, pacing.resends, pacing.watchdogTrips, detector == null ? List.of() : detector.cycles(),
                pacing.lateness());
    }

    private void finish() {
        if (plant != null) {
            port.commanded().safeState();
            plant.actuators().safeState();
            detector.finish(plant);
        }
        if (trace != null) {
            try {
                Histogram h = pacing.lateness();
                if (h != null && h.getTotalCount() > 0) {
                    trace.event(timeMicros(), "real time: " + h.getTotalCount() + " ticks, "
                            + SessionResult.latenessSummary(h));
                }
                trace.event(timeMicros(), "end: " + endReason + "; plant to safe state");
                trace.close();
            } catch (IOException | UncheckedIOException ignored) {
                // the trace is best effort once the session is over
            }
        }
        if (watcher != null) {
            watcher.ended(id, endReason);
        }
        source.close();
        try {
            transport.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    private void openTrace() throws IOException {
        Path path = config.traceFor(id);
        if (path != null) {
            trace = new HilTrace(path, config.traceMaxBytes());
        }
    }

    // ---- hello ----

    private boolean awaitHello() throws IOException {
        long deadline = System.nanoTime() + config.watchdogMillis() * 1_000_000L;
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                endReason = "no hello within " + config.watchdogMillis() + " ms";
                return false;
            }
            Object ev = source.poll(left);
            if (ev == MessageSource.TIMEOUT) {
                continue;
            }
            if (ev == MessageSource.EOF) {
                endReason = "disconnected before hello";
                return false;
            }
            if (ev instanceof DecodeError e) {
                send(e.toFrame(errors + source.decoder.errors()));
                continue;
            }
            if (ev instanceof Message.Hello h) {
                if (h.minVersion() > Message.MAX_VERSION || h.maxVersion() < Message.VERSION) {
                    error(ErrorCode.BAD_VERSION, "client speaks versions " + h.minVersion() + ".." + h.maxVersion()
                            + ", this server speaks " + Message.VERSION + ".." + Message.MAX_VERSION);
                    continue;
                }
                dtMicros = Math.round(1.0e6 / config.rateHz());
                if (h.dtMicros() != 0 && !config.realtime()) {
                    if (h.dtMicros() < MIN_DT_MICROS || h.dtMicros() > MAX_DT_MICROS) {
                        error(ErrorCode.BAD_PAYLOAD, "dt_us must be " + MIN_DT_MICROS + ".." + MAX_DT_MICROS + ", got "
                                + h.dtMicros());
                        continue;
                    }
                    dtMicros = h.dtMicros();
                }
                dtSeconds = dtMicros / 1.0e6;
                rawMode = (h.flags() & Message.Hello.FLAG_RAW) != 0;
                int chosen = Math.min(h.maxVersion(), Message.MAX_VERSION);
                // the hello_ack itself is laid out alike in every version: written as v1, any client reads it
                send(new Message.HelloAck(chosen, rawMode ? Message.Hello.FLAG_RAW : 0, dtMicros, id));
                version = chosen;
                return true;
            }
            error(ErrorCode.NO_HELLO, "say hello first");
        }
    }

    // ---- what the pacing drives ----

    /** The session as its pacing sees it. */
    private final class Driven implements Pacing.Session {
        @Override
        public Object poll(long timeoutNanos) throws IOException {
            return source.poll(timeoutNanos);
        }

        @Override
        public Object poll(long timeoutNanos, long spinNanos) throws IOException {
            return source.poll(timeoutNanos, spinNanos);
        }

        @Override
        public boolean stopRequested() {
            return stopRequested;
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
        public void command(Message.ActuatorFrame a) {
            port.command(a);
            if (safe) {
                safe = false;
                event("firmware back: commands accepted again");
            }
        }

        @Override
        public void tickAndSend() throws IOException {
            simulation.tick();
            sendSensors();
        }

        @Override
        public void watchdog(String why) {
            safe = true;
            port.commanded().safeState();
            event("watchdog: " + why + "; plant to safe state (pump off, solenoid released, heater off)");
        }

        @Override
        public void refuse(ErrorCode code, String text) throws IOException {
            error(code, text);
        }

        @Override
        public boolean handle(Object event) throws IOException {
            if (event == MessageSource.EOF) {
                disconnected();
                return false;
            }
            if (event instanceof DecodeError e) {
                send(e.toFrame(errors + source.decoder.errors()));
                return true;
            }
            return control((Message) event);
        }

        @Override
        public void resend() throws IOException {
            send(lastFrame.withStatus(lastFrame.status() | Message.SensorFrame.STATUS_RESENT
                    | (safe ? Message.SensorFrame.STATUS_SAFE : 0) | (paused ? Message.SensorFrame.STATUS_PAUSED : 0)));
        }
    }

    // ---- control messages (both pacings) ----

    /** Carries out a control message; returns false when the session ends. */
    private boolean control(Message m) throws IOException {
        MessageType type = m.messageType();
        switch (type) {
            case PAUSE -> {
                paused = true;
                event("pause");
                ack(type, seq);
            }
            case RESUME -> {
                paused = false;
                event("resume");
                ack(type, seq);
            }
            case STEP -> {
                long ticks = ((Message.Step) m).ticks();
                ack(type, advance(type, ticks));
                sendSensors();
            }
            case RUN_TO -> {
                long target = ticksUntil(((Message.RunTo) m).timeMicros());
                ack(type, advance(type, Math.max(0, target - seq)));
                sendSensors();
            }
            case RESET -> {
                Message.Reset r = (Message.Reset) m;
                resetPlant(r.seed(), true, r.start());
                ack(type, 0);
                sendSensors();
            }
            case SNAPSHOT -> {
                int slot = ((Message.Snapshot) m).slot();
                slots[slot] = plant.snapshot();
                slotSeq[slot] = seq;
                slotPort[slot] = port.held();
                event("snapshot slot " + slot);
                ack(type, slot);
            }
            case RESTORE -> restore(((Message.Restore) m).slot());
            case FAULT -> {
                try {
                    FaultSpec spec = FaultSpec.parse(((Message.Fault) m).spec());
                    faults.add(spec);
                    event("fault requested by client: " + spec.text());
                    faults.fire(plant);
                    ack(type, 0);
                } catch (FaultSpecException e) {
                    error(ErrorCode.BAD_FAULT, "fault: " + e.getMessage());
                }
            }
            case BYE -> {
                endReason = "client said bye";
                try {
                    ack(type, seq);
                } catch (IOException e) {
                    // the client may close at once after its bye
                }
                return false;
            }
            case GET_STATS -> send(stats());
            case HELLO -> error(ErrorCode.NOT_ALLOWED, "hello already done");
            default -> error(ErrorCode.NOT_ALLOWED, type.jsonName() + " is sent by the server, not to it");
        }
        return true;
    }

    /**
     * Runs up to {@code ticks} ticks holding the commands, in chunks: every {@value #CHECK_NANOS} ns
     * of wall time it looks at the input waiting and stops early for a {@code bye}, a
     * {@code pause} or a disconnect (handled next by the pacing), or a server shutdown. Returns the
     * ticks run. A step that ends sooner than the first check never looks, so it does not depend
     * on the client's timing.
     */
    private long advance(MessageType type, long ticks) throws IOException {
        long done = 0;
        long checkAt = System.nanoTime() + CHECK_NANOS;
        while (done < ticks && !stopRequested) {
            simulation.tick();
            done++;
            if ((done & 1023) == 0 && System.nanoTime() - checkAt >= 0) {
                if (source.interruptWaiting()) {
                    event(type.jsonName() + " interrupted after " + done + " of " + ticks + " ticks");
                    break;
                }
                checkAt = System.nanoTime() + CHECK_NANOS;
            }
        }
        return done;
    }

    /** The tick at or after {@code timeMicros}, read as unsigned 64 bits (run_to's u64). */
    private long ticksUntil(long timeMicros) {
        long whole = Long.divideUnsigned(timeMicros, dtMicros);
        return Long.remainderUnsigned(timeMicros, dtMicros) == 0 ? whole : whole + 1;
    }

    /** The session's counters so far and its real-time lateness (zeros in lockstep), each capped at 2^32 - 1. */
    private Message.Stats stats() {
        Histogram h = pacing.lateness();
        boolean late = h != null && h.getTotalCount() > 0;
        return new Message.Stats(u32(seq), late ? u32(h.getTotalCount()) : 0,
                late ? u32(h.getValueAtPercentile(50)) : 0, late ? u32(h.getValueAtPercentile(99)) : 0,
                late ? u32(h.getValueAtPercentile(99.9)) : 0, late ? u32(h.getMaxValue()) : 0, u32(pacing.resends),
                u32(pacing.watchdogTrips), u32(pacing.duplicates), u32(errors + source.decoder.errors()));
    }

    private static long u32(long v) {
        return Math.max(0, Math.min(v, 0xFFFFFFFFL));
    }

    private void restore(int slot) throws IOException {
        if (slots[slot] == null) {
            error(ErrorCode.NOT_ALLOWED, "snapshot slot " + slot + " is empty");
            return;
        }
        plant.restore(slots[slot]);
        seq = slotSeq[slot];
        port.restore(slotPort[slot]);
        port.commanded().copyFrom(plant.actuators());
        faults.readTruth(plant); // the frame below reads the restored plant
        event("restore slot " + slot);
        ack(MessageType.RESTORE, slot);
        sendSensors();
    }

    // ---- the plant ----

    /**
     * A fresh plant (blind basket, dry) at tick 0, with its executive, faults and firmware port:
     * hot or cold as {@code start} says ({@link Message.Reset#START_DEFAULT}: the session's start,
     * {@code serve --start} or the machine file's).
     */
    private void resetPlant(long seed, boolean record, int start) {
        if (plant != null) {
            detector.finish(plant);
        }
        StartState state = start == Message.Reset.START_COLD ? StartState.COLD
                : start == Message.Reset.START_HOT ? StartState.HOT : config.machine().parameters().start();
        plant = new Plant(config.machine(), BasketParameters.blind(), InitialConditions.of(state));
        detector = new CycleDetector(plant, t -> "firmware");
        faults = new FaultEngine(dtSeconds, config.tankMl(), text -> event("fault injected: " + text))
                .machineSensors(version >= 2);
        faults.reset(seed, config.scenario());
        plant.seedSensorNoise(seed);
        port = new FirmwarePort(faults, rawMode, config.machine().pump().mainsHz(), config.mlPerPulse(), version,
                config.machine().parameters().sensors().pressureTransducer());
        simulation = new Simulation(plant, port, dtSeconds).observe(this::ticked).observe(detector).observe(faults)
                .observe((stepStart, p) -> port.afterTick(p));
        if (watcher != null) {
            TickObserver watching = watcher.watch(id, config.machine(), plant, port.commanded());
            if (watching != null) {
                simulation.observe(watching);
            }
        }
        seq = 0;
        if (record) {
            event("reset seed " + seed + ", " + state.label() + " start");
        }
        faults.readTruth(plant);
        faults.fire(plant);
        port.afterTick(plant);
    }

    /** The session's observer: counts the tick and writes its trace row. */
    private void ticked(double stepStartSeconds, Plant p) {
        seq++;
        if (trace != null) {
            trace.row(seq, timeMicros(), port.commanded(), p);
        }
    }

    private void disconnected() {
        // a transport the server closed (stop()) reads as the peer gone too: the server's reason wins
        endReason = stopRequested ? "server stopped" : "firmware disconnected";
        if (port != null) {
            port.commanded().safeState();
        }
        safe = true;
    }

    private long timeMicros() {
        return seq * dtMicros;
    }

    private void event(String text) {
        if (trace != null) {
            trace.event(timeMicros(), text);
        }
    }

    // ---- output ----

    private void sendSensors() throws IOException {
        int status = (paused ? Message.SensorFrame.STATUS_PAUSED : 0) | (safe ? Message.SensorFrame.STATUS_SAFE : 0)
                | (config.realtime() ? Message.SensorFrame.STATUS_REALTIME : 0);
        lastFrame = port.sensorFrame(seq, timeMicros(), status, plant);
        send(lastFrame);
    }

    private void ack(MessageType of, long value) throws IOException {
        send(new Message.Ack(of, value & 0xFFFFFFFFL));
    }

    private void error(ErrorCode code, String message) throws IOException {
        errors++;
        send(new Message.Error(code.wire(), errors + source.decoder.errors(), message));
    }

    private void send(Message m) throws IOException {
        int n = source.encoding().encode(m, outBuffer, version);
        try {
            out.write(outBuffer, 0, n);
            out.flush();
        } catch (IOException e) {
            throw new PeerGone(e);
        }
    }

    /** A write failed: the firmware has gone. */
    private static final class PeerGone extends IOException {
        PeerGone(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
