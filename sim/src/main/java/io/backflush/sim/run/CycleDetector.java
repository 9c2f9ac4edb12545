package io.backflush.sim.run;

import io.backflush.core.plant.Plant;
import io.backflush.core.plant.CycleFigures;
import io.backflush.core.plant.CycleMetrics;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * Finds the backflush events in a run, from the actuator commands and the plant's flows, whatever
 * controller produced them (a built-in program or remote firmware): the figures are the one
 * definition in {@link CycleMetrics} (cycle, quiet, plateau, whoosh), fed after every step and
 * resolved to one step ({@link CycleMetrics.Crossings#AT_SAMPLE}); this adds the program phase and
 * how dark and soapy each whoosh's discharge was. Pump-on and release times are reported from the
 * moment the detector was created (the start of the run).
 */
public final class CycleDetector implements TickObserver {
    /** The quiet threshold's fraction of the pump's free flow (defined in {@link CycleMetrics}). */
    public static final double QUIET_FRACTION = CycleMetrics.QUIET_FRACTION;
    /** A release at or below this has no whoosh, bar (defined in {@link CycleMetrics}). */
    public static final double WHOOSH_MIN_BAR = CycleMetrics.WHOOSH_MIN_BAR;
    /** The whoosh has decayed below this, bar (defined in {@link CycleMetrics}). */
    public static final double DECAY_BAR = CycleMetrics.WHOOSH_END_BAR;

    private final CycleMetrics metrics;
    private final DoubleFunction<String> phaseAt;
    private final List<CycleReport> cycles = new ArrayList<>();

    private double previousResidueOut;
    private double previousDetergentOut;
    private double previousGroupBar;
    // the open cycle's phase and the discharge accumulators at its release
    private String phase;
    private double residueAtRelease = Double.NaN;
    private double detergentAtRelease = Double.NaN;

    /**
     * @param plant   the plant to watch (its state at construction is the starting point)
     * @param phaseAt names the program phase running at a time (for the report)
     */
    public CycleDetector(Plant plant, DoubleFunction<String> phaseAt) {
        this.metrics = new CycleMetrics(plant.machine().pump().freeFlowMlPerS(), plant.circuit().hasExhaust(),
                plant.timeSeconds(), CycleMetrics.Crossings.AT_SAMPLE);
        this.phaseAt = phaseAt;
        this.previousGroupBar = plant.groupPressureBar();
        this.previousResidueOut = plant.cleaning().totalRemovedMg();
        this.previousDetergentOut = plant.cleaning().detergentToDripMg();
    }

    @Override
    public void afterStep(double stepStartSeconds, Plant plant) {
        double end = plant.timeSeconds();
        double dripBeforeStep = plant.exhaustedToDripTrayMl()
                - plant.exhaustWaterFlowMlPerS() * (end - stepStartSeconds);
        // the cleaning accumulators as they stood before this step
        double residueBeforeStep = previousResidueOut;
        double detergentBeforeStep = previousDetergentOut;
        previousResidueOut = plant.cleaning().totalRemovedMg();
        previousDetergentOut = plant.cleaning().detergentToDripMg();
        int closedBefore = metrics.closedCycles();
        int events = metrics.commands(stepStartSeconds, plant.actuators().pumpDuty(),
                plant.actuators().solenoidEnergised(), previousGroupBar, dripBeforeStep);
        if (metrics.closedCycles() > closedBefore) {
            report(residueBeforeStep, detergentBeforeStep);
        }
        if ((events & CycleMetrics.PUMP_ON) != 0) {
            phase = phaseAt.apply(stepStartSeconds);
            residueAtRelease = Double.NaN;
            detergentAtRelease = Double.NaN;
        }
        if ((events & CycleMetrics.RELEASE) != 0) {
            residueAtRelease = residueBeforeStep;
            detergentAtRelease = detergentBeforeStep;
        }
        metrics.sample(end, plant.groupInflowMlPerS(), plant.groupPressureBar(), plant.exhaustWaterFlowMlPerS(), true);
        previousGroupBar = plant.groupPressureBar();
    }

    /** Closes the open cycle (call once at the end of the run). */
    public void finish(Plant plant) {
        int closedBefore = metrics.closedCycles();
        metrics.finish(plant.exhaustedToDripTrayMl());
        if (metrics.closedCycles() > closedBefore) {
            report(plant.cleaning().totalRemovedMg(), plant.cleaning().detergentToDripMg());
        }
    }

    /** Reports the cycle the metrics just closed, with the discharge accumulators at its end. */
    private void report(double residueOutMg, double detergentOutMg) {
        CycleFigures c = metrics.lastClosed();
        Double volume = orNull(c.whooshVolumeMl());
        Double darkness = null;
        Double soapiness = null;
        if (volume != null && volume > 1.0e-6) {
            darkness = (residueOutMg - residueAtRelease) / volume;
            soapiness = (detergentOutMg - detergentAtRelease) / volume;
        }
        cycles.add(new CycleReport(c.index() + 1, phase, c.pumpOnAtSeconds(), orNull(c.quietAfterSeconds()),
                orNull(c.plateauBar()), orNull(c.releaseAtSeconds()), orNull(c.whooshPeakFlowMlPerS()), volume,
                orNull(c.whooshDecaySeconds()), darkness, soapiness));
    }

    private static Double orNull(double value) {
        return Double.isNaN(value) ? null : value;
    }

    /** The number of cycles reported so far (cheap: for observers polling after every step). */
    public int cycleCount() {
        return cycles.size();
    }

    /** The {@code i}-th cycle reported (0-based). */
    public CycleReport cycle(int i) {
        return cycles.get(i);
    }

    public List<CycleReport> cycles() {
        return List.copyOf(cycles);
    }
}
