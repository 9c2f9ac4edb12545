/**
 * Control logic in the loop.
 *
 * <p>A {@link io.backflush.sim.control.Controller} is called once per tick with the sensor readings
 * taken at the start of the tick and writes the {@link io.backflush.core.plant.Actuators} the plant
 * applies during the step: pump duty (fraction of mains cycles that stroke; a rotary pump runs at
 * 0.5 or more), solenoid (energised: pump to group; released: group to the drip tray) and heater
 * duty. Commands persist between ticks and are clamped to their ranges by the plant. Built-in
 * programs implement it today; in-process firmware and a bridge to remote firmware are meant to.
 *
 * <p>{@link io.backflush.sim.control.BackflushController} runs a backflush program open loop, as the
 * timer-based cleaning routines of hobby firmware do: for each cycle of each phase, pump duty 1 and
 * solenoid energised for the pump-on time, then pump 0 and solenoid released for the release time;
 * the safe state after the last cycle. Whether the pump is on at time t is
 *
 * <pre>
 *   τ = (t − phase start) mod (pumpOnSeconds + releaseSeconds);   pumping ⇔ τ &lt; pumpOnSeconds
 * </pre>
 *
 * with a 1e-9 s tolerance so that tick times such as 9.999999999 s fall on the right side of a
 * boundary. {@link io.backflush.sim.control.BoilerThermostat} holds the boiler meanwhile: on/off
 * with hysteresis on the lagging boiler probe (heat below setpoint − band/2, stop above
 * setpoint + band/2; a backflush run uses 93 °C and a 1 °C band). It is deliberately not a PID: the
 * PID is what firmware under test brings.
 */
package io.backflush.sim.control;
