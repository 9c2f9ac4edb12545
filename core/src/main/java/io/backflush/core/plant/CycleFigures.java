package io.backflush.core.plant;

/**
 * What one backflush cycle measured: fill, plateau and whoosh, as {@link CycleMetrics} defines
 * them. Fields are NaN where the cycle had no such phase (no release command, or a release from
 * 1 bar or less, which has no whoosh).
 *
 * @param index                zero-based cycle number
 * @param pumpOnAtSeconds      when the commanded pump duty rose from 0, s
 * @param quietAfterSeconds    time from pump-on until the net flow into the group fell below 5 % of
 *                             the pump's free flow and stayed below until the pump was commanded
 *                             off or the solenoid released, s; NaN if it never did, 0 if it never
 *                             rose above
 * @param plateauBar           group pressure when the solenoid was commanded off, bar
 * @param releaseAtSeconds     when the solenoid was commanded off, s
 * @param whooshPeakFlowMlPerS largest exhaust water flow from release to the next pump-on, ml/s
 * @param whooshVolumeMl       water to the drip tray from release to the next pump-on (or the end), ml
 * @param whooshDecaySeconds   time from the release command until the group pressure first fell
 *                             below 0.5 bar, s
 */
public record CycleFigures(int index, double pumpOnAtSeconds, double quietAfterSeconds, double plateauBar,
                           double releaseAtSeconds, double whooshPeakFlowMlPerS, double whooshVolumeMl,
                           double whooshDecaySeconds) {
}
