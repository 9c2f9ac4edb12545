/**
 * Running a plant over time: the executive, observers, event detection and the run's reports.
 *
 * <h2>The executive</h2>
 * {@link io.backflush.sim.run.Simulation} advances a plant by a fixed dt (1e-5 to 0.1 s). Each
 * tick, in this order:
 *
 * <pre>
 *   t = plant time
 *   plant.readSensors(sensors)                  readings at the start of the tick
 *   controller.control(sensors, actuators)      commands for the step
 *   plant.step(dt)                              valve dead time, pump strokes, hydraulics, heat
 *   observer.afterStep(t, plant)                for every observer, in registration order
 * </pre>
 *
 * A run ends after round(end/dt) ticks; {@link io.backflush.sim.run.Simulation#tick()} runs one,
 * for front ends that decide when the plant moves (the HIL session: on the firmware's answer, or on
 * the wall clock). {@link io.backflush.sim.run.TickObserver}s see the plant after each step with the
 * step's start time, so they know which commands were in force.
 *
 * <h2>Event detection</h2>
 * {@link io.backflush.sim.run.CycleDetector} finds the backflush events from the actuator commands
 * and the plant's flows alone, so it measures any controller the same way:
 * <ul>
 *   <li>a cycle starts when the commanded pump duty rises from 0;</li>
 *   <li>quiet: the net flow into the group falls below 5 % of the pump's free flow and stays below
 *       until the pump is commanded off (time since pump-on);</li>
 *   <li>plateau: the group pressure at the end of the step before the solenoid command drops;</li>
 *   <li>whoosh, if the plateau is above 1 bar: peak exhaust water flow, water to the drip tray from
 *       the release command to the next pump-on, and the time from the release command until the
 *       group pressure is below 0.5 bar.</li>
 * </ul>
 * Event times are step-end times, resolved to one dt. The release is the <em>command</em>; the
 * decay time therefore includes the valve's dead time.
 *
 * <h2>Runs and reports</h2>
 * {@link io.backflush.sim.run.BackflushRun} runs a program on a machine with a blind basket from a
 * hot machine with a dry chamber, and refuses a machine without a three-way valve
 * ({@link io.backflush.sim.run.ProgramRefusedException}: nothing would release the trapped pressure);
 * {@code simulate} skips the refusal to show what would happen. What is done around the phases
 * (the dose, the basket emptied between a detergent phase and the rinse) is
 * {@link io.backflush.sim.run.ProgramPhases}'s, shared with the cleaning in days of use. The result
 * ({@link io.backflush.sim.run.RunResult}) holds one {@link io.backflush.sim.run.CycleReport} per
 * cycle and the {@link io.backflush.sim.run.WaterReport}:
 *
 * <pre>
 *   balance error = from tank − returned to tank − to drip tray − to cup − Δ(water held in the group)
 * </pre>
 *
 * which is round-off. {@link io.backflush.sim.run.TraceCsvWriter} writes one row per tick (or every
 * N ticks) of every {@link io.backflush.sim.signal.Signal} (docs/signals.md) to a temporary file
 * moved into place only when the run completes.
 */
package io.backflush.sim.run;
