package io.backflush.core.thermal;

import io.backflush.core.param.Require;

/**
 * The group's metal: a lumped heat capacity coupled to the boiler (by conduction or thermosiphon),
 * heated by the water flowing through it and losing heat to ambient.
 *
 * @param massKg                  metal mass, kg. Source: E61 group 4–6 kg brass (kaffeewiki);
 *                                smaller groups estimated
 * @param specificHeatJPerKgK     J/(kg·K). Source: brass ≈ 380
 * @param boilerCouplingWPerK     conductance to the boiler water, W/K. Estimate
 * @param lossConductanceWPerK    conductance to ambient, W/K. Estimate
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
