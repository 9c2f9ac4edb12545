package io.backflush.sim.usage;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * The {@code compare --json} object. {@code water} is the water the machines scaled from, null
 * when none was given (scale not simulated).
 */
@JsonPropertyOrder({"machine", "days", "shotsPerDay", "roast", "seeds", "water", "strategies"})
public record ComparisonResult(String machine, int days, double shotsPerDay, String roast, int seeds,
                               io.backflush.core.scale.WaterChemistry water, List<StrategySummary> strategies) {
    public ComparisonResult {
        strategies = List.copyOf(strategies);
    }

    /** A comparison without scale. */
    public ComparisonResult(String machine, int days, double shotsPerDay, String roast, int seeds,
                            List<StrategySummary> strategies) {
        this(machine, days, shotsPerDay, roast, seeds, null, strategies);
    }
}
