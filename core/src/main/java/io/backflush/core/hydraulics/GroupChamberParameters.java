package io.backflush.core.hydraulics;

import io.backflush.core.param.Require;

/**
 * The group chamber: headspace above the shower screen plus the basket's free volume, closed by
 * the basket. It holds water and trapped air (isothermal ideal gas) inside walls that stretch
 * elastically with pressure (hoses, gaskets).
 *
 * @param freeVolumeMl         volume with no water at 0 bar gauge, ml. Estimate: 35–60 ml from
 *                             geometry (26 cm² × 13–23 mm)
 * @param complianceMlPerBar   elastic growth of the volume per bar, ml/bar. Source: 0.15 (Decenza
 *                             simulator) to 1.4 (GaggiMate)
 * @param headspaceAirFraction fraction of a dry chamber's air that sits in the headspace by the
 *                             exit to the valve; it vents first on release. The rest is trapped in
 *                             the basket under the water: it expands on release and drives the
 *                             water out (the whoosh). Estimate: 0.5 (0.7 for the E61, whose mushroom and 20 ml pre-infusion chamber make a larger headspace)
 * @param drainTimeConstantSeconds once the group is released and at atmospheric pressure, the water
 *                             above the basket drains by gravity through the passage and the valve's
 *                             exhaust, first order with this time constant, and air comes back in
 *                             through the exhaust to take its place, s. Estimate: the orifice law for
 *                             a 1.5 mm exhaust under a few cm of water passes about 1 ml/s, some 20 ml
 *                             in {@value #DEFAULT_DRAIN_TIME_CONSTANT_SECONDS} s
 * @param retainedWaterMl      water the drain leaves behind (wetting the screen, held in the
 *                             basket's corners), ml. Estimate: {@value #DEFAULT_RETAINED_WATER_ML} ml
 */
public record GroupChamberParameters(double freeVolumeMl, double complianceMlPerBar, double headspaceAirFraction,
                                     double drainTimeConstantSeconds, double retainedWaterMl) {
    /** Default drain time constant, s (estimate). */
    public static final double DEFAULT_DRAIN_TIME_CONSTANT_SECONDS = 15.0;
    /** Default water left after draining, ml (estimate). */
    public static final double DEFAULT_RETAINED_WATER_ML = 2.0;

    public GroupChamberParameters {
        Require.inRange(freeVolumeMl, 1.0, 1000.0, "freeVolumeMl");
        Require.inRange(complianceMlPerBar, 0.01, 20.0, "complianceMlPerBar");
        Require.inRange(headspaceAirFraction, 0.0, 1.0, "headspaceAirFraction");
        Require.inRange(drainTimeConstantSeconds, 0.1, 10_000.0, "drainTimeConstantSeconds");
        Require.inRange(retainedWaterMl, 0.0, freeVolumeMl, "retainedWaterMl");
    }

    /** A chamber with the default drain (estimates; a chamber smaller than the retained water retains all of it). */
    public GroupChamberParameters(double freeVolumeMl, double complianceMlPerBar, double headspaceAirFraction) {
        this(freeVolumeMl, complianceMlPerBar, headspaceAirFraction, DEFAULT_DRAIN_TIME_CONSTANT_SECONDS,
                Math.min(DEFAULT_RETAINED_WATER_ML, freeVolumeMl));
    }
}
