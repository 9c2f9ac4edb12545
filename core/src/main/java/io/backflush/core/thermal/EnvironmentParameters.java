package io.backflush.core.thermal;

import io.backflush.core.param.Require;

/**
 * The room and the water tank.
 *
 * @param ambientC   room temperature, °C. Estimate: 22
 * @param tankWaterC temperature of the water the pump draws, °C. Estimate: 22
 */
public record EnvironmentParameters(double ambientC, double tankWaterC) {
    public EnvironmentParameters {
        Require.inRange(ambientC, -20, 60, "ambientC");
        Require.inRange(tankWaterC, 0, 100, "tankWaterC");
    }
}
