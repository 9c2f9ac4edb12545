package io.backflush.core.hydraulics;

import io.backflush.core.param.Require;

/**
 * A vibratory (solenoid-piston) pump such as the Ulka/CEME E5: one stroke per mains cycle through
 * an internal diode, so it delivers its curve's flow when every cycle strokes; firmware controls it
 * by pulse skipping (a duty 0..1 is the fraction of mains cycles that stroke).
 *
 * @param curve             the flow-vs-pressure table: {@code ulka-e5} (built in; source:
 *                          DIYCoffeeGuy/data, 53 measured points) or a CSV path
 * @param curveMeasuredAtHz mains frequency at which the curve was measured, Hz. The reference data
 *                          derives ~0.21 ml/stroke from 10.7 ml/s at 50 strokes/s, so 50 Hz is the
 *                          default; the data set notes it may be the 60 Hz variant (uncertain)
 * @param mainsHz           the machine's mains frequency, Hz (50 or 60); flow scales with the stroke
 *                          rate mainsHz/curveMeasuredAtHz (stroke volume held constant: an estimate)
 */
public record VibratoryPumpParameters(String curve, double curveMeasuredAtHz, double mainsHz)
        implements PumpParameters {
    public VibratoryPumpParameters {
        Require.present(curve, "curve");
        Require.inRange(curveMeasuredAtHz, 40, 70, "curveMeasuredAtHz");
        Require.inRange(mainsHz, 40, 70, "mainsHz");
    }

    /** Ulka E5 on 50 Hz mains. */
    public static VibratoryPumpParameters ulkaE5() {
        return new VibratoryPumpParameters(PumpCurve.ULKA_E5, 50.0, 50.0);
    }
}
