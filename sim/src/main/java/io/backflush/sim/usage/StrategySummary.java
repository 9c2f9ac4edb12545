package io.backflush.sim.usage;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Map;

/**
 * One strategy's row in a comparison: means over the seeds, except the worst penalty, which is
 * the worst shot of any seed. {@code scaleMg} (per {@code ScaleSite}, mg) is null when no water
 * was given; litres heated, descale minutes, acid used and acid-tainted shots are means too.
 */
@JsonPropertyOrder({"name", "meanCupPenalty", "worstCupPenalty", "residueEndMg", "waterUsedMl", "detergentUsedG",
        "cleaningMinutes", "taintedShots", "dripDays", "scaleMg", "litresHeated", "descaleMinutes", "acidUsedG",
        "acidTaintedShots"})
public record StrategySummary(String name, double meanCupPenalty, double worstCupPenalty,
                              Map<String, Double> residueEndMg, double waterUsedMl, double detergentUsedG,
                              double cleaningMinutes, double taintedShots, double dripDays,
                              @JsonIgnore List<Double> residuePerDayMg, @JsonIgnore List<Double> cupPenaltyPerDay,
                              Map<String, Double> scaleMg, double litresHeated, double descaleMinutes,
                              double acidUsedG, double acidTaintedShots,
                              @JsonIgnore List<Double> scalePerDayMg) {
    public StrategySummary {
        residuePerDayMg = List.copyOf(residuePerDayMg);
        cupPenaltyPerDay = List.copyOf(cupPenaltyPerDay);
        scalePerDayMg = List.copyOf(scalePerDayMg);
    }
}
