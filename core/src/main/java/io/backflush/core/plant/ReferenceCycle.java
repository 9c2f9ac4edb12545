package io.backflush.core.plant;

/**
 * What one backflush cycle measured: fill, plateau and whoosh. Fields are NaN where the cycle had
 * no such phase (no release command, or a release below 1 bar, which has no whoosh). The
 * definitions, shared with the {@code sim} module's event detector, are in
 * {@link ReferenceIntegrator}.
 *
 * @param index                zero-based cycle number
 * @param pumpOnAtSeconds      when the commanded pump duty rose from 0, s
 * @param quietAfterSeconds    time from pump-on until the net flow into the group fell below 5 % of
 *                             the pump's free flow and stayed below until the pump was commanded
 *                             off, s; NaN if it never did
 * @param plateauBar           group pressure when the solenoid was commanded off, bar
 * @param releaseAtSeconds     when the solenoid was commanded off, s
 * @param whooshPeakFlowMlPerS largest exhaust water flow from release to the next pump-on, ml/s
 * @param whooshVolumeMl       water to the drip tray from release to the next pump-on (or the end), ml
 * @param whooshDecaySeconds   time from the release command until the group pressure first fell
 *                             below 0.5 bar, s
 */
public record ReferenceCycle(int index, double pumpOnAtSeconds, double quietAfterSeconds, double plateauBar,
                             double releaseAtSeconds, double whooshPeakFlowMlPerS, double whooshVolumeMl,
                             double whooshDecaySeconds) {
}
