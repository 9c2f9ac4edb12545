package io.backflush.sim.control;

import io.backflush.core.param.Require;

/**
 * The simplest boiler control a machine ships with: an on/off thermostat with hysteresis on the
 * (lagging) boiler probe. Not a PID on purpose: the PID is what firmware under test brings.
 */
public final class BoilerThermostat {
    private final double setpointC;
    private final double hysteresisC;
    private boolean heating;

    /**
     * @param setpointC   target boiler temperature, °C (93 °C: within the 88–96 °C brew range)
     * @param hysteresisC full width of the dead band, °C
     */
    public BoilerThermostat(double setpointC, double hysteresisC) {
        this.setpointC = Require.inRange(setpointC, 0, 160, "setpointC");
        this.hysteresisC = Require.nonNegative(hysteresisC, "hysteresisC");
    }

    /** Heater duty (0 or 1) for the given probe reading. */
    public double heaterDuty(double boilerC) {
        if (boilerC < setpointC - hysteresisC / 2) {
            heating = true;
        } else if (boilerC > setpointC + hysteresisC / 2) {
            heating = false;
        }
        return heating ? 1.0 : 0.0;
    }
}
