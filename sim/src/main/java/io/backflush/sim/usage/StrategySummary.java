package io.backflush.sim.usage;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Map;

/**
 * One strategy's row in a comparison: means over the seeds, except the worst penalty, which is
 * the worst shot of any seed.
 */
@JsonPropertyOrder({"name", "meanCupPenalty", "worstCupPenalty", "residueEndMg", "waterUsedMl", "detergentUsedG",
        "cleaningMinutes", "taintedShots", "dripDays"})
public record StrategySummary(String name, double meanCupPenalty, double worstCupPenalty,
                              Map<String, Double> residueEndMg, double waterUsedMl, double detergentUsedG,
                              double cleaningMinutes, double taintedShots, double dripDays,
                              @JsonIgnore List<Double> residuePerDayMg, @JsonIgnore List<Double> cupPenaltyPerDay) {
    public StrategySummary {
        residuePerDayMg = List.copyOf(residuePerDayMg);
        cupPenaltyPerDay = List.copyOf(cupPenaltyPerDay);
    }
}
