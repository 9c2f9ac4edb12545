package io.backflush.core.plant;

import java.util.ArrayList;
import java.util.List;

/**
 * The one definition of a backflush cycle's figures, fed samples by whoever runs the plant: the
 * product's event detector after every fixed step, the reference integrator at its dense-output
 * samples. How a threshold crossing between two samples is placed is {@link Crossings}: at the
 * later sample (step resolution) or refined on an interpolant.
 * <ul>
 *   <li>a cycle starts when the commanded pump duty rises from 0;</li>
 *   <li><b>quiet</b>: the time from pump-on until the net flow into the group falls below
 *       {@link #QUIET_FRACTION} of the pump's free flow and stays below until the pump is commanded
 *       off or the solenoid released (whichever comes first); none if it is still above then, 0 if it
 *       never rose above;</li>
 *   <li><b>plateau</b>: the group pressure when the solenoid is released;</li>
 *   <li><b>whoosh</b>, only for a release from above {@link #WHOOSH_MIN_BAR} on a machine with an
 *       exhaust: the water sent to the drip tray from the release to the next pump-on (or the end),
 *       the largest exhaust water flow in that window, and the time from the release until the group
 *       pressure first falls below {@link #WHOOSH_END_BAR}.</li>
 * </ul>
 * Call {@link #commands} with the commands in force from a time (and the pressure and drip-tray
 * volume then), {@link #sample} with the flows and pressure at later times, {@link #finish} at the end.
 */
public final class CycleMetrics {
    /** Quiet threshold as a fraction of the pump's free flow. */
    public static final double QUIET_FRACTION = 0.05;
    /** A release at or below this group pressure has no whoosh, bar. */
    public static final double WHOOSH_MIN_BAR = 1.0;
    /** The whoosh has decayed when the group pressure falls below this, bar. */
    public static final double WHOOSH_END_BAR = 0.5;

    /** {@link #commands} event: a cycle began (closing the one before, if any). */
    public static final int PUMP_ON = 1;
    /** {@link #commands} event: the open cycle's solenoid was released. */
    public static final int RELEASE = 2;

    /** The signals whose crossings are located. */
    public enum Signal { GROUP_INFLOW, GROUP_PRESSURE }

    /** Places a downward threshold crossing between two samples. */
    @FunctionalInterface
    public interface Crossings {
        /** The time in (t0, t1] at which {@code signal} falls below {@code threshold}. */
        double locate(Signal signal, double threshold, double t0, double t1);

        /** Step resolution: the crossing is placed at the later sample. */
        Crossings AT_SAMPLE = (signal, threshold, t0, t1) -> t1;
    }

    private final double quietThresholdMlPerS;
    private final boolean hasExhaust;
    private final Crossings crossings;
    private final double originSeconds;
    private final List<CycleFigures> cycles = new ArrayList<>();

    private double lastDuty;
    private boolean lastSolenoid;
    private double lastSampleSeconds;
    private double lastSampleBar;

    private boolean open;
    private double onAt;
    private boolean quietWindow;
    private boolean above;
    private boolean everAbove;
    private double downAt;
    private double quiet;
    private double plateau;
    private double releaseAt;
    private boolean whoosh;
    private boolean decayOpen;
    private double dripAtRelease;
    private double peak;
    private double decay;

    /**
     * @param pumpFreeFlowMlPerS the pump's free flow, ml/s (the quiet threshold is a fraction of it)
     * @param hasExhaust         whether the machine has a three-way valve's exhaust
     * @param originSeconds      time the cycles' pump-on and release times are counted from, s
     * @param crossings          how crossings between samples are placed
     */
    public CycleMetrics(double pumpFreeFlowMlPerS, boolean hasExhaust, double originSeconds, Crossings crossings) {
        this.quietThresholdMlPerS = QUIET_FRACTION * pumpFreeFlowMlPerS;
        this.hasExhaust = hasExhaust;
        this.originSeconds = originSeconds;
        this.crossings = crossings;
    }

    /** The quiet threshold, ml/s. */
    public double quietThresholdMlPerS() {
        return quietThresholdMlPerS;
    }

    /**
     * The commands in force from {@code tSeconds}.
     *
     * @param groupBar group pressure at that time, bar
     * @param dripMl   water through the exhaust to the drip tray so far, ml
     * @return the events this caused: {@link #PUMP_ON}, {@link #RELEASE}, both or none
     */
    public int commands(double tSeconds, double pumpDuty, boolean solenoid, double groupBar, double dripMl) {
        int events = 0;
        if (lastDuty > 0 && pumpDuty <= 0) {
            closeQuietWindow();
        }
        if (lastSolenoid && !solenoid && open && Double.isNaN(releaseAt)) {
            closeQuietWindow();
            releaseAt = tSeconds;
            plateau = groupBar;
            whoosh = hasExhaust && plateau > WHOOSH_MIN_BAR;
            if (whoosh) {
                decayOpen = true;
                dripAtRelease = dripMl;
                peak = 0.0;
            }
            events |= RELEASE;
        }
        if (lastDuty <= 0 && pumpDuty > 0) {
            close(dripMl);
            open = true;
            onAt = tSeconds;
            quietWindow = true;
            above = false;
            everAbove = false;
            downAt = Double.NaN;
            quiet = Double.NaN;
            plateau = Double.NaN;
            releaseAt = Double.NaN;
            whoosh = false;
            decayOpen = false;
            peak = Double.NaN;
            decay = Double.NaN;
            events |= PUMP_ON;
        }
        lastDuty = pumpDuty;
        lastSolenoid = solenoid;
        lastSampleSeconds = tSeconds;
        lastSampleBar = groupBar;
        return events;
    }

    /**
     * The plant at {@code tSeconds} (after the last commands).
     *
     * @param continuous whether the signals moved continuously since the last sample (a crossing may
     *                   be located between the two); false right after a switch, which places a
     *                   crossing at this sample
     */
    public void sample(double tSeconds, double inflowMlPerS, double groupBar, double exhaustWaterMlPerS,
                       boolean continuous) {
        if (quietWindow) {
            boolean nowAbove = inflowMlPerS >= quietThresholdMlPerS;
            if (nowAbove) {
                everAbove = true;
                downAt = Double.NaN;
            } else if (above) {
                downAt = continuous
                        ? crossings.locate(Signal.GROUP_INFLOW, quietThresholdMlPerS, lastSampleSeconds, tSeconds)
                        : tSeconds;
            }
            above = nowAbove;
        }
        if (whoosh) {
            peak = Math.max(peak, exhaustWaterMlPerS);
            if (decayOpen && groupBar < WHOOSH_END_BAR) {
                double at = continuous && lastSampleBar >= WHOOSH_END_BAR
                        ? crossings.locate(Signal.GROUP_PRESSURE, WHOOSH_END_BAR, lastSampleSeconds, tSeconds)
                        : tSeconds;
                decay = at - releaseAt;
                decayOpen = false;
            }
        }
        lastSampleSeconds = tSeconds;
        lastSampleBar = groupBar;
    }

    /** Closes the open cycle at the end of the run. */
    public void finish(double dripMl) {
        close(dripMl);
    }

    private void closeQuietWindow() {
        if (!quietWindow) {
            return;
        }
        quietWindow = false;
        quiet = above ? Double.NaN : !everAbove ? 0.0 : downAt - onAt;
    }

    private void close(double dripMl) {
        if (!open) {
            return;
        }
        closeQuietWindow();
        double volume = Double.NaN;
        if (whoosh) {
            volume = dripMl - dripAtRelease;
            whoosh = false;
            decayOpen = false;
        }
        cycles.add(new CycleFigures(cycles.size(), onAt - originSeconds, quiet, plateau, releaseAt - originSeconds, peak,
                volume, decay));
        open = false;
    }

    /** The cycles closed so far, in order. */
    public List<CycleFigures> cycles() {
        return List.copyOf(cycles);
    }

    /** The number of cycles closed so far. */
    public int closedCycles() {
        return cycles.size();
    }

    /** The last closed cycle. */
    public CycleFigures lastClosed() {
        return cycles.get(cycles.size() - 1);
    }
}
