package io.backflush.sim.usage;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/** The {@code compare --json} object. */
@JsonPropertyOrder({"machine", "days", "shotsPerDay", "roast", "seeds", "strategies"})
public record ComparisonResult(String machine, int days, double shotsPerDay, String roast, int seeds,
                               List<StrategySummary> strategies) {
    public ComparisonResult {
        strategies = List.copyOf(strategies);
    }
}
