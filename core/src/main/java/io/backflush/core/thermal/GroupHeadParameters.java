package io.backflush.core.thermal;

import io.backflush.core.param.Require;

/**
 * The group's metal: a lumped heat capacity coupled to the boiler (by conduction or thermosiphon),
 * heated by the water flowing through it and losing heat to ambient.
 *
 * @param massKg                  metal mass, kg. Source: E61 group 4–6 kg brass (kaffeewiki);
 *                                smaller groups estimated
 * @param specificHeatJPerKgK     J/(kg·K). Source: brass ≈ 380
 * @param boilerCouplingWPerK     conductance to the boiler water, W/K. Estimate, calibrated with the
 *                                loss so that the group settles below its boiler by the sourced
 *                                offset ("Gaggia Classic boiler ~8 °C above brew; a saturated group
 *                                2–4 °C"): single-boiler 4 W/K with 0.5 W/K of loss (7.9 °C); e61-hx
 *                                and rotary-commercial 8 W/K with 0.35 W/K (3.0 °C), which also gives
 *                                the E61's sourced 20–30 min heat-soak from cold (boiler warm-up plus
 *                                five group time constants of m·c/(G_b + G_a) ≈ 3.4 min)
 * @param lossConductanceWPerK    conductance to ambient, W/K. Estimate (see above)
 */
public record GroupHeadParameters(double massKg, double specificHeatJPerKgK, double boilerCouplingWPerK,
                                  double lossConductanceWPerK) {
    public GroupHeadParameters {
        Require.positive(massKg, "massKg");
        Require.positive(specificHeatJPerKgK, "specificHeatJPerKgK");
        Require.nonNegative(boilerCouplingWPerK, "boilerCouplingWPerK");
        Require.nonNegative(lossConductanceWPerK, "lossConductanceWPerK");
    }
}
