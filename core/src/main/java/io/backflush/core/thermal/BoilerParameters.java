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
 */
public record BoilerParameters(double volumeMl, double heaterPowerW, double lossConductanceWPerK) {
    public BoilerParameters {
        Require.inRange(volumeMl, 10, 50_000, "volumeMl");
        Require.nonNegative(heaterPowerW, "heaterPowerW");
        Require.nonNegative(lossConductanceWPerK, "lossConductanceWPerK");
    }
}
