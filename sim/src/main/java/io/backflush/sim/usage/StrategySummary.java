package io.backflush.sim.usage;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Map;

/**
 * One strategy's row in a comparison: means over the seeds, except the worst penalty, which is
 * the worst shot of any seed; day by day (mean over the seeds), the residue in the brew path at
 * the end of the day and the mean cup penalty of the day's shots (docs/signals.md, "The compare JSON");
 * {@code scaleMg} (per {@code ScaleSite}, mg) is null when no water was given; litres heated,
 * descale minutes, acid used and acid-tainted shots are means too; then every {@link Figure}'s
 * spread over the seeds (mean, standard deviation, 95 % confidence interval; for
 * {@code worstCupPenalty} the spread of each seed's worst shot) and the per-seed lives themselves,
 * with their per-day series.
 *
 * @param spread  each figure's spread over the seeds, by {@link Figure#key()}, in {@link Figure} order
 * @param perSeed the lives, one per seed, in seed order
 */
@JsonPropertyOrder({"name", "meanCupPenalty", "worstCupPenalty", "residueEndMg", "waterUsedMl", "detergentUsedG",
        "cleaningMinutes", "taintedShots", "dripDays", "scaleMg", "litresHeated", "descaleMinutes", "acidUsedG",
        "acidTaintedShots", "residuePerDayMg", "cupPenaltyPerDay", "spread", "perSeed"})
public record StrategySummary(String name, double meanCupPenalty, double worstCupPenalty,
                              Map<String, Double> residueEndMg, double waterUsedMl, double detergentUsedG,
                              double cleaningMinutes, double taintedShots, double dripDays,
                              List<Double> residuePerDayMg, List<Double> cupPenaltyPerDay,
                              Map<String, Double> scaleMg, double litresHeated, double descaleMinutes,
                              double acidUsedG, double acidTaintedShots,
                              @JsonIgnore List<Double> scalePerDayMg,
                              Map<String, Spread> spread, List<LifeResult> perSeed) {
    public StrategySummary {
        residuePerDayMg = List.copyOf(residuePerDayMg);
        cupPenaltyPerDay = List.copyOf(cupPenaltyPerDay);
        scalePerDayMg = List.copyOf(scalePerDayMg);
        spread = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(spread));
        perSeed = List.copyOf(perSeed);
    }

    /** The spread of one figure over the seeds. */
    public Spread spread(Figure figure) {
        return spread.get(figure.key());
    }

    /** Each figure's spread over {@code lives}, keyed and ordered as {@link #spread()}; empty for no lives. */
    public static Map<String, Spread> spreads(List<LifeResult> lives) {
        Map<String, Spread> m = new java.util.LinkedHashMap<>();
        if (lives.isEmpty()) {
            return m;
        }
        for (Figure f : Figure.values()) {
            m.put(f.key(), Spread.of(f.of(lives)));
        }
        return m;
    }
}
