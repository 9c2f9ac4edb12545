/**
 * The live view: the machine in a browser, one plant per tab, for a classroom or a café training.
 *
 * <p>No new physics: each session runs the project's executive ({@link io.backflush.sim.run.Simulation})
 * at a fixed 1 ms step against an ordinary {@link io.backflush.core.plant.Plant}, so a cycle pressed
 * on the page gives the figures the {@code run} command gives for the same timing (the browser test
 * holds the whoosh volume to 1 %). Pacing only decides how many ticks run per wakeup: at speed s
 * and wall time Δt the session owes s·Δt of simulated time, runs ⌊s·Δt / dt⌋ ticks of dt, carries
 * the remainder, and never more than 0.5 s per wakeup.
 *
 * <p>The events are the run's definitions: the pump is quiet when the net flow into the group falls
 * below {@link io.backflush.sim.run.CycleDetector#QUIET_FRACTION} of the pump's free flow; a whoosh
 * follows a release from above {@link io.backflush.sim.run.CycleDetector#WHOOSH_MIN_BAR} on a machine
 * with an exhaust, and its volume is the water to the drip tray from the release to the next pump-on.
 * The sound levels are {@link io.backflush.sim.show.RunSound}'s: pump loudness
 * r·(0.25 + 0.75·min(1, q / (r·q_free))) for running fraction r and pump flow q, whoosh and hiss in
 * proportion to the exhaust water and air flows up to their full-scale values.
 */
package io.backflush.sim.live;
