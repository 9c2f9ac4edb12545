package io.backflush.sim.hil.raw;

/**
 * The raw signals espresso firmware reads and drives, made from the plant's engineering values
 * (see docs/protocol.md, "Raw signals", for sources). Deterministic: everything follows simulation
 * time.
 *
 * <ul>
 *   <li>Pressure: a 0.5–4.5 V transducer for 0–12 bar into an ADS1115 at ±6.144 V full scale,
 *       16-bit signed counts: counts = round(V/6.144·32768), so 0 bar reads 2667 (2666.67
 *       rounded) and bar = (counts − 2666.67)/1777.78 (Gaggiuino's conversion for its 0–1.2 MPa
 *       sensor takes 2666).</li>
 *   <li>Thermocouple: MAX6675-style, 0.25 °C steps, a new conversion every 220 ms, held between.</li>
 *   <li>Flow meter: pulses of {@code mlPerPulse} (about 0.5 ml for the turbine meters used).</li>
 *   <li>Pump: mains zero crossings (two per cycle) counted, as the firmware's zero-cross input sees
 *       them; the plant strokes the pump per mains cycle by pulse skipping of the commanded duty.</li>
 *   <li>Heater: an SSR switched in time-proportioning windows: on for duty·window at the start of
 *       each window.</li>
 * </ul>
 */
public final class RawSignals {
    /** ADS1115 counts per volt at the ±6.144 V range. */
    public static final double COUNTS_PER_VOLT = 32768.0 / 6.144;
    public static final double SENSOR_MIN_V = 0.5;
    public static final double SENSOR_SPAN_V = 4.0;
    public static final double SENSOR_FULL_SCALE_BAR = 12.0;
    /** MAX6675 conversion time, s (datasheet: 0.17–0.22 s). */
    public static final double THERMOCOUPLE_INTERVAL_S = 0.22;
    /** Heater SSR window, s (an estimate within the 1–5 s windows firmware uses). */
    public static final double SSR_WINDOW_S = 1.0;
    /** Thermocouple raw value reported for no reading (open thermocouple / dropout). */
    public static final int NO_READING = Short.MIN_VALUE;

    private final double mainsHz;
    private double nextConversionS;
    private int boilerQuarter;
    private int groupQuarter;

    public RawSignals(double mainsHz) {
        this.mainsHz = mainsHz;
    }

    public void reset() {
        nextConversionS = 0.0;
        boilerQuarter = 0;
        groupQuarter = 0;
    }

    /** ADS1115 counts for a gauge pressure; NaN (no signal) reads 0 V. */
    public static int pressureCounts(double bar) {
        if (Double.isNaN(bar)) {
            return 0;
        }
        double volts = SENSOR_MIN_V + SENSOR_SPAN_V * Math.max(bar, -1.0) / SENSOR_FULL_SCALE_BAR;
        long counts = Math.round(volts * COUNTS_PER_VOLT);
        return (int) Math.max(0, Math.min(32767, counts));
    }

    /** Whether the thermocouples convert at time {@code tSeconds}. */
    public boolean conversionDue(double tSeconds) {
        return tSeconds >= nextConversionS - 1.0e-9;
    }

    /** The converters' timer and held values (for a snapshot). */
    public record State(double nextConversionS, int boilerQuarter, int groupQuarter) {
    }

    public State state() {
        return new State(nextConversionS, boilerQuarter, groupQuarter);
    }

    public void restore(State s) {
        nextConversionS = s.nextConversionS();
        boilerQuarter = s.boilerQuarter();
        groupQuarter = s.groupQuarter();
    }

    /** Updates the thermocouples' held conversions at time {@code tSeconds} if a conversion is due. */
    public void sampleThermocouples(double tSeconds, double boilerC, double groupC) {
        if (conversionDue(tSeconds)) {
            boilerQuarter = quarter(boilerC);
            groupQuarter = quarter(groupC);
            nextConversionS = tSeconds + THERMOCOUPLE_INTERVAL_S;
        }
    }

    private static int quarter(double c) {
        if (Double.isNaN(c)) {
            return NO_READING;
        }
        double q = Math.floor(Math.max(0.0, Math.min(1023.75, c)) * 4.0);
        return (int) q;
    }

    public int boilerQuarterC() {
        return boilerQuarter;
    }

    public int groupQuarterC() {
        return groupQuarter;
    }

    /** Zero crossings of the mains since time 0, modulo 2^16. */
    public int zeroCrossings(double tSeconds) {
        return (int) ((long) Math.floor(tSeconds * 2.0 * mainsHz + 1.0e-9) & 0xFFFF);
    }

    /** Whether the SSR conducts at {@code tSeconds} for a commanded duty. */
    public static boolean ssrOn(double duty, double tSeconds) {
        double phase = (tSeconds % SSR_WINDOW_S) / SSR_WINDOW_S;
        return phase < duty - 1.0e-12;
    }

    /** Flow-meter pulses for a volume. */
    public static long pulses(double ml, double mlPerPulse) {
        return ml > 0 ? (long) Math.floor(ml / mlPerPulse + 1.0e-9) : 0L;
    }
}
