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
 */
public record GroupChamberParameters(double freeVolumeMl, double complianceMlPerBar, double headspaceAirFraction) {
    public GroupChamberParameters {
        Require.inRange(freeVolumeMl, 1.0, 1000.0, "freeVolumeMl");
        Require.inRange(complianceMlPerBar, 0.01, 20.0, "complianceMlPerBar");
        Require.inRange(headspaceAirFraction, 0.0, 1.0, "headspaceAirFraction");
    }
}
