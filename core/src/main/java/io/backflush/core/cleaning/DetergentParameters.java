package io.backflush.core.cleaning;

import io.backflush.core.param.Require;

/**
 * Backflush detergent (sodium carbonate, tripolyphosphate and percarbonate: an MSDS of a
 * backflush tablet). A dose placed in the blind basket dissolves into the chamber water; each
 * whoosh expels part of the chamber liquid and each refill dilutes it; a pool adsorbed on the
 * surfaces releases slowly and gives the "rinse until clear" tail. Every default is an
 * <b>estimate</b> calibrated to practice: 3 g (½ tsp; Clive Coffee, Puly) in a 35–60 ml chamber
 * is 50–85 g/L; 3–5 rinse cycles after a 3 g dose (coffeetime; Clive).
 *
 * @param dissolveSeconds          time constant of dissolving powder in the chamber water, s
 * @param adsorptionMlPerS         rate at which surfaces take detergent from the liquid, as ml of
 *                                 liquid cleared per second, ml/s
 * @param adsorbedCapacityMg       detergent the surfaces can hold, mg
 * @param desorptionPerS           rate at which the adsorbed pool returns to the liquid, 1/s
 * @param tasteThresholdMg         detergent left in the brew path (dissolved + adsorbed) below
 *                                 which the next shot does not taste of it, mg
 * @param shotTaintMg              detergent carried into one shot that makes it taste soapy, mg
 */
public record DetergentParameters(double dissolveSeconds, double adsorptionMlPerS, double adsorbedCapacityMg,
                                  double desorptionPerS, double tasteThresholdMg, double shotTaintMg) {
    public DetergentParameters {
        Require.positive(dissolveSeconds, "dissolveSeconds");
        Require.nonNegative(adsorptionMlPerS, "adsorptionMlPerS");
        Require.positive(adsorbedCapacityMg, "adsorbedCapacityMg");
        Require.nonNegative(desorptionPerS, "desorptionPerS");
        Require.positive(tasteThresholdMg, "tasteThresholdMg");
        Require.positive(shotTaintMg, "shotTaintMg");
    }

    public static DetergentParameters defaults() {
        return new DetergentParameters(15.0, 0.02, 500.0, 0.035, 2.0, 1.0);
    }
}
