package io.backflush.core.machine;

import io.backflush.core.param.Require;

/**
 * The water put in the tank, as the scale equation needs it: total hardness and alkalinity, both
 * in mg/L as CaCO₃, and an optional softening filter that lowers both by the same fraction.
 *
 * @param hardnessMgPerL     total hardness, mg/L as CaCO₃, 0–1000. Default {@value #DEFAULT_HARDNESS_MG_PER_L}:
 *                           inside the coffee-water target of the reference data (17–85 mg/L, one source;
 *                           50–175 mg/L, another: they disagree). 1 gpg = 17.1, 1 °dH = 17.8 mg/L
 * @param alkalinityMgPerL   alkalinity, mg/L as CaCO₃, 0–1000. Default {@value #DEFAULT_ALKALINITY_MG_PER_L}:
 *                           estimate (a coffee-target water with alkalinity below its hardness; the
 *                           reference data give no alkalinity target)
 * @param softeningFraction  fraction of hardness and alkalinity a softening filter removes, 0 (no filter)
 *                           to 1 (all): estimate of a filter's effect, a parameter, not a product's figure
 */
public record WaterChemistry(double hardnessMgPerL, double alkalinityMgPerL, double softeningFraction) {
    /** Default total hardness, mg/L as CaCO₃ (inside the reference data's coffee-water target). */
    public static final double DEFAULT_HARDNESS_MG_PER_L = 68.0;
    /** Default alkalinity, mg/L as CaCO₃ (estimate). */
    public static final double DEFAULT_ALKALINITY_MG_PER_L = 40.0;
    /** Highest hardness or alkalinity accepted, mg/L as CaCO₃ (very hard well water is 300–500). */
    public static final double MAX_MG_PER_L = 1000.0;

    public WaterChemistry {
        Require.inRange(hardnessMgPerL, 0.0, MAX_MG_PER_L, "hardnessMgPerL");
        Require.inRange(alkalinityMgPerL, 0.0, MAX_MG_PER_L, "alkalinityMgPerL");
        Require.inRange(softeningFraction, 0.0, 1.0, "softeningFraction");
    }

    /** Water without a softening filter. */
    public WaterChemistry(double hardnessMgPerL, double alkalinityMgPerL) {
        this(hardnessMgPerL, alkalinityMgPerL, 0.0);
    }

    /** The defaults: a coffee-target water, no filter. */
    public static WaterChemistry defaults() {
        return new WaterChemistry(DEFAULT_HARDNESS_MG_PER_L, DEFAULT_ALKALINITY_MG_PER_L, 0.0);
    }

    /** Hardness after the filter, mg/L as CaCO₃. */
    public double effectiveHardnessMgPerL() {
        return hardnessMgPerL * (1.0 - softeningFraction);
    }

    /** Alkalinity after the filter, mg/L as CaCO₃. */
    public double effectiveAlkalinityMgPerL() {
        return alkalinityMgPerL * (1.0 - softeningFraction);
    }
}
