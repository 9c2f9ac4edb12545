package io.backflush.core.hydraulics;

import io.backflush.core.param.Require;

/**
 * The over-pressure valve (OPV) after a vibratory pump: closed below its cracking pressure, above
 * it returns Q = gain·(p − p_crack) to the tank.
 *
 * @param crackingPressureBar  gauge pressure at which it opens, bar. Source: 9–10 bar typical
 *                             (espresso.co.nz; baristapath); older Gaggia Classic ~14 bar
 * @param gainMlPerSBar        relief flow per bar above cracking, ml/s/bar. Estimate (no source
 *                             found): 40, so an Ulka E5 dead-headed on a 9 bar OPV sits ~0.1 bar
 *                             above the setting
 */
public record ReliefValveParameters(double crackingPressureBar, double gainMlPerSBar) {
    public ReliefValveParameters {
        Require.positive(crackingPressureBar, "crackingPressureBar");
        Require.positive(gainMlPerSBar, "gainMlPerSBar");
    }

    /** Relief flow at the given upstream gauge pressure, ml/s. */
    public double flowMlPerS(double pressureBar) {
        return pressureBar > crackingPressureBar ? gainMlPerSBar * (pressureBar - crackingPressureBar) : 0.0;
    }
}
