package io.backflush.core.plant;

/**
 * What the machine's sensors report, in engineering units: what firmware would read after its
 * ADC and conversion (raw counts belong to the HIL layer). The pressures are read where the
 * sensors sit (the group and the pump–boiler line), with the ripple, noise and rounding the
 * machine's {@link io.backflush.core.thermal.SensorParameters} give them (worked out when read, so
 * a controller that never reads a pressure pays nothing for it); the plant's own pressures are
 * {@link Plant#groupPressureBar()} and {@link Plant#linePressureBar()}. Mutable and reused every
 * tick, allocation-free; filled by {@link Plant#readSensors(Sensors)}, read through its accessors.
 */
public final class Sensors {
    private double timeSeconds;
    private double groupBar;
    private double lineBar;
    private double pumpRunningFraction;
    private long seed;
    /** The machine's pressure sensors, or null when they read the pressures exactly. */
    private PressureSensorModel model;
    private boolean transducerOnLine = true;
    private double boilerTemperatureC;
    private double groupTemperatureC;
    private double flowMeterMl;

    /** Simulation time of the reading, s. */
    public double timeSeconds() {
        return timeSeconds;
    }

    /** The group sensor's reading: the group chamber's gauge pressure, bar. */
    public double groupPressureBar() {
        return model == null ? groupBar : model.group(groupBar, timeSeconds, seed);
    }

    /** The line sensor's reading: the pump–boiler line's gauge pressure (trapped while the valve is released), bar. */
    public double linePressureBar() {
        return model == null ? lineBar : model.line(lineBar, pumpRunningFraction, timeSeconds, seed);
    }

    /** The reading of the firmware's transducer, wherever the machine puts it (group or line), bar. */
    public double transducerPressureBar() {
        return transducerOnLine ? linePressureBar() : groupPressureBar();
    }

    /** Whether the machine's transducer is the line sensor (false: the group's). */
    public boolean transducerOnLine() {
        return transducerOnLine;
    }

    /** Boiler temperature as the (lagging) probe reads it, °C. */
    public double boilerTemperatureC() {
        return boilerTemperatureC;
    }

    /** Group temperature as the (lagging) probe reads it, °C. */
    public double groupTemperatureC() {
        return groupTemperatureC;
    }

    /** Water counted by the flow meter between tank and pump since the start, ml. */
    public double flowMeterMl() {
        return flowMeterMl;
    }

    /**
     * Sets every reading as given, read exactly (a test of a controller, or a replay of recorded
     * readings).
     *
     * @return this
     */
    public Sensors set(double timeSeconds, double groupPressureBar, double linePressureBar, boolean transducerOnLine,
                       double boilerTemperatureC, double groupTemperatureC, double flowMeterMl) {
        fill(timeSeconds, groupPressureBar, linePressureBar, 0.0, null, 0L, transducerOnLine, boilerTemperatureC,
                groupTemperatureC, flowMeterMl);
        return this;
    }

    void fill(double time, double group, double line, double runningFraction, PressureSensorModel sensorModel,
              long noiseSeed, boolean onLine, double boilerC, double groupC, double flowMl) {
        this.timeSeconds = time;
        this.groupBar = group;
        this.lineBar = line;
        this.pumpRunningFraction = runningFraction;
        this.model = sensorModel;
        this.seed = noiseSeed;
        this.transducerOnLine = onLine;
        this.boilerTemperatureC = boilerC;
        this.groupTemperatureC = groupC;
        this.flowMeterMl = flowMl;
    }
}
