package io.backflush.sim.usage;

import io.backflush.core.param.Require;
import io.backflush.sim.run.AdaptiveSteps;

/**
 * How finely a long simulation steps ({@link io.backflush.sim.run.Simulation#advanceAdaptive}),
 * for shots and for cleaning programs apart, since their figures need different things: a shot's
 * (the volume it stops on, the residue it deposits, in proportion to the volumes through the
 * sites) follow the water's balance, which the implicit stepper keeps at any step, while a
 * cleaning's residue removal goes as the exhaust's flow to the power 1.5, so the release's falling
 * flow must be resolved.
 *
 * @param shots    the steps of a shot and its release
 * @param cleaning the steps of a cleaning program's cycles and of a post-shot flush
 */
public record StepPolicy(AdaptiveSteps shots, AdaptiveSteps cleaning) {
    public StepPolicy {
        Require.present(shots, "shots");
        Require.present(cleaning, "cleaning");
    }

    /**
     * Adaptive, 1 ms after every switch. Shots: up to 2 s a step, 5 bar of change and 1 bar of
     * curvature per step (the fill in a dozen steps, the plateau in 2 s steps: 44 steps a shot).
     * Cleaning cycles: up to 0.5 s; while the pump fills the blind basket, 5 bar of change and
     * 0.02 bar of curvature; while released, 0.1 bar of change of the group (the earlier rule's,
     * for the exhaust's flow) and the same curvature, the sealed line not counted (about 190 steps
     * a 10 s / 10 s cycle, 255 with the change-only rule). Against {@link #fine()}: see {@code docs/model.md} §10.3;
     * {@code StepPolicyAgreementTest} holds a home week to 5 % in mean cup penalty and 10 % (or
     * 0.5 mg) in each site's residue, and two days of shots alone to 1 % in cup penalty and 2 % in
     * residue.
     */
    public static StepPolicy fast() {
        return new StepPolicy(new AdaptiveSteps(0.001, 2.0, 5.0, 5.0, 1.0),
                new AdaptiveSteps(0.001, 0.5, 5.0, 0.1, 0.02));
    }

    /**
     * The rule before the curvature bound (until 2026-12-01): 1 ms after switches, up to 0.5 s,
     * the group's and the line's change held to 0.1 bar per step, shots and cleaning alike (240
     * steps a shot); kept to compare against ({@code bench/README.md}'s baseline).
     */
    public static StepPolicy changeOnly() {
        AdaptiveSteps steps = AdaptiveSteps.changeOnly(0.001, 0.5, 0.1);
        return new StepPolicy(steps, steps);
    }

    /** Every step 1 ms: the reference the fast policy is checked against. */
    public static StepPolicy fine() {
        AdaptiveSteps steps = AdaptiveSteps.changeOnly(0.001, 0.001, 1.0);
        return new StepPolicy(steps, steps);
    }
}
