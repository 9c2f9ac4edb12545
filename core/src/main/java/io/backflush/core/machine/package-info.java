/**
 * Machines: the immutable description of one brew circuit, its precomputed form, and the presets.
 *
 * <p>{@link io.backflush.core.machine.MachineParameters} gathers the component records along the
 * water path
 *
 * <pre>
 *   tank → pump → (OPV → tank) → boiler / HX → gicleur → three-way valve inlet → group chamber → basket → cup
 *                                                         three-way valve exhaust → drip tray
 * </pre>
 *
 * with a null over-pressure valve, gicleur or three-way valve where a machine lacks one.
 * {@link io.backflush.core.machine.Machine#of} resolves the pump curve, checks the cross-field rules
 * (an OPV must crack below the pump's stall pressure), combines the gicleur and the valve's inlet port
 * into one orifice, 1/k² = 1/k₁² + 1/k₂², and builds the tabulated
 * {@link io.backflush.core.hydraulics.InletCharacteristic}. A {@code Machine} is immutable and can be
 * shared by any number of plants and threads.
 *
 * <p>{@link io.backflush.core.machine.Presets} holds four machines as data: {@code single-boiler}
 * (Gaggia Classic-like: Ulka E5, OPV 9 bar, 45 ml chamber), {@code e61-hx} (Ulka E5, OPV 10 bar,
 * 0.8 mm gicleur, 60 ml chamber), {@code rotary-commercial} (28 ml/s rotary pump, bypass 9 bar,
 * 0.8 mm gicleur, 55 ml chamber) and {@code no-3way} (no three-way valve and no OPV: it cannot be
 * backflushed). Every number is sourced or marked as an estimate in the parameter records' Javadoc;
 * {@code docs/model.md} tabulates them all. Reading machines from files is not implemented yet.
 */
package io.backflush.core.machine;
