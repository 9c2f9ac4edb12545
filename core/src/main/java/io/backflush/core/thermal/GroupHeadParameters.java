package io.backflush.core.thermal;

import io.backflush.core.param.Require;

/**
 * The group's metal: a lumped heat capacity coupled to the boiler (by conduction or thermosiphon),
 * exchanging heat with the water standing in its chamber (which the inflow heats) and losing heat to
 * ambient.
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
 * @param chamberWaterCouplingWPerK conductance between the metal and the water standing in the group
 *                                chamber, W/K. Estimate: natural convection of water on brass,
 *                                h ≈ 300–1000 W/(m²·K), over the 60–100 cm² of wetted wall, screen
 *                                and basket gives 2–10 W/K; {@value #DEFAULT_CHAMBER_WATER_COUPLING_W_PER_K}
 *                                W/K, so 50 ml of still water follows the metal with a time constant
 *                                of about 40 s
 */
public record GroupHeadParameters(double massKg, double specificHeatJPerKgK, double boilerCouplingWPerK,
                                  double lossConductanceWPerK, double chamberWaterCouplingWPerK) {
    /** Default metal-to-chamber-water conductance, W/K (estimate). */
    public static final double DEFAULT_CHAMBER_WATER_COUPLING_W_PER_K = 5.0;

    /** A group with the default coupling to its chamber's water (estimate). */
    public GroupHeadParameters(double massKg, double specificHeatJPerKgK, double boilerCouplingWPerK,
                               double lossConductanceWPerK) {
        this(massKg, specificHeatJPerKgK, boilerCouplingWPerK, lossConductanceWPerK,
                DEFAULT_CHAMBER_WATER_COUPLING_W_PER_K);
    }

    public GroupHeadParameters {
        Require.positive(massKg, "massKg");
        Require.positive(specificHeatJPerKgK, "specificHeatJPerKgK");
        Require.nonNegative(boilerCouplingWPerK, "boilerCouplingWPerK");
        Require.nonNegative(lossConductanceWPerK, "lossConductanceWPerK");
        Require.inRange(chamberWaterCouplingWPerK, 0.01, 1000.0, "chamberWaterCouplingWPerK");
    }
}
