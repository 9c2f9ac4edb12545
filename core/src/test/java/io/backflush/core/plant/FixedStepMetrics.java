package io.backflush.core.plant;

import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.machine.Machine;

import java.util.ArrayList;
import java.util.List;

/**
 * Drives a fixed-step {@link Plant} with an {@link ActuatorSchedule} and measures the same
 * per-cycle metrics as {@link ReferenceIntegrator}, with the same definitions, from the step
 * samples: each step's flows and end pressure are taken as the values at the step's end (backward
 * Euler), and threshold crossings are placed by linear interpolation between consecutive samples.
 */
final class FixedStepMetrics {
    private FixedStepMetrics() {
    }

    /** What a fixed-step run measured. */
    record Result(List<ReferenceCycle> cycles, Plant plant, WaterBalance water) {
    }

    static Result run(Machine machine, BasketParameters basket, ActuatorSchedule schedule, double dtSeconds,
                      double endSeconds) {
        Plant plant = new Plant(machine, basket);
        double initialWater = plant.groupWaterMl();
        Actuators actuators = plant.actuators();
        double threshold = ReferenceIntegrator.QUIET_FRACTION * machine.pump().freeFlowMlPerS();
        long steps = Math.round(endSeconds / dtSeconds);
        List<ReferenceCycle> cycles = new ArrayList<>();

        double prevDuty = 0;
        boolean prevSolenoid = false;
        boolean cycleOpen = false;
        double onAt = Double.NaN;
        boolean quietWindow = false;
        boolean above = false;
        boolean everAbove = false;
        double lastDown = Double.NaN;
        double quiet = Double.NaN;
        double plateau = Double.NaN;
        double releaseAt = Double.NaN;
        boolean whoosh = false;
        boolean decayOpen = false;
        double dripAtRelease = 0;
        double peak = Double.NaN;
        double volume = Double.NaN;
        double decay = Double.NaN;
        double lastT = 0;
        double lastInflow = 0;
        double lastP = plant.groupPressureBar();

        for (long i = 0; i <= steps; i++) {
            double t = i * dtSeconds;
            schedule.applyAt(t, actuators);
            double duty = actuators.pumpDuty();
            boolean solenoid = actuators.solenoidEnergised();
            boolean end = i == steps;
            // transitions at time t, seen on the state at t
            if ((prevDuty > 0 && duty == 0) || (end && quietWindow)) {
                if (quietWindow) {
                    quietWindow = false;
                    quiet = above ? Double.NaN : !everAbove ? 0.0 : lastDown - onAt;
                }
            }
            if (prevSolenoid && !solenoid && cycleOpen && releaseAt != releaseAt) {
                releaseAt = t;
                plateau = plant.groupPressureBar();
                if (plateau > ReferenceIntegrator.WHOOSH_MIN_BAR) {
                    whoosh = true;
                    decayOpen = true;
                    dripAtRelease = plant.state(StateLayout.TO_DRIP_TRAY_ML);
                    peak = 0.0;
                }
            }
            if ((prevDuty == 0 && duty > 0) || end) {
                if (cycleOpen) {
                    if (whoosh) {
                        volume = plant.state(StateLayout.TO_DRIP_TRAY_ML) - dripAtRelease;
                        whoosh = false;
                        decayOpen = false;
                    }
                    cycles.add(new ReferenceCycle(cycles.size(), onAt, quiet, plateau, releaseAt, peak, volume, decay));
                    cycleOpen = false;
                }
                if (!end) {
                    cycleOpen = true;
                    onAt = t;
                    quietWindow = true;
                    above = false;
                    everAbove = false;
                    lastDown = Double.NaN;
                    quiet = Double.NaN;
                    plateau = Double.NaN;
                    releaseAt = Double.NaN;
                    peak = Double.NaN;
                    volume = Double.NaN;
                    decay = Double.NaN;
                }
            }
            prevDuty = duty;
            prevSolenoid = solenoid;
            if (end) {
                break;
            }

            plant.step(dtSeconds);
            double tEnd = (i + 1) * dtSeconds;
            double q = plant.groupInflowMlPerS();
            double p = plant.groupPressureBar();
            if (quietWindow) {
                boolean nowAbove = q >= threshold;
                if (nowAbove) {
                    everAbove = true;
                    lastDown = Double.NaN;
                } else if (above) {
                    lastDown = lastT + (tEnd - lastT) * (lastInflow - threshold) / (lastInflow - q);
                }
                above = nowAbove;
            }
            if (whoosh) {
                peak = Math.max(peak, plant.exhaustWaterFlowMlPerS());
                if (decayOpen && p < ReferenceIntegrator.WHOOSH_END_BAR) {
                    double tc = lastP >= ReferenceIntegrator.WHOOSH_END_BAR
                            ? lastT + (tEnd - lastT) * (lastP - ReferenceIntegrator.WHOOSH_END_BAR) / (lastP - p)
                            : tEnd;
                    decay = tc - releaseAt;
                    decayOpen = false;
                }
            }
            lastT = tEnd;
            lastInflow = q;
            lastP = p;
        }
        return new Result(cycles, plant, plant.waterBalance(initialWater));
    }
}
