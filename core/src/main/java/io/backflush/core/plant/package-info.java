/**
 * The plant: one simulated machine's state, its equations and the steppers that advance it.
 *
 * <h2>State</h2>
 * {@link io.backflush.core.plant.StateLayout} maps the continuous state to a flat {@code double[]}:
 * group water (ml), headspace air and basket air (ml at 1 atm and 90 °C), boiler, element, group-metal
 * and chamber-water temperatures, the two lagged probe readings (°C), the line's stored water, and the
 * water ledger (drawn from the tank, returned by the OPV, to the drip tray, to the cup, grown by
 * warming; ml). Pressures are not state: they are functions of it.
 * {@link io.backflush.core.plant.Plant} is made of parts: that array, the discrete parts
 * ({@link io.backflush.core.plant.ThreeWayValve}: position and pending switch;
 * {@link io.backflush.core.plant.PumpDrive}: stroke accumulator and next mains boundary), the
 * {@link io.backflush.core.plant.Actuators} a controller writes, the {@link
 * io.backflush.core.plant.Faults} injected from outside, the residue and detergent, and the flows
 * the last step observed ({@link io.backflush.core.plant.StepObservables} in a snapshot).
 *
 * <h2>Equations ({@link io.backflush.core.plant.BrewCircuit}): the one dynamics definition</h2>
 * {@code flowsAt(p, …)} gives every flow at a group pressure p for the discrete parts' settings,
 * and {@code rates(y, flows, …)} the rate of every state variable; both steppers use exactly these.
 * The group pressure p (bar gauge) follows from water V_w and total air n by the ideal gas law at the
 * chamber water's temperature T_w (n below stands for n·(T_w + 273.15)/363.15) in a chamber of free
 * volume V₀ and compliance C, with P_a = 1.01325 bar:
 *
 * <pre>
 *   F(p) = (p + P_a)·(V₀ + C·p − V_w) − n·P_a = 0,    a = V₀ − V_w
 *   p = −2·P_a·(a − n) / ( a + C·P_a + sqrt((a − C·P_a)² + 4·C·P_a·n) ),   clamped at 0
 *   ∂p/∂V_w = (p + P_a)/F'(p),   ∂p/∂n = P_a/F'(p),   F'(p) = a + 2·C·p + C·P_a
 * </pre>
 *
 * Water flows in from the pump–boiler line at Q_in = Q_path(p_L − p) (zero while the valve is
 * de-energised; negative, back into the line, while the group is above it) and out through the
 * exhaust (valve de-energised) and the basket, both orifice laws in p. The line, the pump outlet
 * node with the line's compliance C_L, is a state of its own:
 *
 * <pre>
 *   C_L·dp_L/dt = Q_pump(p_L) − Q_opv(p_L) − Q_path(p_L − p)     valve energised
 *   C_L·dp_L/dt = Q_pump(p_L) − Q_opv(p_L) − k_leak·p_L          valve released
 * </pre>
 *
 * so what charges or discharges the line passes through the node, where the pump, the OPV and
 * the path share it by their conductances, and water reaches the group only from a line above it. While headspace air remains the exhaust passes air only; then
 * water. Heat and sensor lag are described in {@link io.backflush.core.thermal}.
 *
 * <h2>The fixed stepper</h2>
 * {@code FixedStepper} is backward Euler on water and headspace air, solved for the end-of-step
 * pressure. Given a trial p every flow is known, hence the end-of-step state and the pressure it
 * implies:
 *
 * <pre>
 *   p_L(p) : C_L·(p_L − p_L0)/dt = Q_pump(p_L) − Q_opv(p_L) − Q_path(p_L − p)   (increasing in p)
 *   Q_in(p) = Q_path(p_L(p) − p),   dQ_in/dp = −Q_path'·(1 − Q_path'/(C_L/dt + Q_path' + Q_opv' − Q_pump'))
 *   W(p)   = W₀ + dt·(Q_in(p) − Q_ex(p) − Q_cup(p))
 *   n_h(p) = n_h0 − dt·Q_air(p)
 *   r(p)   = P(W(p), n_h(p) + n_basket) − p = 0
 *   r'(p)  = [ (p + P_a)·dt·dQ_net/dp − P_a·dt·dQ_air/dp ] / F'(p) − 1
 * </pre>
 *
 * r is strictly decreasing and r(0) &gt;= 0, so the root is unique; safeguarded Newton from the
 * previous pressure (bisection whenever a step leaves the bracket) converges to 1e-5 bar (1 Pa), in 0 to 2
 * iterations at dt = 1 ms. The line's own backward-Euler equation above (one unknown, monotone) is
 * solved jointly with it: one line Newton step per group iteration until both have converged (the
 * nested solve, the line to convergence in every trial p, after 12 iterations, or as soon as the
 * joint solve swings over the OPV's kink: two sign changes of r in a row that do not halve it). In the step where the headspace
 * empties, the exhaust passes air for the fraction θ = n_h0/(Q_air·dt) of the step and water for
 * the rest. Where the pump strokes only part of a step (pulse skipping across a mains-cycle
 * boundary), the pump's flow is scaled by the running fraction.
 *
 * <p>Why implicit: with no trapped air the pressure is p = (V_w − V₀)/C and moves at Q/C, tens of
 * bar per second, behind orifices whose conductance grows without bound toward zero flow (k/sqrt(ε)
 * at the smoothing floor, about 500 ml/s/bar for the 1.5 mm exhaust). Explicit Euler would need
 * dt below about 2C/(dQ/dp), a couple of milliseconds in that case (derived, not measured), and
 * chatter at the plateau; backward Euler is stable for any dt, leaving accuracy as the only limit.
 * Temperatures, with time constants of seconds to minutes, use explicit Euler; the probe lag uses
 * the exact exponential factor. A step allocates nothing.
 *
 * <h2>The water ledger</h2>
 * The ledger accumulators are advanced with the same flows that move the water
 * (from tank += Q_pump·dt, returned += (Q_opv + leak)·dt, line += (Q_pump − Q_opv − leak − Q_in)·dt,
 * drip += Q_ex·dt, cup += Q_cup·dt), so
 * {@link io.backflush.core.plant.WaterBalance#balanceErrorMl()} is round-off. It proves consistent
 * bookkeeping, not correct flow laws.
 *
 * <h2>The reference stepper</h2>
 * {@code ReferenceStepper} ({@link io.backflush.core.plant.StepperKind#REFERENCE}; Commons Math's
 * adaptive Dormand–Prince integrator at tight tolerances) advances the same plant by integrating
 * {@code rates}, the line's pressure one of its states, and places every switch
 * exactly: valve switches and stroke changes, which the parts announce, by integrating segment by
 * segment between them, the headspace running out by an event. {@link
 * io.backflush.core.plant.ReferenceIntegrator} drives it with a schedule and measures the cycles
 * ({@link io.backflush.core.plant.CycleMetrics}, the one definition the product's detector uses too)
 * on its dense output; the tests validate the fixed stepper against it, clean and fouled.
 */
package io.backflush.core.plant;
