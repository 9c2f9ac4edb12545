package io.backflush.sim.hil.server;

import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.plant.Actuators;
import io.backflush.core.plant.InitialConditions;
import io.backflush.core.plant.Plant;
import io.backflush.core.plant.Sensors;
import io.backflush.core.plant.StateLayout;
import io.backflush.sim.hil.fault.Channel;
import io.backflush.sim.hil.fault.FaultEngine;
import io.backflush.sim.hil.fault.FaultSpec;
import io.backflush.sim.hil.fault.FaultSpecException;
import io.backflush.sim.hil.protocol.BinaryCodec;
import io.backflush.sim.hil.protocol.DecodeError;
import io.backflush.sim.hil.protocol.Encoding;
import io.backflush.sim.hil.protocol.ErrorCode;
import io.backflush.sim.hil.protocol.Message;
import io.backflush.sim.hil.raw.RawSignals;
import io.backflush.sim.run.CycleDetector;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One firmware connected to one plant. Speaks the protocol over a {@link Transport}; runs in
 * lockstep (the plant advances a tick only when the actuator frame answering that tick's sensor
 * frame arrives; the wall clock is read only for the watchdog and resends, never for the physics)
 * or in real time (ticks paced by the wall clock, the latest actuator frame wins, lateness
 * recorded). Never throws on bad input: bad frames get an error frame and are counted.
 *
 * <p>Each tick: the commands in force (the firmware's, overridden by plant faults, the heater
 * switched by SSR windows when raw signals are on) are applied, the plant steps, the cycle
 * detector and the trace see the result, fault triggers are checked; then the next sensor frame
 * (true readings changed by sensor faults) is sent.
 */
public final class HilSession {
    private static final int SLOTS = 8;
    private static final long MIN_DT_MICROS = 10;
    private static final long MAX_DT_MICROS = 100_000;

    private final SessionConfig config;
    private final Transport transport;
    private final long id;
    private final MessageSource source;
    private final OutputStream out;
    private final byte[] outBuffer = new byte[Encoding.MAX_FRAME_BYTES];
    private final Sensors sensors = new Sensors();
    private final double[] truth = new double[Channel.COUNT];
    private final double[] readings = new double[Channel.COUNT];
    private final Actuators commanded = new Actuators();
    private final Actuators applied = new Actuators();
    private final Plant.Snapshot[] slots = new Plant.Snapshot[SLOTS];
    private final long[] slotSeq = new long[SLOTS];
    private final Histogram lateness;

    private Plant plant;
    private CycleDetector detector;
    private FaultEngine faults;
    private RawSignals raw;
    private HilTrace trace;
    private long dtMicros;
    private double dtSeconds;
    private boolean rawMode;
    private long seq;
    private long lastPulses;
    private Message.SensorFrame lastFrame;
    private boolean paused;
    private boolean safe;
    private long errors;
    private long duplicates;
    private long resends;
    private long watchdogTrips;
    private String endReason = "ended";
    private volatile boolean stopRequested;

    public HilSession(SessionConfig config, Transport transport, long id) {
        this.config = config;
        this.transport = transport;
        this.id = id;
        this.out = transport.out();
        this.source = transport.supportsReadTimeout() && !config.realtime()
                ? new MessageSource.Direct(transport)
                : new MessageSource.Threaded(transport.in(), "hil-reader-" + id);
        this.lateness = config.realtime() ? new Histogram(3_600_000_000L, 3) : null;
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
                resetPlant(0, false);
                sendSensors();
                if (config.realtime()) {
                    runRealtime();
                } else {
                    runLockstep();
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
                duplicates, resends, watchdogTrips, detector == null ? List.of() : detector.cycles(), lateness);
    }

    private void finish() {
        if (plant != null) {
            commanded.safeState();
            plant.actuators().safeState();
            detector.finish(plant);
        }
        if (trace != null) {
            try {
                trace.event(timeMicros(), "end: " + endReason + "; plant to safe state");
                trace.close();
            } catch (IOException | UncheckedIOException ignored) {
                // the trace is best effort once the session is over
            }
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
            trace = new HilTrace(path);
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
                if (h.minVersion() > Message.VERSION || h.maxVersion() < Message.VERSION) {
                    error(ErrorCode.BAD_VERSION, "client speaks versions " + h.minVersion() + ".." + h.maxVersion()
                            + ", this server speaks " + Message.VERSION);
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
                send(new Message.HelloAck(Message.VERSION, rawMode ? Message.Hello.FLAG_RAW : 0, dtMicros, id));
                return true;
            }
            error(ErrorCode.NO_HELLO, "say hello first");
        }
    }

    // ---- lockstep ----

    private void runLockstep() throws IOException {
        long resendNs = config.resendMillis() * 1_000_000L;
        long watchdogNs = config.watchdogMillis() * 1_000_000L;
        long lastHeard = System.nanoTime();
        long lastSent = lastHeard;
        while (!stopRequested) {
            long now = System.nanoTime();
            long wait = resendNs - (now - lastSent);
            if (!paused && !safe) {
                wait = Math.min(wait, watchdogNs - (now - lastHeard));
            }
            Object ev = source.poll(Math.max(1_000_000L, wait));
            now = System.nanoTime();
            if (ev == MessageSource.TIMEOUT) {
                if (!paused && !safe && now - lastHeard >= watchdogNs) {
                    tripWatchdog("no actuator frame for " + config.watchdogMillis() + " ms");
                }
                if (now - lastSent >= resendNs) {
                    resend();
                    lastSent = now;
                }
                continue;
            }
            if (ev == MessageSource.EOF) {
                disconnected();
                return;
            }
            lastHeard = now;
            if (ev instanceof DecodeError e) {
                send(e.toFrame(errors + source.decoder.errors()));
                continue;
            }
            Message m = (Message) ev;
            if (m instanceof Message.ActuatorFrame a) {
                if (a.seq() == (seq & 0xFFFFFFFFL)) {
                    command(a);
                    tick();
                    sendSensors();
                    lastSent = now;
                } else if (isBefore(a.seq())) {
                    duplicates++;
                } else {
                    error(ErrorCode.SEQUENCE, "actuator frame for tick " + a.seq() + " but the plant waits for tick "
                            + (seq & 0xFFFFFFFFL));
                }
            } else if (!control(m)) {
                return;
            } else {
                lastSent = System.nanoTime();
            }
        }
        endReason = "server stopped";
    }

    private boolean isBefore(long frameSeq) {
        long current = seq & 0xFFFFFFFFL;
        long diff = (current - frameSeq) & 0xFFFFFFFFL;
        return diff > 0 && diff < 0x80000000L;
    }

    private void command(Message.ActuatorFrame a) {
        commanded.pumpDuty(a.pumpDuty()).heaterDuty(a.heaterDuty()).solenoidEnergised(a.solenoid());
        if (safe) {
            safe = false;
            event("firmware back: commands accepted again");
        }
    }

    // ---- real time ----

    private void runRealtime() throws IOException {
        long periodNs = Math.max(1L, Math.round(1.0e9 / (config.rateHz() * config.speed())));
        long watchdogNs = config.watchdogMillis() * 1_000_000L;
        long base = System.nanoTime();
        long k = 1;
        long lastHeard = base;
        while (!stopRequested) {
            long now = System.nanoTime();
            if (paused) {
                Object ev = source.poll(config.resendMillis() * 1_000_000L);
                if (ev == MessageSource.TIMEOUT) {
                    resend();
                    continue;
                }
                if (!handleRealtime(ev)) {
                    return;
                }
                lastHeard = System.nanoTime();
                if (!paused) {
                    base = System.nanoTime();
                    k = 1;
                }
                continue;
            }
            long due = base + k * periodNs;
            if (now < due) {
                Object ev = source.poll(due - now);
                if (ev != MessageSource.TIMEOUT) {
                    if (!handleRealtime(ev)) {
                        return;
                    }
                    lastHeard = System.nanoTime();
                }
                continue;
            }
            lateness.recordValue(Math.min((now - due) / 1000, lateness.getHighestTrackableValue()));
            if (!safe && now - lastHeard >= watchdogNs) {
                tripWatchdog("no actuator frame for " + config.watchdogMillis() + " ms");
            }
            tick();
            sendSensors();
            k++;
        }
        endReason = "server stopped";
    }

    private boolean handleRealtime(Object ev) throws IOException {
        if (ev == MessageSource.EOF) {
            disconnected();
            return false;
        }
        if (ev instanceof DecodeError e) {
            send(e.toFrame(errors + source.decoder.errors()));
            return true;
        }
        Message m = (Message) ev;
        if (m instanceof Message.ActuatorFrame a) {
            command(a); // latest wins
            return true;
        }
        return control(m);
    }

    // ---- control messages (both modes) ----

    /** Carries out a control message; returns false when the session ends. */
    private boolean control(Message m) throws IOException {
        if (m instanceof Message.Pause) {
            paused = true;
            event("pause");
            ack(BinaryCodec.PAUSE, seq);
        } else if (m instanceof Message.Resume) {
            paused = false;
            event("resume");
            ack(BinaryCodec.RESUME, seq);
        } else if (m instanceof Message.Step s) {
            for (long i = 0; i < s.ticks() && !stopRequested; i++) {
                tick();
            }
            ack(BinaryCodec.STEP, s.ticks());
            sendSensors();
        } else if (m instanceof Message.RunTo r) {
            long target = (r.timeMicros() + dtMicros - 1) / dtMicros;
            long n = 0;
            while (seq < target && !stopRequested) {
                tick();
                n++;
            }
            ack(BinaryCodec.RUN_TO, n);
            sendSensors();
        } else if (m instanceof Message.Reset r) {
            resetPlant(r.seed(), true);
            ack(BinaryCodec.RESET, 0);
            sendSensors();
        } else if (m instanceof Message.Snapshot s) {
            slots[s.slot()] = plant.snapshot();
            slotSeq[s.slot()] = seq;
            event("snapshot slot " + s.slot());
            ack(BinaryCodec.SNAPSHOT, s.slot());
        } else if (m instanceof Message.Restore r) {
            if (slots[r.slot()] == null) {
                error(ErrorCode.NOT_ALLOWED, "snapshot slot " + r.slot() + " is empty");
            } else {
                plant.restore(slots[r.slot()]);
                seq = slotSeq[r.slot()];
                commanded.copyFrom(plant.actuators());
                event("restore slot " + r.slot());
                ack(BinaryCodec.RESTORE, r.slot());
                sendSensors();
            }
        } else if (m instanceof Message.Fault f) {
            try {
                FaultSpec spec = FaultSpec.parse(f.spec());
                faults.add(spec);
                event("fault requested by client: " + spec.text());
                fireFaults();
                ack(BinaryCodec.FAULT, 0);
            } catch (FaultSpecException e) {
                error(ErrorCode.BAD_FAULT, "fault: " + e.getMessage());
            }
        } else if (m instanceof Message.Bye) {
            endReason = "client said bye";
            try {
                ack(BinaryCodec.BYE, seq);
            } catch (IOException e) {
                // the client may close at once after its bye
            }
            return false;
        } else if (m instanceof Message.Hello) {
            error(ErrorCode.NOT_ALLOWED, "hello already done");
        } else {
            error(ErrorCode.NOT_ALLOWED, io.backflush.sim.hil.protocol.JsonLineCodec.typeName(m) + " is sent by the server, not to it");
        }
        return true;
    }

    // ---- the plant ----

    private void resetPlant(long seed, boolean record) {
        if (plant != null) {
            detector.finish(plant);
        }
        plant = new Plant(config.machine(), BasketParameters.blind(), InitialConditions.hotAndDry());
        detector = new CycleDetector(plant, t -> "firmware");
        faults = new FaultEngine(dtSeconds);
        faults.reset(seed, config.scenario());
        raw = new RawSignals(config.machine().pump().mainsHz());
        commanded.safeState();
        seq = 0;
        lastPulses = 0;
        if (record) {
            event("reset seed " + seed);
        }
        readTruth();
        fireFaults();
    }

    private void tick() {
        applied.copyFrom(commanded);
        double t = plant.timeSeconds();
        if (rawMode) {
            applied.heaterDuty(RawSignals.ssrOn(commanded.heaterDuty(), t) ? 1.0 : 0.0);
        }
        faults.overrideActuators(applied);
        plant.actuators().copyFrom(applied);
        plant.step(dtSeconds);
        seq++;
        detector.afterStep(t, plant);
        if (trace != null) {
            trace.row(seq, timeMicros(), commanded, applied, plant);
        }
        readTruth();
        fireFaults();
    }

    private void readTruth() {
        plant.readSensors(sensors);
        truth[Channel.GROUP_BAR.ordinal()] = sensors.groupPressureBar;
        truth[Channel.PUMP_BAR.ordinal()] = sensors.pumpPressureBar;
        truth[Channel.BOILER_C.ordinal()] = sensors.boilerTemperatureC;
        truth[Channel.GROUP_C.ordinal()] = sensors.groupTemperatureC;
        truth[Channel.FLOW.ordinal()] = sensors.flowMeterMl;
        truth[Channel.TANK_ML.ordinal()] = config.tankMl() - plant.state(StateLayout.FROM_TANK_ML)
                + plant.state(StateLayout.RETURNED_TO_TANK_ML);
        truth[Channel.DRIP_ML.ordinal()] = plant.state(StateLayout.TO_DRIP_TRAY_ML);
    }

    private void fireFaults() {
        List<String> fired = faults.check(plant.timeSeconds(), truth, plant);
        for (String text : fired) {
            event("fault injected: " + text);
        }
    }

    private void tripWatchdog(String why) {
        watchdogTrips++;
        safe = true;
        commanded.safeState();
        event("watchdog: " + why + "; plant to safe state (pump off, solenoid released, heater off)");
    }

    private void disconnected() {
        endReason = "firmware disconnected";
        commanded.safeState();
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
        System.arraycopy(truth, 0, readings, 0, truth.length);
        double t = plant.timeSeconds();
        faults.applySensors(readings, t);
        double flow = readings[Channel.FLOW.ordinal()];
        if (flow == flow) {
            lastPulses = RawSignals.pulses(flow, config.mlPerPulse());
        }
        int status = (paused ? Message.SensorFrame.STATUS_PAUSED : 0) | (safe ? Message.SensorFrame.STATUS_SAFE : 0)
                | (faults.anyActive() ? Message.SensorFrame.STATUS_FAULT : 0)
                | (config.realtime() ? Message.SensorFrame.STATUS_REALTIME : 0);
        int counts = 0;
        int boilerQ = 0;
        int groupQ = 0;
        int zeroCross = 0;
        int ssr = 0;
        if (rawMode) {
            status |= Message.SensorFrame.STATUS_RAW;
            counts = RawSignals.pressureCounts(readings[Channel.GROUP_BAR.ordinal()]);
            raw.sampleThermocouples(t, readings[Channel.BOILER_C.ordinal()], readings[Channel.GROUP_C.ordinal()]);
            boilerQ = raw.boilerQuarterC();
            groupQ = raw.groupQuarterC();
            zeroCross = raw.zeroCrossings(t);
            ssr = plant.actuators().heaterDuty() > 0 ? 1 : 0;
        }
        lastFrame = new Message.SensorFrame(seq & 0xFFFFFFFFL, timeMicros(), readings[Channel.GROUP_BAR.ordinal()],
                readings[Channel.PUMP_BAR.ordinal()], readings[Channel.BOILER_C.ordinal()],
                readings[Channel.GROUP_C.ordinal()], lastPulses & 0xFFFFFFFFL, readings[Channel.TANK_ML.ordinal()],
                readings[Channel.DRIP_ML.ordinal()], status, counts, boilerQ, groupQ, zeroCross, ssr);
        send(lastFrame);
    }

    private void resend() throws IOException {
        if (lastFrame != null) {
            resends++;
            send(lastFrame.withStatus(lastFrame.status() | Message.SensorFrame.STATUS_RESENT
                    | (safe ? Message.SensorFrame.STATUS_SAFE : 0) | (paused ? Message.SensorFrame.STATUS_PAUSED : 0)));
        }
    }

    private void ack(int type, long value) throws IOException {
        send(new Message.Ack(type, value & 0xFFFFFFFFL));
    }

    private void error(ErrorCode code, String message) throws IOException {
        errors++;
        send(new Message.Error(code.wire(), errors + source.decoder.errors(), message));
    }

    private void send(Message m) throws IOException {
        int n = source.encoding().encode(m, outBuffer);
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
