package io.backflush.core.plant;

/**
 * What the plant's last step observed: the pressures at its end and the flows over it. Part of a
 * {@link Plant.Snapshot}; the plant itself keeps these values in a reused mutable holder.
 *
 * @param groupBar                group gauge pressure, bar
 * @param pumpOutletBar           pump outlet gauge pressure, bar
 * @param inflowMlPerS            net flow into the group, ml/s
 * @param pumpFlowMlPerS          drawn from the tank, ml/s
 * @param reliefFlowMlPerS        returned to the tank by the OPV (or bypass), ml/s
 * @param exhaustWaterMlPerS      water through the exhaust to the drip tray, ml/s
 * @param exhaustAirAtmMlPerS     air through the exhaust, ml at 1 atm per second
 * @param cupFlowMlPerS           through the basket to the cup, ml/s
 */
public record StepObservables(double groupBar, double pumpOutletBar, double inflowMlPerS, double pumpFlowMlPerS,
                              double reliefFlowMlPerS, double exhaustWaterMlPerS, double exhaustAirAtmMlPerS,
                              double cupFlowMlPerS) {
}
