package io.backflush.sim.run;

import io.backflush.core.param.InvalidParameterException;
import io.backflush.core.param.Require;

/**
 * The bounds of {@link Simulation#advanceAdaptive(double, AdaptiveSteps, java.util.function.BooleanSupplier,
 * java.util.function.DoubleSupplier)}'s step: it starts at {@code dtMinSeconds} after every change of
 * the actuator commands and grows (at most doubling per step, up to {@code dtMaxSeconds}) while
 * the pressures neither move nor bend much.
 *
 * @param dtMinSeconds     step after every actuator change, s
 * @param dtMaxSeconds     largest step, s
 * @param pressureStepBar  largest change per step of the group pressure and the line's, while the
 *                         solenoid holds the group connected to the line, bar
 * @param releaseStepBar   largest change per step of the group pressure while the solenoid is
 *                         released (the group then sealed off from the line, its water leaving
 *                         through the exhaust), bar
 * @param pressureErrorBar largest departure per step of either pressure from the straight line
 *                         through the previous step's rate of change (the step's curvature, about
 *                         twice backward Euler's local error ½·p''·dt²), bar; infinite: no such
 *                         bound, and then the larger of the two changes, group or line, is held to
 *                         {@code pressureStepBar} whatever the solenoid (the rule before the bound)
 */
public record AdaptiveSteps(double dtMinSeconds, double dtMaxSeconds, double pressureStepBar, double releaseStepBar,
                            double pressureErrorBar) {
    public AdaptiveSteps {
        Require.inRange(dtMinSeconds, 1e-5, 0.1, "dtMinSeconds");
        Require.inRange(dtMaxSeconds, dtMinSeconds, 2.0, "dtMaxSeconds");
        Require.positive(pressureStepBar, "pressureStepBar");
        Require.positive(releaseStepBar, "releaseStepBar");
        if (!(pressureErrorBar > 0)) {
            throw new InvalidParameterException("pressureErrorBar",
                    "must be greater than 0 (infinite: no bound), got " + pressureErrorBar);
        }
    }

    /** The change-only rule: the group's and the line's change held to {@code pressureStepBar}, no curvature bound. */
    public static AdaptiveSteps changeOnly(double dtMinSeconds, double dtMaxSeconds, double pressureStepBar) {
        return new AdaptiveSteps(dtMinSeconds, dtMaxSeconds, pressureStepBar, pressureStepBar, Double.POSITIVE_INFINITY);
    }

    /** Whether the curvature bound is on. */
    public boolean boundsCurvature() {
        return pressureErrorBar != Double.POSITIVE_INFINITY;
    }
}
