package io.backflush.core.hydraulics;

import io.backflush.core.param.Require;

/**
 * A sharp-edged orifice: Q = Cd·A·sqrt(2Δp/ρ).
 *
 * @param diameterMm           bore, mm
 * @param dischargeCoefficient Cd, dimensionless (0.6–0.7 for a sharp orifice: estimate from
 *                             standard hydraulics)
 */
public record OrificeParameters(double diameterMm, double dischargeCoefficient) {
    public OrificeParameters {
        Require.inRange(diameterMm, 0.05, 20.0, "diameterMm");
        Require.inRange(dischargeCoefficient, 0.05, 1.0, "dischargeCoefficient");
    }

    /** The flow coefficient k in Q = k·sqrt(Δp), ml/s per sqrt(bar), for water. */
    public double waterCoefficient() {
        return Fluids.waterOrificeCoefficient(diameterMm, dischargeCoefficient);
    }

    /** Effective flow area Cd·A, m². */
    public double effectiveAreaM2() {
        return dischargeCoefficient * Math.PI * diameterMm * diameterMm * 1.0e-6 / 4.0;
    }
}
