/**
 * Mineral scale and descaling: how much scale the water can form, where it forms, what it does to
 * the machine and how acid removes it. Advanced between shots and programs, never inside a plant
 * step; its effects reach the plant as a machine's effective parameters ({@code docs/model.md} §14).
 *
 * <h2>How much: Schulman's equation (sourced)</h2>
 * {@link io.backflush.core.scale.Schulman}: the mg of CaCO₃ per litre x that comes out of a water
 * of hardness H and alkalinity A (mg/L as CaCO₃, {@link io.backflush.core.machine.WaterChemistry})
 * heated to T °C solves
 *
 * <pre>
 *   0.9·log10(H − x) + 2.465·log10(A − x) = 39.61 − 13.12·log10(T + 273)      (x = 0 if not supersaturated)
 * </pre>
 *
 * <h2>Where: shares and captures (estimates)</h2>
 * Per litre of fresh water heated ({@link io.backflush.core.scale.Scale#heat}), with S(T) the
 * equation's x:
 *
 * <pre>
 *   element += share_e · S(T_water + ΔT_e)        boiler  += share_b · S(T_water)
 *   gicleur += capture_g · S(T_water) · L_heated  seat, exhaust += capture · S(T_water) · L_exhaust
 *   screen  += capture_s · S(T_water) · L_cup
 * </pre>
 *
 * <h2>What it does (caricatures, {@link io.backflush.core.scale.Scale#effective})</h2>
 * <pre>
 *   1/G_e = 1/G_e0 + δ/(k·A_e),  δ = m_e/(ρ·A_e)            the element insulated
 *   C_e   = C_e0 + c_scale·m_e                                its lag C_e/G_e grows
 *   V_b   = max(f_min·V_b0, V_b0 − (m_e + m_b)/ρ)             a boiler that holds less
 *   A/A0  = max(a_min, 1 − (m/ρ)/(A0·L))                      gicleur (or inlet port) and exhaust narrowed
 *   k_leak = k_m · max(0, m_seat − m_onset)                   a seat that no longer seals
 * </pre>
 *
 * <h2>Descaling</h2>
 * {@link io.backflush.core.scale.Scale#descale}: dm/dt = −k₉₀·c/(c + K)·2^((T − 90)/T₂)·m at every
 * site, the acid consumed stoichiometrically (citric acid: 1.28 g per g of CaCO₃); the boiler ends
 * full of what is left of the solution, and each draw of V ml leaves e^(−V/V_b) of it
 * ({@link io.backflush.core.scale.Scale#draw}), so a descale without its flush sours the next shots.
 * Only acid dissolves scale; detergent and water do nothing to it, and acid does nothing to coffee
 * residue ({@code io.backflush.core.cleaning}).
 */
package io.backflush.core.scale;
