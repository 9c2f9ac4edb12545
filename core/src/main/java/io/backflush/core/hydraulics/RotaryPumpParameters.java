package io.backflush.core.hydraulics;

import io.backflush.core.param.Require;

/**
 * A rotary-vane pump with its built-in bypass: it delivers its nominal flow until the outlet
 * reaches the bypass setting, above which the bypass returns flow to the pump inlet in proportion
 * to the excess pressure. Rotary pumps are switched by a relay: a duty of 0.5 or more runs it.
 *
 * @param nominalFlowMlPerS   flow below the bypass setting, ml/s. Source: ~100 L/h (28 ml/s) is
 *                            typical (home-barista; espressoparts)
 * @param bypassPressureBar   outlet gauge pressure the bypass holds, bar. Source: set ~9 bar
 *                            (Barista Hustle; espressoparts)
 * @param bypassGainMlPerSBar flow the bypass returns per bar above its setting, ml/s/bar. Estimate
 *                            (no source found): 200, so a blocked outlet sits 0.14 bar above the
 *                            setting
 */
public record RotaryPumpParameters(double nominalFlowMlPerS, double bypassPressureBar, double bypassGainMlPerSBar)
        implements PumpParameters {
    public RotaryPumpParameters {
        Require.positive(nominalFlowMlPerS, "nominalFlowMlPerS");
        Require.positive(bypassPressureBar, "bypassPressureBar");
        Require.positive(bypassGainMlPerSBar, "bypassGainMlPerSBar");
    }
}
