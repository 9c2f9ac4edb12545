/**
 * Coffee residue and backflush detergent: where residue collects, how shots deposit it, how it
 * bakes on, how backflushing removes it, what it does to the hydraulics and the cup. Every
 * parameter is an estimate (no coffee-specific fouling data exist), calibrated to published
 * cleaning practice; {@code docs/model.md} §6–§12 lists the targets and the figures.
 *
 * <h2>Residue</h2>
 * Three {@link io.backflush.core.cleaning.Site}s (screen, passage, valve) each hold a fresh pool
 * f, which water moves, and an aged pool a, baked on, which needs detergent. In brewing mode
 * ({@link io.backflush.core.cleaning.Cleaning#brewing}) coffee through the puck (Q_cup) fouls the
 * screen and coffee liquid released back out of the exhaust (Q_ex) fouls passage and valve, with a
 * shot strength s = dose/18 g &#215; roast oil factor, saturating at the site's capacity m&#8734;
 * (Kern&#8211;Seaton):
 *
 * <pre>
 *   dm/dV = d &#183; s &#183; (1 &#8722; m/m&#8734;),  m = f + a        per step: f += (m&#8734; &#8722; m)&#183;(1 &#8722; e^(&#8722;d&#183;s&#183;Q&#183;dt/m&#8734;))
 *   d(a)/dt = k(T)&#183;f,   k(T) = k&#8329;&#8320; &#183; Q10^((T &#8722; 90)/10)   T = group metal temperature, &#176;C
 * </pre>
 *
 * In cleaning mode ({@link io.backflush.core.cleaning.Cleaning#cleaningMode}) liquid driven back
 * out of the exhaust at Q removes from all three sites alike, water acting on the fresh pool and
 * detergent (concentration c = D/V_w in the chamber water) on both:
 *
 * <pre>
 *   &#963;       = (Q/Q_ref)^n &#183; 2^((T &#8722; 90)/T&#8322;)
 *   df/dt   = &#8722;(a_wf + a_d&#183;c/(c + K)) &#183; &#963; &#183; f
 *   da/dt   = &#8722;(a_wa + a_d&#183;c/(c + K)) &#183; &#963; &#183; a
 * </pre>
 *
 * Forward flow through an open group (cup flow without a puck) flushes the screen with water only.
 *
 * <h2>Detergent</h2>
 * Powder U dissolves into the chamber water, the dissolved mass D leaves with the liquid that
 * leaves, and the surfaces adsorb a pool S that releases slowly (the rinse tail). Emptying the
 * basket ({@link io.backflush.core.cleaning.Cleaning#dumpChamber}) discards U and D; S stays.
 *
 * <pre>
 *   dU/dt = &#8722;U/&#964;                      (while the chamber holds more than 1 ml)
 *   leaving = D &#183; V_out/(V_w + V_out),   V_out = (Q_ex + Q_cup)&#183;dt   (implicit dilution)
 *   dS/dt = k_a&#183;c&#183;(1 &#8722; S/S_max) &#8722; k_d&#183;S   (one explicit step, clamped to the pools)
 * </pre>
 *
 * U + D + S below {@code tasteThresholdMg} is "rinsed"; more than {@code shotTaintMg} carried into
 * one shot taints it.
 *
 * <h2>Effects and observables</h2>
 * {@link io.backflush.core.cleaning.Cleaning#exhaustAreaFactor} = max(0.05, 1 &#8722;
 * m_valve/m_block) narrows the exhaust (a slower whoosh);
 * {@link io.backflush.core.cleaning.Cleaning#screenResistanceBarS2PerMl2} = r&#183;m_screen adds
 * to the puck's R (slower flow, less pressure at the puck);
 * {@link io.backflush.core.cleaning.Cleaning#seatLeakCoefficient} = l&#183;max(0, m_valve &#8722;
 * m_onset) lets a shut exhaust drip. The plant applies them through
 * {@code BrewCircuit.applyFouling} at the start of a step, only when
 * {@link io.backflush.core.cleaning.Cleaning#residueVersion} has changed. The cup penalty (0 clean, 1 noticed) is
 *
 * <pre>
 *   (a_screen + 0.5&#183;f_screen + 0.3&#183;(f_passage + a_passage)) / tasteResidueMg + detergent in the shot / shotTaintMg
 * </pre>
 *
 * <h2>Numerics</h2>
 * {@link io.backflush.core.cleaning.Cleaning#step} runs after each hydraulic step with that step's
 * flows (operator splitting): detergent first, then deposition or removal, then ageing (a model that
 * has never held coffee or detergent skips its step). Deposition,
 * removal, ageing and dissolution apply the exact solution for flows held constant over the step,
 * so no pool goes negative at any dt. {@link io.backflush.core.cleaning.Cleaning#idle} jumps over a
 * period without flow, ageing exactly at a constant temperature (it does not desorb detergent).
 */
package io.backflush.core.cleaning;
