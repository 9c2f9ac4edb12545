package io.backflush.sim.usage;

import java.util.List;
import java.util.Map;

/**
 * What one strategy did to one machine over the simulated days, for one seed.
 *
 * @param strategy           strategy name
 * @param seed               the usage seed
 * @param shots              shots pulled
 * @param meanCupPenalty     mean cup-quality penalty over the shots (0 = clean)
 * @param worstCupPenalty    worst shot's penalty
 * @param residueEndMg       residue left per site at the end, mg
 * @param waterUsedMl        water drawn from the tank by cleaning, ml
 * @param detergentUsedG     detergent dosed, g
 * @param cleaningMinutes    time spent running cleaning programs, min
 * @param taintedShots       shots that carried more than the taint threshold of detergent
 * @param dripDays           days on which the valve seat leaked (the drip symptom)
 * @param residuePerDayMg    total residue at the end of each day, mg
 * @param cupPenaltyPerDay   mean penalty of each day's shots (a day without shots: what a shot
 *                           would score from the residue alone)
 * @param scale              scale and descaling
 */
public record LifeResult(String strategy, long seed, int shots, double meanCupPenalty, double worstCupPenalty,
                         Map<String, Double> residueEndMg, double waterUsedMl, double detergentUsedG,
                         double cleaningMinutes, int taintedShots, int dripDays, List<Double> residuePerDayMg,
                         List<Double> cupPenaltyPerDay, ScaleResult scale) {
    public LifeResult {
        residuePerDayMg = List.copyOf(residuePerDayMg);
        cupPenaltyPerDay = List.copyOf(cupPenaltyPerDay);
        java.util.Objects.requireNonNull(scale, "scale");
    }

    /**
     * Scale and descaling over the days.
     *
     * @param scaleMg          scale left per site ({@code ScaleSite} labels), mg; null when no water was
     *                         given (scale not simulated)
     * @param litresHeated     fresh water heated in the boiler (shots and cleaning; not the descaling
     *                         solution), L
     * @param descaleMinutes   time spent in cleaning tasks that descale (their flush included; part of
     *                         the cleaning minutes), min
     * @param acidUsedG        descaling acid put in the tank, g
     * @param acidTaintedShots shots that carried more than the taste threshold of acid
     * @param scalePerDayMg    total scale at the end of each day, mg (empty when not simulated)
     */
    public record ScaleResult(Map<String, Double> scaleMg, double litresHeated, double descaleMinutes,
                              double acidUsedG, int acidTaintedShots, List<Double> scalePerDayMg) {
        public ScaleResult {
            scalePerDayMg = List.copyOf(scalePerDayMg);
            scaleMg = scaleMg == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(scaleMg));
        }
    }
}
