/**
 * Days of use and cleaning strategies: what a way of cleaning does to a machine over weeks.
 *
 * <h2>Usage</h2>
 * A {@link io.backflush.sim.usage.Usage} gives days, shots a day (fixed, or a Poisson count drawn
 * from the seed), roast, dose and the machine's on and off hours.
 * {@link io.backflush.sim.usage.MachineLife} runs it on one plant: overnight the temperatures are
 * set to the room's, in the morning to 93/88 &#176;C (no heating is integrated); the day's n shots
 * are spread evenly until half an hour before switch-off, then the strategy's due tasks run:
 *
 * <pre>
 *   shot i at  on + (i + 1/2)&#183;(clean &#8722; on)/n,     clean = off &#8722; 30 min
 *   puck R  =  2.25 &#183; e^(0.1&#183;N(0,1)) bar&#183;s&#178;/ml&#178;   (random usage; 2.25 otherwise)
 * </pre>
 *
 * A shot ({@link io.backflush.sim.usage.ShotRecipe}) runs pump and solenoid until 36 ml reach the
 * cup (or 45 s), then releases for 3 s; its cup penalty and carried detergent are recorded.
 *
 * <h2>Stepping</h2>
 * Hours without flow are jumped over exactly ({@code Plant.idle}: residue ages by
 * e^(&#8722;k(T)&#183;&#916;t)). Shots and cleaning cycles are stepped adaptively
 * ({@code Simulation.advanceAdaptive} with the {@code AdaptiveSteps} of a
 * {@link io.backflush.sim.usage.StepPolicy}, one set for shots and one for cleaning):
 *
 * <pre>
 *   dt = dt_min                                         after a change of pump duty or solenoid
 *   dt = clamp(dt &#183; min(2, &#916;p&#42; / |&#916;p|, &#8730;(&#949; / e)), dt_min, dt_max)   otherwise
 * </pre>
 *
 * &#916;p the last step's change of the group and line pressures (the group's alone while the
 * solenoid is released), e its departure from the straight line through the step before's rate
 * (the curvature, about twice backward Euler's local error). A shot also caps each step by the
 * time its cup needs to reach the target volume at the present flow, so the pump stops on 36 ml
 * rather than a long step later. {@link io.backflush.sim.usage.StepPolicy#fast()}: shots up to
 * 2 s, 5 bar, &#949; 1 bar; cleaning up to 0.5 s, 0.1 bar while released, &#949; 0.02 bar;
 * {@link io.backflush.sim.usage.StepPolicy#fine()} is 1 ms throughout, the reference
 * ({@code docs/model.md} &#167;10.3 gives the measured differences).
 *
 * <h2>Strategies</h2>
 * A {@link io.backflush.sim.usage.Strategy} is a list of
 * {@link io.backflush.sim.usage.CleaningTask}s: a program every {@code everyDays}-th day, a
 * detergent dose for each detergent phase, optionally "until clear" (detergent cycles until the
 * discharge is below {@link io.backflush.sim.run.CycleReport#CLEAR_RESIDUE_MG_PER_ML} mg/ml, rinses
 * until the detergent left is below the taste threshold) and optionally replacing the shorter-period
 * tasks on its days. {@link io.backflush.sim.usage.Strategies} holds the named ones from published
 * procedures; {@link io.backflush.sim.usage.StrategyFiles} reads YAML files.
 *
 * <h2>Comparison</h2>
 * {@link io.backflush.sim.usage.StrategyComparison} runs one life per (strategy, seed) on a thread
 * pool; runs share nothing mutable and are combined in a fixed order, so the means (and the worst
 * shot) do not depend on the thread count. Each {@link io.backflush.sim.usage.Figure} is summarised
 * over the seeds by a {@link io.backflush.sim.usage.Spread} (mean, sample standard deviation, and
 * mean &#177; t(0.975, n&#8722;1)&#183;sd/&#8730;n), and a {@link io.backflush.sim.usage.Verdict}
 * names the best strategy only where, for every other strategy, the 95 % interval of the per-seed
 * differences (paired over the common seeds) lies wholly above zero.
 */
package io.backflush.sim.usage;
