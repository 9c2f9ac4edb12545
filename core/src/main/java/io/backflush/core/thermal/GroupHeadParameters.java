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
 *                                6 W/K with 0.25 W/K (2.8 °C), which also gives the E61's sourced
 *                                20–30 min heat-soak from cold (24 min to within 0.5 °C of its steady
 *                                state under a thermostat: the boiler's warm-up plus a group time
 *                                constant m·c/(G_b + G_a) of 4.6 min); rotary-commercial 8 W/K with
 *                                0.35 W/K (3.0 °C)
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
