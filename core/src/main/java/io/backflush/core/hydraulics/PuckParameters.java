package io.backflush.core.hydraulics;

import io.backflush.core.param.Require;

/**
 * How a coffee puck changes during a shot ({@link BasketParameters.ErodingPuck}): it first absorbs
 * water (nothing reaches the cup until it has), swelling as it does, then erodes as water passes
 * through it. With R₀ the puck's base resistance, A the water absorbed and V the water that has
 * passed through to the cup:
 *
 * <pre>
 *   R(A, V) = R₀ · (1 + s·min(A/A_cap, 1)) · (1/E + (1 − 1/E)·e^(−V/V_e))
 * </pre>
 *
 * @param absorptionMl      water the dry puck takes up before any reaches the cup, A_cap, ml. Source:
 *                          a puck holds 5–8 ml after a shot (a simulator; up to ~40 ml with the basket,
 *                          one author): {@value #DEFAULT_ABSORPTION_ML}, the simulator's upper figure
 * @param swellingFraction  how much the resistance rises as the puck wets and swells, s (a fraction).
 *                          Source: 40–60 % in the first seconds (Coffee ad Astra, second-hand):
 *                          {@value #DEFAULT_SWELLING_FRACTION}
 * @param erosionFactor     how far the resistance falls as extraction proceeds, E (R falls toward
 *                          R_swollen/E). Source: 2–3.5× over the shot (Coffee ad Astra, second-hand):
 *                          {@value #DEFAULT_EROSION_FACTOR}
 * @param erosionVolumeMl   water through the puck over which erosion runs its course (it e-folds in
 *                          V_e), ml. Estimate: {@value #DEFAULT_EROSION_VOLUME_ML} ml, so a 36 ml
 *                          shot has the resistance fall 2.1× from its swollen peak (within the
 *                          sourced 2–3.5×)
 */
public record PuckParameters(double absorptionMl, double swellingFraction, double erosionFactor,
                             double erosionVolumeMl) {
    /** Default water absorbed before the first drops, ml (sourced). */
    public static final double DEFAULT_ABSORPTION_ML = 8.0;
    /** Default resistance rise while swelling (sourced). */
    public static final double DEFAULT_SWELLING_FRACTION = 0.5;
    /** Default fall of the resistance by erosion (sourced). */
    public static final double DEFAULT_EROSION_FACTOR = 2.75;
    /** Default volume over which erosion e-folds, ml (estimate). */
    public static final double DEFAULT_EROSION_VOLUME_ML = 20.0;

    public PuckParameters {
        Require.inRange(absorptionMl, 0.0, 100.0, "absorptionMl");
        Require.inRange(swellingFraction, 0.0, 5.0, "swellingFraction");
        Require.inRange(erosionFactor, 1.0, 20.0, "erosionFactor");
        Require.inRange(erosionVolumeMl, 0.1, 10_000.0, "erosionVolumeMl");
    }

    /** The defaults above. */
    public static PuckParameters defaults() {
        return new PuckParameters(DEFAULT_ABSORPTION_ML, DEFAULT_SWELLING_FRACTION, DEFAULT_EROSION_FACTOR,
                DEFAULT_EROSION_VOLUME_ML);
    }

    /** The resistance with {@code absorbedMl} taken up and {@code throughMl} passed through, bar·s²/ml². */
    public double resistanceBarS2PerMl2(double baseResistance, double absorbedMl, double throughMl) {
        double wet = absorptionMl > 0.0 ? Math.min(absorbedMl / absorptionMl, 1.0) : 1.0;
        double inverseE = 1.0 / erosionFactor;
        return baseResistance * (1.0 + swellingFraction * wet)
                * (inverseE + (1.0 - inverseE) * Math.exp(-throughMl / erosionVolumeMl));
    }
}
