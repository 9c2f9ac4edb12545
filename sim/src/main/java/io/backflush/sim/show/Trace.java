package io.backflush.sim.show;

/**
 * A recorded run, as {@link TraceRecorder} sampled it: parallel arrays, one entry per sample.
 * Pressures, residue and detergent are instantaneous; flows are averages over the sample
 * interval. Accessors return the arrays themselves (no copy): treat them as read-only.
 */
public final class Trace {
    private final double interval;
    private final double[][] columns;

    Trace(double interval, double[][] columns) {
        this.interval = interval;
        this.columns = columns;
    }

    public double intervalSeconds() {
        return interval;
    }

    public int size() {
        return columns[TraceRecorder.TIME].length;
    }

    /** Sample times (step ends), s. */
    public double[] timeSeconds() {
        return columns[TraceRecorder.TIME];
    }

    public double[] groupBar() {
        return columns[TraceRecorder.GROUP_BAR];
    }

    public double[] pumpBar() {
        return columns[TraceRecorder.PUMP_BAR];
    }

    /** Residue at the shower screen, mg. */
    public double[] screenResidueMg() {
        return columns[TraceRecorder.SCREEN_MG];
    }

    public double[] passageResidueMg() {
        return columns[TraceRecorder.PASSAGE_MG];
    }

    public double[] valveResidueMg() {
        return columns[TraceRecorder.VALVE_MG];
    }

    /** Residue removed since the start (to the drip tray), mg. */
    public double[] removedResidueMg() {
        return columns[TraceRecorder.REMOVED_MG];
    }

    /** Dissolved detergent per ml of chamber water, mg/ml (0 while the chamber holds under 1 ml). */
    public double[] detergentMgPerMl() {
        return columns[TraceRecorder.DETERGENT_MG_PER_ML];
    }

    /** Detergent still in the brew path (undissolved, dissolved, adsorbed), mg. */
    public double[] detergentLeftMg() {
        return columns[TraceRecorder.DETERGENT_LEFT_MG];
    }

    /** 1 while the solenoid is commanded on, else 0. */
    public double[] solenoid() {
        return columns[TraceRecorder.SOLENOID];
    }

    /** Pump flow drawn from the tank, ml/s (interval average). */
    public double[] pumpFlowMlPerS() {
        return columns[TraceRecorder.PUMP_FLOW];
    }

    /** Net flow into the group, ml/s (interval average). */
    public double[] groupInflowMlPerS() {
        return columns[TraceRecorder.GROUP_INFLOW];
    }

    public double[] reliefFlowMlPerS() {
        return columns[TraceRecorder.RELIEF_FLOW];
    }

    /** Water through the exhaust to the drip tray, ml/s (interval average). */
    public double[] exhaustWaterMlPerS() {
        return columns[TraceRecorder.EXHAUST_WATER];
    }

    /** Air through the exhaust, atm-ml/s (interval average). */
    public double[] exhaustAirAtmMlPerS() {
        return columns[TraceRecorder.EXHAUST_AIR];
    }

    public double[] cupFlowMlPerS() {
        return columns[TraceRecorder.CUP_FLOW];
    }

    /** Fraction of the interval the pump was stroking or running, 0..1. */
    public double[] pumpRunningFraction() {
        return columns[TraceRecorder.PUMP_RUNNING];
    }

    /** Index of the last sample at or before {@code t} (0 if none), by bisection. */
    public int indexAtOrBefore(double t) {
        double[] time = timeSeconds();
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

    /**
     * A rendering choice, not physics: how loud the pump sounds, 0..1. Nothing while stopped;
     * while running, a floor of 0.25 (the motor or solenoid itself) plus 0.75 in proportion to the
     * flow it moves relative to its free flow, so it falls as the pump works against pressure.
     */
    public double[] pumpLoudness(double freeFlowMlPerS) {
        double[] flow = pumpFlowMlPerS();
        double[] running = pumpRunningFraction();
        double[] out = new double[flow.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = loudness(running[i], flow[i], freeFlowMlPerS);
        }
        return out;
    }

    static double loudness(double runningFraction, double flowMlPerS, double freeFlowMlPerS) {
        if (runningFraction <= 0) {
            return 0.0;
        }
        double relative = Math.min(1.0, Math.max(0.0, flowMlPerS / Math.max(runningFraction, 1e-9) / freeFlowMlPerS));
        return runningFraction * (0.25 + 0.75 * relative);
    }
}
