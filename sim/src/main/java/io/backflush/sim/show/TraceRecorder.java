package io.backflush.sim.show;

import io.backflush.core.plant.Plant;
import io.backflush.sim.run.TickObserver;
import io.backflush.sim.signal.Signal;

import java.util.Arrays;
import java.util.List;

/**
 * Keeps a decimated time series of a run for charts, sound and the report: the {@link Signal}s
 * they draw ({@link #CHARTED}), one sample every {@code intervalSeconds} of simulated time (10 ms
 * by default), in primitive arrays that grow by doubling, so recording boxes nothing per tick.
 *
 * <p>Each sample is taken at the end of the first step that reaches the sample time. Pressures,
 * residue and detergent are the values at that instant; <b>flows are averaged over the interval</b>
 * (time-weighted over its steps), so a sampled flow times the interval is the volume that moved in
 * it and short spikes such as the headspace air venting are not lost between samples (the
 * signals of {@link Signal.Form#RATE}). The exact
 * event times (quiet, release, whoosh) come from the run's {@code CycleReport}s, not from here.
 */
public final class TraceRecorder implements TickObserver {
    /** Default sampling interval, s. */
    public static final double DEFAULT_INTERVAL_SECONDS = 0.01;

    /** The signals the charts, the sound and the report read. */
    public static final List<Signal> CHARTED = List.of(Signal.TIME_S, Signal.GROUP_BAR, Signal.LINE_BAR,
            Signal.SCREEN_RESIDUE_MG, Signal.PASSAGE_RESIDUE_MG, Signal.VALVE_RESIDUE_MG, Signal.REMOVED_RESIDUE_MG,
            Signal.DETERGENT_MG_PER_ML, Signal.DETERGENT_LEFT_MG, Signal.SOLENOID_COMMAND, Signal.PUMP_FLOW_ML_PER_S,
            Signal.GROUP_INFLOW_ML_PER_S, Signal.RELIEF_FLOW_ML_PER_S, Signal.EXHAUST_WATER_ML_PER_S,
            Signal.EXHAUST_AIR_ATM_ML_PER_S, Signal.CUP_FLOW_ML_PER_S, Signal.PUMP_RUNNING_FRACTION);

    private final double interval;
    private final Signal[] signals;
    private final double[][] columns;
    private final double[] sums;
    private double sumSeconds;
    private double nextSampleAt;
    private int size;
    /** Plant time at the first step seen; sample times are measured from it. */
    private double originSeconds;

    public TraceRecorder() {
        this(DEFAULT_INTERVAL_SECONDS);
    }

    /** @param intervalSeconds time between samples, s (positive) */
    public TraceRecorder(double intervalSeconds) {
        if (!(intervalSeconds > 0 && intervalSeconds <= 10)) {
            throw new IllegalArgumentException("intervalSeconds must be in (0, 10], got " + intervalSeconds);
        }
        this.interval = intervalSeconds;
        this.signals = CHARTED.toArray(new Signal[0]);
        this.columns = new double[signals.length][];
        this.sums = new double[signals.length];
        for (int c = 0; c < signals.length; c++) {
            columns[c] = new double[1024];
        }
        this.nextSampleAt = Double.NaN;
    }

    @Override
    public void afterStep(double stepStartSeconds, Plant plant) {
        double end = plant.timeSeconds();
        double dt = end - stepStartSeconds;
        if (Double.isNaN(nextSampleAt)) {
            // times are kept from the start of the run, as the cycle reports give them
            originSeconds = stepStartSeconds;
            nextSampleAt = stepStartSeconds + interval;
        }
        for (int c = 0; c < signals.length; c++) {
            if (signals[c].form() == Signal.Form.RATE) {
                sums[c] += signals[c].read(plant) * dt;
            }
        }
        sumSeconds += dt;
        if (end < nextSampleAt - 1.0e-9 * interval) {
            return;
        }
        if (size == columns[0].length) {
            for (int c = 0; c < signals.length; c++) {
                columns[c] = Arrays.copyOf(columns[c], size * 2);
            }
        }
        int i = size++;
        double span = sumSeconds > 0 ? sumSeconds : 1.0;
        for (int c = 0; c < signals.length; c++) {
            Signal s = signals[c];
            if (s.form() == Signal.Form.RATE) {
                columns[c][i] = sums[c] / span;
                sums[c] = 0.0;
            } else {
                columns[c][i] = s == Signal.TIME_S ? end - originSeconds : s.read(plant);
            }
        }
        sumSeconds = 0.0;
        while (nextSampleAt <= end + 1.0e-9 * interval) {
            nextSampleAt += interval;
        }
    }

    public double intervalSeconds() {
        return interval;
    }

    public int size() {
        return size;
    }

    /** The samples so far, copied into a {@link Trace}. */
    public Trace trace() {
        double[][] copy = new double[signals.length][];
        for (int c = 0; c < signals.length; c++) {
            copy[c] = Arrays.copyOf(columns[c], size);
        }
        return new Trace(interval, CHARTED, copy);
    }
}
