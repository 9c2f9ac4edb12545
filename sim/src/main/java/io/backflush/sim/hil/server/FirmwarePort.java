package io.backflush.sim.hil.server;

import io.backflush.core.plant.Actuators;
import io.backflush.core.plant.Plant;
import io.backflush.core.plant.Sensors;
import io.backflush.core.thermal.PressurePlace;
import io.backflush.sim.control.Controller;
import io.backflush.sim.hil.fault.Channel;
import io.backflush.sim.hil.fault.FaultEngine;
import io.backflush.sim.hil.protocol.Message;
import io.backflush.sim.hil.raw.RawSignals;

/**
 * The remote firmware as the executive's {@link Controller}, and what it reads. In: the commands
 * of its latest actuator frame (or the safe state), the heater switched by 1 s SSR windows when raw
 * signals are on, then the actuator faults' overrides; that is what the plant applies. Out: the
 * sensor frame, the true readings changed by the sensor faults plus the raw signals. One per plant
 * (a reset makes a new one).
 */
final class FirmwarePort implements Controller {
    private final Actuators commanded = new Actuators();
    private final FaultEngine faults;
    private final boolean rawMode;
    private final RawSignals raw;
    private final double mlPerPulse;
    /** The session's protocol version: v1 frames are those of v1 (raw counts of the group). */
    private final int version;
    private final Channel transducer;
    private final double[] readings = new double[Channel.COUNT];
    /** Simulation time the readings above were taken at (by a conversion in the tick), or NaN. */
    private double readingsAtS = Double.NaN;
    private long lastPulses;

    FirmwarePort(FaultEngine faults, boolean rawMode, double mainsHz, double mlPerPulse, int version,
                 PressurePlace transducer) {
        this.faults = faults;
        this.version = version;
        this.transducer = version < 2 || transducer == PressurePlace.GROUP ? Channel.GROUP_BAR : Channel.LINE_BAR;
        this.rawMode = rawMode;
        this.raw = new RawSignals(mainsHz);
        this.mlPerPulse = mlPerPulse;
        commanded.safeState();
    }

    /** The commands in force for the coming step: the firmware's, through SSR windows and faults. */
    @Override
    public void control(Sensors sensors, Actuators applied) {
        applied.copyFrom(commanded);
        if (rawMode) {
            applied.heaterDuty(RawSignals.ssrOn(commanded.heaterDuty(), sensors.timeSeconds()) ? 1.0 : 0.0);
        }
        faults.overrideActuators(applied);
    }

    /**
     * After every tick (and at a reset): the thermocouple amplifiers convert when their conversion
     * time has passed, on the readings the firmware would see now. Part of the tick, not of the
     * sensor frame, so {@code step n} converts exactly where n single steps do.
     */
    void afterTick(Plant plant) {
        if (!rawMode) {
            return;
        }
        double t = plant.timeSeconds();
        if (raw.conversionDue(t)) {
            faults.readings(readings, t);
            readingsAtS = t;
            raw.sampleThermocouples(t, readings[Channel.BOILER_C.ordinal()], readings[Channel.GROUP_C.ordinal()]);
        }
    }

    /** What a snapshot keeps of the port: the converters' held values and timer, the pulse count. */
    record Held(RawSignals.State raw, long lastPulses) {
    }

    Held held() {
        return new Held(raw.state(), lastPulses);
    }

    void restore(Held h) {
        raw.restore(h.raw());
        lastPulses = h.lastPulses();
        readingsAtS = Double.NaN;
    }

    /** The firmware's commands from now on. */
    void command(Message.ActuatorFrame a) {
        commanded.pumpDuty(a.pumpDuty()).heaterDuty(a.heaterDuty()).solenoidEnergised(a.solenoid());
    }

    /** The firmware's commands, as sent (before SSR windows and faults). */
    Actuators commanded() {
        return commanded;
    }

    /**
     * The sensor frame of tick {@code seq}: the readings at the plant's present time.
     *
     * @param status the session's status bits (paused, safe, real time); fault and raw bits are added here
     */
    Message.SensorFrame sensorFrame(long seq, long timeMicros, int status, Plant plant) {
        double t = plant.timeSeconds();
        if (readingsAtS != t) { // not already read by this tick's conversion (one read per frame, as before)
            faults.readings(readings, t);
        }
        readingsAtS = Double.NaN;
        double flow = readings[Channel.FLOW.ordinal()];
        if (!Double.isNaN(flow)) {
            lastPulses = RawSignals.pulses(flow, mlPerPulse);
        }
        status |= faults.anyActive() ? Message.SensorFrame.STATUS_FAULT : 0;
        int counts = 0;
        int boilerQ = 0;
        int groupQ = 0;
        int zeroCross = 0;
        int ssr = 0;
        int groupCounts = 0;
        int lineCounts = 0;
        if (rawMode) {
            status |= Message.SensorFrame.STATUS_RAW;
            counts = RawSignals.pressureCounts(readings[transducer.ordinal()]);
            if (version >= 2) {
                groupCounts = RawSignals.pressureCounts(readings[Channel.GROUP_BAR.ordinal()]);
                lineCounts = RawSignals.pressureCounts(readings[Channel.LINE_BAR.ordinal()]);
            }
            boilerQ = raw.boilerQuarterC();
            groupQ = raw.groupQuarterC();
            zeroCross = raw.zeroCrossings(t);
            ssr = plant.actuators().heaterDuty() > 0 ? 1 : 0;
        }
        return new Message.SensorFrame(seq & 0xFFFFFFFFL, timeMicros, readings[Channel.GROUP_BAR.ordinal()],
                readings[Channel.LINE_BAR.ordinal()], readings[Channel.BOILER_C.ordinal()],
                readings[Channel.GROUP_C.ordinal()], lastPulses & 0xFFFFFFFFL, readings[Channel.TANK_ML.ordinal()],
                readings[Channel.DRIP_ML.ordinal()], status, counts, boilerQ, groupQ, zeroCross, ssr, groupCounts,
                lineCounts);
    }
}
