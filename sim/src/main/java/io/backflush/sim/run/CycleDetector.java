package io.backflush.sim.run;

import io.backflush.core.plant.Plant;
import io.backflush.core.plant.StateLayout;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * Finds the backflush events in a run, from the actuator commands and the plant's flows, whatever
 * controller produced them (a built-in program or remote firmware):
 * <ul>
 *   <li>a cycle starts when the commanded pump duty rises from 0;</li>
 *   <li><b>pump quiet</b>: the net flow into the group falls below {@value #QUIET_FRACTION} of the
 *       pump's free flow and stays below until the pump is commanded off;</li>
 *   <li><b>plateau</b>: the group pressure when the solenoid is released;</li>
 *   <li><b>whoosh</b>: a release from above {@value #WHOOSH_MIN_BAR} bar on a machine with an
 *       exhaust (a three-way valve); its peak exhaust water
 *       flow, the water it sends to the drip tray (until the next pump-on) and the time until the
 *       group pressure falls below {@value #DECAY_BAR} bar.</li>
 * </ul>
 * Event times are step-end times, so they are resolved to one dt; pump-on and release times are
 * reported from the moment the detector was created (the start of the run).
 */
public final class CycleDetector implements TickObserver {
    public static final double QUIET_FRACTION = 0.05;
    public static final double WHOOSH_MIN_BAR = 1.0;
    public static final double DECAY_BAR = 0.5;

    private final double quietThresholdMlPerS;
    private final DoubleFunction<String> phaseAt;
    private final List<CycleReport> cycles = new ArrayList<>();
    private final double originSeconds;

    private boolean pumpWasOn;
    private double previousResidueOut;
    private double previousDetergentOut;
    private boolean solenoidWasOn;
    private double previousGroupBar;

    // the open cycle
    private boolean open;
    private int index;
    private String phase;
    private double pumpOnAt;
    private double quietSince;
    private boolean released;
    private double plateauBar;
    private double releaseAt;
    private boolean whoosh;
    private double dripAtRelease;
    private double residueAtRelease;
    private double detergentAtRelease;
    private double peakFlow;
    private double decaySeconds;

    /**
     * @param plant   the plant to watch (its state at construction is the starting point)
     * @param phaseAt names the program phase running at a time (for the report)
     */
    public CycleDetector(Plant plant, DoubleFunction<String> phaseAt) {
        this.quietThresholdMlPerS = QUIET_FRACTION * plant.machine().pump().freeFlowMlPerS();
        this.originSeconds = plant.timeSeconds();
        this.phaseAt = phaseAt;
        this.previousGroupBar = plant.groupPressureBar();
        this.previousResidueOut = plant.cleaning().totalRemovedMg();
        this.previousDetergentOut = plant.cleaning().detergentToDripMg();
    }

    @Override
    public void afterStep(double stepStartSeconds, Plant plant) {
        boolean pumpOn = plant.actuators().pumpDuty() > 0;
        boolean solenoidOn = plant.actuators().solenoidEnergised();
        double end = plant.timeSeconds();

        double dripBeforeStep = plant.exhaustedToDripTrayMl()
                - plant.exhaustWaterFlowMlPerS() * (end - stepStartSeconds);
        // the cleaning accumulators as they stood before this step
        double residueBeforeStep = previousResidueOut;
        double detergentBeforeStep = previousDetergentOut;
        previousResidueOut = plant.cleaning().totalRemovedMg();
        previousDetergentOut = plant.cleaning().detergentToDripMg();
        if (pumpOn && !pumpWasOn) {
            closeCycle(dripBeforeStep, residueBeforeStep, detergentBeforeStep);
            open = true;
            index++;
            phase = phaseAt.apply(stepStartSeconds);
            pumpOnAt = stepStartSeconds;
            quietSince = Double.NaN;
            released = false;
        }
        if (open && !released && !solenoidOn && solenoidWasOn) {
            released = true;
            releaseAt = stepStartSeconds;
            plateauBar = previousGroupBar;
            whoosh = plateauBar > WHOOSH_MIN_BAR && plant.circuit().hasExhaust();
            dripAtRelease = dripBeforeStep;
            residueAtRelease = residueBeforeStep;
            detergentAtRelease = detergentBeforeStep;
            peakFlow = 0.0;
            decaySeconds = Double.NaN;
        }
        if (open && pumpOn && !released) {
            if (plant.groupInflowMlPerS() < quietThresholdMlPerS) {
                if (Double.isNaN(quietSince)) {
                    quietSince = end;
                }
            } else {
                quietSince = Double.NaN;
            }
        }
        if (open && released && whoosh) {
            peakFlow = Math.max(peakFlow, plant.exhaustWaterFlowMlPerS());
            if (Double.isNaN(decaySeconds) && plant.groupPressureBar() < DECAY_BAR) {
                decaySeconds = end - releaseAt;
            }
        }
        pumpWasOn = pumpOn;
        solenoidWasOn = solenoidOn;
        previousGroupBar = plant.groupPressureBar();
    }

    /** Closes the open cycle (call once at the end of the run). */
    public void finish(Plant plant) {
        closeCycle(plant.exhaustedToDripTrayMl(), plant.cleaning().totalRemovedMg(),
                plant.cleaning().detergentToDripMg());
    }

    private void closeCycle(double dripNowMl, double residueOutMg, double detergentOutMg) {
        if (!open) {
            return;
        }
        Double quiet = !Double.isNaN(quietSince) ? quietSince - pumpOnAt : null;
        Double plateau = released ? plateauBar : null;
        Double releaseTime = released ? releaseAt : null;
        Double peak = null;
        Double volume = null;
        Double decay = null;
        Double darkness = null;
        Double soapiness = null;
        if (released && whoosh) {
            peak = peakFlow;
            volume = dripNowMl - dripAtRelease;
            decay = !Double.isNaN(decaySeconds) ? decaySeconds : null;
            if (volume > 1.0e-6) {
                darkness = (residueOutMg - residueAtRelease) / volume;
                soapiness = (detergentOutMg - detergentAtRelease) / volume;
            }
        }
        cycles.add(new CycleReport(index, phase, pumpOnAt - originSeconds, quiet, plateau,
                releaseTime == null ? null : releaseTime - originSeconds, peak, volume, decay,
                darkness, soapiness));
        open = false;
    }

    public List<CycleReport> cycles() {
        return List.copyOf(cycles);
    }
}
