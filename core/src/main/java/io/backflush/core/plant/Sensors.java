package io.backflush.core.plant;

/**
 * What the machine's sensors report, in engineering units: what firmware would read after its
 * ADC and conversion (raw counts and quantisation belong to the HIL layer). Mutable and reused
 * every tick; filled by {@link Plant#readSensors(Sensors)}.
 */
public final class Sensors {
    /** Simulation time of the reading, s. */
    public double timeSeconds;
    /** Group chamber gauge pressure, bar. */
    public double groupPressureBar;
    /** Pump outlet gauge pressure, bar. */
    public double pumpPressureBar;
    /** Boiler temperature as the (lagging) probe reads it, °C. */
    public double boilerTemperatureC;
    /** Group temperature as the (lagging) probe reads it, °C. */
    public double groupTemperatureC;
    /** Water counted by the flow meter between tank and pump since the start, ml. */
    public double flowMeterMl;
}
