/**
 * Backflush programs as data.
 *
 * <p>A {@link io.backflush.sim.program.BackflushProgram} is one or more
 * {@link io.backflush.sim.program.Phase}s run in order; a phase is {@code cycles} repetitions of
 * pump on (solenoid energised) for {@code pumpOnSeconds} then release for {@code releaseSeconds}
 * (1 to 1000 cycles, each time 1 ms to 600 s). Its duration is
 *
 * <pre>
 *   duration = Σ over phases of cycles·(pumpOnSeconds + releaseSeconds)
 * </pre>
 *
 * <p>{@link io.backflush.sim.program.PhaseKind} labels a phase water, detergent or rinse. The label
 * reaches the cycle reports, but the plant models no detergent or residue yet, so the kinds behave
 * identically.
 *
 * <p>{@link io.backflush.sim.program.Programs} names the built-in programs, each following a
 * published procedure: {@code water-5x10} (5 water cycles, 10 s on / 10 s release: Clive Coffee's
 * timing) and {@code detergent-5x10-rinse-5} (5 detergent then 5 rinse cycles, 10 s / 10 s: the seed
 * article and Clive Coffee). Reading programs from files is not implemented yet
 * ({@code ProgramFiles} is a placeholder).
 */
package io.backflush.sim.program;
