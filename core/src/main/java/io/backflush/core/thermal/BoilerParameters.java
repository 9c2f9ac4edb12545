package io.backflush.core.thermal;

import io.backflush.core.param.Require;

/**
 * The boiler (or heat exchanger's feed) as one well-mixed water mass: heated by the element,
 * losing heat to ambient, cooled by the tank water that replaces what flows to the group.
 *
 * @param volumeMl               water held, ml. Source: 300 ml (Rancilio Silvia class single
 *                               boiler); larger values for HX and commercial boilers are estimates
 * @param heaterPowerW           element power at full duty, W. Source: 830–1000 W (Silvia), 1350 W
 *                               (Gaggia Baby); larger machines estimated
 * @param lossConductanceWPerK   heat loss to ambient per kelvin, W/K. Estimate: sized so that idle
 *                               losses at 93 °C are tens of watts
 * @param elementHeatCapacityJPerK heat capacity of the heating element between the heater's power
 *                               and the water, J/K. Estimate: a sheathed element of a few tens of
 *                               grams (sheath, magnesia, coil), {@value #DEFAULT_ELEMENT_HEAT_CAPACITY_J_PER_K} J/K
 * @param elementConductanceWPerK  conductance from the element to the boiler water, W/K. Estimate:
 *                               {@value #DEFAULT_ELEMENT_CONDUCTANCE_W_PER_K} W/K, a lag (capacity /
 *                               conductance) of seconds as the reference data's "[E] a thermal lag of
 *                               seconds" says; at full power the element runs P/G (100 K at 1000 W)
 *                               above the water
 */
public record BoilerParameters(double volumeMl, double heaterPowerW, double lossConductanceWPerK,
                               double elementHeatCapacityJPerK, double elementConductanceWPerK) {
    /** Default element heat capacity, J/K (estimate). */
    public static final double DEFAULT_ELEMENT_HEAT_CAPACITY_J_PER_K = 40.0;
    /** Default element-to-water conductance, W/K (estimate). */
    public static final double DEFAULT_ELEMENT_CONDUCTANCE_W_PER_K = 10.0;

    public BoilerParameters {
        Require.inRange(volumeMl, 10, 50_000, "volumeMl");
        Require.nonNegative(heaterPowerW, "heaterPowerW");
        Require.nonNegative(lossConductanceWPerK, "lossConductanceWPerK");
        Require.inRange(elementHeatCapacityJPerK, 0.1, 100_000, "elementHeatCapacityJPerK");
        Require.inRange(elementConductanceWPerK, 0.01, 100_000, "elementConductanceWPerK");
    }

    /** A boiler with the default element (estimates). */
    public BoilerParameters(double volumeMl, double heaterPowerW, double lossConductanceWPerK) {
        this(volumeMl, heaterPowerW, lossConductanceWPerK, DEFAULT_ELEMENT_HEAT_CAPACITY_J_PER_K,
                DEFAULT_ELEMENT_CONDUCTANCE_W_PER_K);
    }

    /** The element's thermal lag, capacity / conductance, s. */
    public double elementLagSeconds() {
        return elementHeatCapacityJPerK / elementConductanceWPerK;
    }
}
