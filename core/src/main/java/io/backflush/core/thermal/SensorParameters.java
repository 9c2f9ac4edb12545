package io.backflush.core.thermal;

import io.backflush.core.param.Require;

/**
 * Sensor dynamics in engineering units (raw ADC counts and quantisation belong to the HIL layer).
 *
 * @param temperatureLagSeconds first-order time constant of the temperature probes, s. Estimate: a
 *                              sheathed thermocouple in a brass well, 1–5 s
 */
public record SensorParameters(double temperatureLagSeconds) {
    public SensorParameters {
        Require.inRange(temperatureLagSeconds, 0.0, 600.0, "temperatureLagSeconds");
    }
}
