package io.backflush.core.plant;

/**
 * The fixed stepper's solver work since its plant was made ({@link Plant#solverStats()}): steps;
 * residual evaluations r(p); the group's Newton iterations (in all, and the most in one step: a step that starts converged takes none);
 * steps that started from the last step's extrapolated change (continuing it: same start, dt and
 * parts); steps that fell back to the nested line solve; iterations where Newton's step left the
 * bracket and was replaced by bisection or doubling; the joint solve's line Newton steps; the
 * nested and sealed line solve's iterations; sealed lines solved in closed form; and the times
 * the dt-dependent factors (lags, 1/dt, C_L/dt) were computed. Diagnostics: what
 * docs/architecture.md ("The solver's cost, counted") and bench/README quote; plain counters that
 * {@code FixedStepper} increments without allocating.
 */
public record SolverStats(long steps, long residuals, long groupIterations, int maxGroupIterations,
                          long predictedStarts, long nestedSteps, long bisections, long lineNewtonSteps,
                          long lineSolveIterations, long lineClosedForms, long factorUpdates) {
}
