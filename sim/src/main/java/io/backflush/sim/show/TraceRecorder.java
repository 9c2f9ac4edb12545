package io.backflush.sim.show;

import io.backflush.core.cleaning.Cleaning;
import io.backflush.core.cleaning.Site;
import io.backflush.core.plant.Plant;
import io.backflush.sim.run.TickObserver;

import java.util.Arrays;

/**
 * Keeps a decimated time series of a run for charts, sound and the report: one sample every
 * {@code intervalSeconds} of simulated time (10 ms by default), in primitive arrays that grow by
 * doubling, so recording boxes nothing per tick.
 *
 * <p>Each sample is taken at the end of the first step that reaches the sample time. Pressures,
 * residue and detergent are the values at that instant; <b>flows are averaged over the interval</b>
 * (time-weighted over its steps), so a sampled flow times the interval is the volume that moved in
 * it and short spikes such as the headspace air venting are not lost between samples. The exact
 * event times (quiet, release, whoosh) come from the run's {@code CycleReport}s, not from here.
 */
public final class TraceRecorder implements TickObserver {
    /** Default sampling interval, s. */
    public static final double DEFAULT_INTERVAL_SECONDS = 0.01;

    // instantaneous channels
    static final int TIME = 0;
    static final int GROUP_BAR = 1;
    static final int PUMP_BAR = 2;
    static final int SCREEN_MG = 3;
    static final int PASSAGE_MG = 4;
    static final int VALVE_MG = 5;
    static final int REMOVED_MG = 6;
    static final int DETERGENT_MG_PER_ML = 7;
    static final int DETERGENT_LEFT_MG = 8;
    static final int SOLENOID = 9;
    // averaged channels
    static final int PUMP_FLOW = 10;
    static final int GROUP_INFLOW = 11;
    static final int RELIEF_FLOW = 12;
    static final int EXHAUST_WATER = 13;
    static final int EXHAUST_AIR = 14;
    static final int CUP_FLOW = 15;
    static final int PUMP_RUNNING = 16;
    static final int CHANNELS = 17;
    private static final int FIRST_AVERAGED = PUMP_FLOW;

    private final double interval;
    private final double[][] columns = new double[CHANNELS][];
    private final double[] sums = new double[CHANNELS];
    private double sumSeconds;
    private double nextSampleAt;
    private int size;

    public TraceRecorder() {
        this(DEFAULT_INTERVAL_SECONDS);
    }

    /** @param intervalSeconds time between samples, s (positive) */
    public TraceRecorder(double intervalSeconds) {
        if (!(intervalSeconds > 0 && intervalSeconds <= 10)) {
            throw new IllegalArgumentException("intervalSeconds must be in (0, 10], got " + intervalSeconds);
        }
        this.interval = intervalSeconds;
        for (int c = 0; c < CHANNELS; c++) {
            columns[c] = new double[1024];
        }
        this.nextSampleAt = Double.NaN;
    }

    /** Plant time at the first step seen; sample times are measured from it. */
    private double originSeconds;

    @Override
    public void afterStep(double stepStartSeconds, Plant plant) {
        double end = plant.timeSeconds();
        double dt = end - stepStartSeconds;
        if (nextSampleAt != nextSampleAt) {
            // times are kept from the start of the run, as the cycle reports give them
            originSeconds = stepStartSeconds;
            nextSampleAt = stepStartSeconds + interval;
        }
        sums[PUMP_FLOW] += plant.pumpFlowMlPerS() * dt;
        sums[GROUP_INFLOW] += plant.groupInflowMlPerS() * dt;
        sums[RELIEF_FLOW] += plant.reliefFlowMlPerS() * dt;
        sums[EXHAUST_WATER] += plant.exhaustWaterFlowMlPerS() * dt;
        sums[EXHAUST_AIR] += plant.exhaustAirFlowAtmMlPerS() * dt;
        sums[CUP_FLOW] += plant.cupFlowMlPerS() * dt;
        sums[PUMP_RUNNING] += plant.pumpRunningFraction() * dt;
        sumSeconds += dt;
        if (end < nextSampleAt - 1.0e-9 * interval) {
            return;
        }
        if (size == columns[0].length) {
            for (int c = 0; c < CHANNELS; c++) {
                columns[c] = Arrays.copyOf(columns[c], size * 2);
            }
        }
        Cleaning cleaning = plant.cleaning();
        double water = plant.groupWaterMl();
        int i = size++;
        columns[TIME][i] = end - originSeconds;
        columns[GROUP_BAR][i] = plant.groupPressureBar();
        columns[PUMP_BAR][i] = plant.pumpPressureBar();
        columns[SCREEN_MG][i] = cleaning.residueMg(Site.SCREEN);
        columns[PASSAGE_MG][i] = cleaning.residueMg(Site.PASSAGE);
        columns[VALVE_MG][i] = cleaning.residueMg(Site.VALVE);
        columns[REMOVED_MG][i] = cleaning.totalRemovedMg();
        columns[DETERGENT_MG_PER_ML][i] = water > 1.0 ? cleaning.dissolvedDetergentMg() / water : 0.0;
        columns[DETERGENT_LEFT_MG][i] = cleaning.detergentLeftMg();
        columns[SOLENOID][i] = plant.actuators().solenoidEnergised() ? 1.0 : 0.0;
        double span = sumSeconds > 0 ? sumSeconds : 1.0;
        for (int c = FIRST_AVERAGED; c < CHANNELS; c++) {
            columns[c][i] = sums[c] / span;
            sums[c] = 0.0;
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
        double[][] copy = new double[CHANNELS][];
        for (int c = 0; c < CHANNELS; c++) {
            copy[c] = Arrays.copyOf(columns[c], size);
        }
        return new Trace(interval, copy);
    }
}
