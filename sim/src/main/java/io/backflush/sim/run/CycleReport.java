package io.backflush.sim.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What one backflush cycle did. Nullable fields are null when the event did not happen: the
 * pump never went quiet, or the release started from 1 bar or less (no whoosh).
 *
 * @param index                1-based cycle number
 * @param phase                the program phase (water, detergent, rinse)
 * @param pumpOnAtSeconds      when the pump was switched on, s
 * @param quietAfterSeconds    time from pump-on until the net flow into the group fell below 5 % of
 *                             the pump's free flow and stayed there until pump-off, s
 * @param plateauBar           group pressure when the solenoid was released, bar
 * @param releaseAtSeconds     when the solenoid was released, s
 * @param whooshPeakFlowMlPerS peak water flow through the exhaust after release, ml/s
 * @param whooshVolumeMl       water to the drip tray from release to the next pump-on, ml
 * @param whooshDecaySeconds   time from release until the group pressure fell below 0.5 bar, s
 * @param dischargeResidueMgPerMl   residue carried out by the whoosh per ml of discharge (how dark
 *                                  it looks), mg/ml
 * @param dischargeDetergentMgPerMl detergent carried out per ml of discharge (how soapy), mg/ml
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"index", "phase", "pumpOnAtSeconds", "quietAfterSeconds", "plateauBar", "releaseAtSeconds",
        "whooshPeakFlowMlPerS", "whooshVolumeMl", "whooshDecaySeconds", "dischargeResidueMgPerMl",
        "dischargeDetergentMgPerMl"})
public record CycleReport(int index, String phase, double pumpOnAtSeconds, Double quietAfterSeconds,
                          Double plateauBar, Double releaseAtSeconds, Double whooshPeakFlowMlPerS,
                          Double whooshVolumeMl, Double whooshDecaySeconds, Double dischargeResidueMgPerMl,
                          Double dischargeDetergentMgPerMl) {
    /**
     * Discharge darkness below which the water "runs clear", mg of residue per ml. Estimate: guides
     * say "until the water no longer looks brown" (Clive Coffee); no figure is published.
     */
    public static final double CLEAR_RESIDUE_MG_PER_ML = 0.2;

    public boolean whooshed() {
        return whooshVolumeMl != null;
    }

    /** Whether the whoosh's discharge ran clear (below {@value #CLEAR_RESIDUE_MG_PER_ML} mg/ml). */
    public boolean ranClear() {
        return dischargeResidueMgPerMl != null && dischargeResidueMgPerMl < CLEAR_RESIDUE_MG_PER_ML;
    }
}
