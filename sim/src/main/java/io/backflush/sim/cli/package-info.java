/**
 * The {@code backflush} command line (picocli).
 *
 * <p>Commands: {@code run --machine M --program P [--dt S] [--json] [--csv FILE [--csv-every N]]}
 * runs a program and prints one row per cycle (pump on, quiet, plateau, release, whoosh peak, volume
 * and decay) and the water ledger, or the same as one JSON object; {@code demo} runs
 * {@code detergent-5x10-rinse-5} on {@code single-boiler} at dt = 1 ms and explains each event in a
 * sentence; {@code machines} and {@code programs} list the presets and named programs. Machines and
 * programs are given by name; files are not accepted yet.
 *
 * <p>Errors a user can cause (a bad flag, an unknown name, an unwritable trace path, an invalid
 * parameter) and a refused program (a machine without a three-way valve) are reported as one line
 * with exit code 2 ({@link io.backflush.sim.cli.BackflushCli#EXIT_USAGE}); anything else is an
 * internal error, exit code 1. A failed run leaves no half-written trace.
 *
 * <p>The quiet threshold the narrative quotes is
 *
 * <pre>
 *   0.05 × Q_pump(0 bar)     (0.54 ml/s for the Ulka E5's 10.8 ml/s free flow)
 * </pre>
 *
 * and the plateau is explained by whatever limits it: the OPV returning the pump's whole flow, the
 * rotary pump's bypass, or the pump's stall.
 */
package io.backflush.sim.cli;
