package io.backflush.sim.usage;

import io.backflush.core.param.Require;

/**
 * How finely a long simulation steps: see {@link io.backflush.sim.run.Simulation#advanceAdaptive}.
 *
 * @param dtMinSeconds    step after every actuator change, s
 * @param dtMaxSeconds    largest step while pressures settle, s
 * @param pressureStepBar group pressure change per step that the step size aims for, bar
 */
public record StepPolicy(double dtMinSeconds, double dtMaxSeconds, double pressureStepBar) {
    public StepPolicy {
        Require.inRange(dtMinSeconds, 1e-5, 0.1, "dtMinSeconds");
        Require.inRange(dtMaxSeconds, dtMinSeconds, 1.0, "dtMaxSeconds");
        Require.positive(pressureStepBar, "pressureStepBar");
    }

    /**
     * Adaptive: 1 ms after switches, up to 0.5 s while steady, aiming at 0.1 bar per step. Against
     * {@link #fine()} over a home week (7 days × 10 shots, medium roast) it moves the mean cup
     * penalty by under 0.1 % (never cleaned) to about 1.2 % (weekly detergent), the residue of a
     * never cleaned group by about 0.1 %, and that of a weekly-cleaned one (4 mg at the screen) by
     * 0.25 mg (6 %); {@code StepPolicyAgreementTest} holds it to 5 % and 10 % (or 0.5 mg). It makes
     * a café month (30 × 150 shots, daily detergent) about 70 times faster than fine steps
     * ({@code docs/model.md} §10.3).
     */
    public static StepPolicy fast() {
        return new StepPolicy(0.001, 0.5, 0.1);
    }

    /** Every step 1 ms: the reference the fast policy is checked against. */
    public static StepPolicy fine() {
        return new StepPolicy(0.001, 0.001, 1.0);
    }
}
