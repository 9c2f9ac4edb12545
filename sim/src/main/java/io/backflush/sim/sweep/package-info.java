/**
 * Sweeps: a space of cleaning strategies and usages searched over many seeds.
 *
 * <p>A sweep file ({@link io.backflush.sim.sweep.SweepFiles}) names a base machine, strategy and
 * usage and the {@link io.backflush.sim.sweep.Axis axes} to vary; a {@link io.backflush.sim.sweep.Design}
 * picks the points: every combination (grid), independent uniform draws (random), or a Latin
 * hypercube, where each of the n samples takes a different one of n equal strata of every axis:
 *
 * <pre>
 *   x_k = from + (&#960;(k) + u_k)/n &#183; (to &#8722; from),   &#960; a random permutation of 0..n&#8722;1, u_k ~ U(0, 1)
 * </pre>
 *
 * (a list of values is cut into n shares the same way). Both random designs are drawn from the
 * file's own seed, so a file gives the same points everywhere.
 *
 * <p>{@link io.backflush.sim.sweep.SweepRunner} runs one machine life per point and seed and
 * summarises each figure over the seeds ({@link io.backflush.sim.usage.Spread}); lives are
 * independent and combined in point and seed order, so the result does not depend on the thread
 * count or on which machine ran which point (the Spark module runs {@code SweepRunner.point} as one
 * task per point). {@link io.backflush.sim.sweep.Pareto} marks the points that no other point
 * beats on cup penalty, water, detergent and cleaning minutes at once.
 */
package io.backflush.sim.sweep;
