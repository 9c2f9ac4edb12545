package io.backflush.sim.show;

import io.backflush.sim.signal.Signal;

import java.util.List;

/**
 * A recorded run, as {@link TraceRecorder} sampled it: one array per {@link Signal}, one entry per
 * sample. Times (s) are from the start of the run; levels are the values at the sample;
 * {@link Signal.Form#RATE} signals (flows, the pump's running fraction) are averages over the
 * sample interval. {@link #values} returns the arrays themselves (no copy): treat them as read-only.
 */
public final class Trace {
    private final double interval;
    private final List<Signal> signals;
    private final double[][] columns;

    Trace(double interval, List<Signal> signals, double[][] columns) {
        this.interval = interval;
        this.signals = signals;
        this.columns = columns;
    }

    public double intervalSeconds() {
        return interval;
    }

    public int size() {
        return columns[0].length;
    }

    /** The samples of {@code signal}, in its unit (time: from the start of the run). */
    public double[] values(Signal signal) {
        int c = signals.indexOf(signal);
        if (c < 0) {
            throw new IllegalArgumentException(signal.column() + " is not recorded; the trace has " + signals);
        }
        return columns[c];
    }

    /** Index of the last sample at or before {@code t} (0 if none), by bisection. */
    public int indexAtOrBefore(double t) {
        double[] time = values(Signal.TIME_S);
        int lo = 0;
        int hi = time.length - 1;
        if (hi < 0 || t < time[0]) {
            return 0;
        }
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (time[mid] <= t + 1.0e-9) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** A rendering choice, not physics: how loud the pump sounds at each sample, 0..1 ({@link RunSound#pumpLoudness}). */
    public double[] pumpLoudness(double freeFlowMlPerS) {
        return perSample(freeFlowMlPerS, RunSound::pumpLoudness);
    }

    /** A rendering choice, not physics: how hard the pump labours at each sample, 0..1 ({@link RunSound#strain}). */
    public double[] pumpStrain(double freeFlowMlPerS) {
        return perSample(freeFlowMlPerS, RunSound::strain);
    }

    /** A rule of the pump's sound from its running fraction, its flow and its free flow. */
    private interface PumpRule {
        double at(double runningFraction, double flowMlPerS, double freeFlowMlPerS);
    }

    private double[] perSample(double freeFlowMlPerS, PumpRule rule) {
        double[] flow = values(Signal.PUMP_FLOW_ML_PER_S);
        double[] running = values(Signal.PUMP_RUNNING_FRACTION);
        double[] out = new double[flow.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = rule.at(running[i], flow[i], freeFlowMlPerS);
        }
        return out;
    }
}
