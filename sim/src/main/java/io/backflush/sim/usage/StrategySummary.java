package io.backflush.sim.usage;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Map;

/**
 * One strategy's row in a comparison: means over the seeds, except the worst penalty, which is
 * the worst shot of any seed; and, day by day (mean over the seeds), the residue in the brew path at
 * the end of the day and the mean cup penalty of the day's shots (docs/signals.md, "The compare JSON").
 */
@JsonPropertyOrder({"name", "meanCupPenalty", "worstCupPenalty", "residueEndMg", "waterUsedMl", "detergentUsedG",
        "cleaningMinutes", "taintedShots", "dripDays", "residuePerDayMg", "cupPenaltyPerDay"})
public record StrategySummary(String name, double meanCupPenalty, double worstCupPenalty,
                              Map<String, Double> residueEndMg, double waterUsedMl, double detergentUsedG,
                              double cleaningMinutes, double taintedShots, double dripDays,
                              List<Double> residuePerDayMg, List<Double> cupPenaltyPerDay) {
    public StrategySummary {
        residuePerDayMg = List.copyOf(residuePerDayMg);
        cupPenaltyPerDay = List.copyOf(cupPenaltyPerDay);
    }
}
