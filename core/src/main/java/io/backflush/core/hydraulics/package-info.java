/**
 * The hydraulic components of the brew circuit: pump, over-pressure valve, orifices, three-way
 * valve, group chamber and basket, as immutable parameter records with units and sources, plus the
 * laws that turn them into flows. Pressures are bar gauge, flows ml/s, air amounts ml at 1 atm.
 *
 * <h2>Pump</h2>
 * A vibratory pump ({@link io.backflush.core.hydraulics.PumpCurve}) delivers a measured curve
 * (built in: the Ulka E5, 53 points from DIYCoffeeGuy/data), interpolated linearly; the first segment
 * is extended down to 0 bar and the last one down to zero flow, which defines the stall pressure
 * (14.99 bar for the Ulka E5). The flow is never negative (internal check valve) and scales with
 * the stroke rate mainsHz/curveMeasuredAtHz. Firmware drives it by pulse skipping: at each mains
 * cycle the plant adds the duty d to an accumulator a and strokes when a &gt;= 0.5, subtracting 1.
 * A rotary pump runs (duty &gt;= 0.5) at its nominal flow until its bypass setting:
 *
 * <pre>
 *   Q_pump(x) = Q_n                            x &lt;= p_b
 *             = max(0, Q_n − g_b·(x − p_b))     x &gt; p_b
 * </pre>
 *
 * <h2>Over-pressure valve</h2>
 * {@link io.backflush.core.hydraulics.ReliefValveParameters}: linear relief to the tank,
 * Q_opv = g·(x − p_crack) above the cracking pressure, 0 below.
 *
 * <h2>Orifices</h2>
 * Gicleur, valve inlet port and valve exhaust are sharp orifices
 * ({@link io.backflush.core.hydraulics.OrificeParameters}, {@link io.backflush.core.hydraulics.Fluids}):
 *
 * <pre>
 *   Q = Cd·A·sqrt(2·Δp/ρ) = k·sqrt(Δp)         (ρ = 963 kg/m³; k in ml/s per sqrt(bar))
 *   smoothed:  Q = k·Δp / (Δp² + ε²)^(1/4)      ε = 1e-3 bar
 *   in series: 1/k² = 1/k₁² + 1/k₂²
 * </pre>
 *
 * The smoothing removes the square root's infinite slope at zero flow (a real orifice turns laminar
 * there) so that Newton's method has a finite derivative; above a few ε it is the square-root law.
 *
 * <h2>Supply side: the algebraic pump-outlet node</h2>
 * {@link io.backflush.core.hydraulics.InletCharacteristic} reduces pump, OPV and inlet path to a
 * function of the group pressure p. The node between them holds no water, so its pressure x balances
 * the flows at every instant:
 *
 * <pre>
 *   pump running:  Q_pump(x) − Q_opv(x) = Q_path(x − p)
 *   pump stopped:           − Q_opv(x) = Q_path(x − p)     (group back-flows through the OPV)
 * </pre>
 *
 * Every term is monotone in x, so bisection finds the unique root. The net flow into the group,
 * the pump flow and x are tabulated once per machine from 0 bar to 5 bar above the stall or cracking
 * pressure, every {@link io.backflush.core.hydraulics.InletCharacteristic#STEP_BAR} bar. This is the
 * supply's steady state, not what the steppers integrate: the node carries the pump–boiler line's
 * compliance, so the plant ({@code core.plant.BrewCircuit}) keeps its pressure as a state,
 * C_L·dx/dt = Q_pump(x) − Q_opv(x) − Q_path(x − p), which settles on this root whenever the group
 * holds still. A quasi-steady node whose line charge was taken from the group let a stiff chamber
 * full of water rise above the pump outlet each time a pulse-skipped stroke ended (issue 8).
 *
 * <h2>Group chamber and basket</h2>
 * {@link io.backflush.core.hydraulics.GroupChamberParameters}: free volume V₀ at 0 bar, wall
 * compliance C, and the fraction of a dry chamber's air that sits in the headspace by the exit (it
 * vents first on release; the rest, in the basket under the water, drives the whoosh). The trapped
 * air obeys the isothermal gas law (p + P_a)(V₀ + C·p − V_w) = n·P_a, solved in
 * {@link io.backflush.core.plant.BrewCircuit}. The basket
 * ({@link io.backflush.core.hydraulics.BasketParameters}) passes Q = sqrt(p/R) to the cup, i.e.
 * p = R·Q² (blind: R infinite; typical puck: R = 2.25 bar·s²/ml², 9 bar at 2 ml/s).
 *
 * <h2>Three-way valve</h2>
 * {@link io.backflush.core.hydraulics.ThreeWayValveParameters}: normally closed. Energised, the
 * inlet port is open and the exhaust shut; de-energised, the chamber discharges through the exhaust
 * orifice to the drip tray. The valve follows its coil after a dead time (20 ms in the presets, an
 * estimate). Air leaves through the exhaust by the smaller of the incompressible law with upstream
 * density and the choked limit:
 *
 * <pre>
 *   Q_air = min( Cd·A·sqrt(2RT)·sqrt(P_up·Δp), Cd·A·0.6847·sqrt(RT)·P_up ) / P_a     (atm-ml/s)
 * </pre>
 */
package io.backflush.core.hydraulics;
