/**
 * Parameters of the heat side of the plant: the boiler, the group's metal, the temperature probes
 * and the room. The equations themselves are in {@link io.backflush.core.plant.BrewCircuit}.
 *
 * <p>The boiler (or a heat exchanger's feed) is one well-mixed water mass; the group is one lump of
 * brass. Water entering the group leaves the boiler at boiler temperature and is replaced by tank
 * water. With ρc = 963 kg/m³ × 4210 J/(kg·K) = 4.054 J/(ml·K) and Q⁺ = max(Q_in, 0) the flow into
 * the group, ml/s:
 *
 * <pre>
 *   C_b·dT_b/dt = P_heater·u − UA_b·(T_b − T_amb) − ρc·Q⁺·(T_b − T_tank)      C_b = ρc·V_boiler
 *   C_g·dT_g/dt = k_bg·(T_b − T_g) − UA_g·(T_g − T_amb) + ρc·Q⁺·(T_b − T_g)    C_g = m_g·c_brass
 * </pre>
 *
 * where u is the heater duty (an average power fraction, 0..1). The fixed stepper advances these
 * with explicit Euler: their time constants (about ten seconds at the shortest, with water flowing)
 * are far above any step the executive accepts.
 *
 * <p>The probes follow a first-order lag of time constant τ, advanced exactly for a step dt:
 *
 * <pre>
 *   T_s &lt;- T_s + (1 − e^(−dt/τ))·(T − T_s)
 * </pre>
 *
 * <p>Not modelled: stratification, steam and boiler pressure (no pressurestat), the HX as a separate
 * circuit, the temperature of the water and air in the group chamber (the air is held at a fixed
 * 363.15 K), the dependence of water properties on temperature. Every default is listed with its
 * source in {@code docs/model.md}.
 */
package io.backflush.core.thermal;
