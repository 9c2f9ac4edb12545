package io.backflush.sim.usage;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * The {@code compare --json} object. {@code water} is the water the machines scaled from, null
 * when none was given (scale not simulated).
 *
 * @param verdicts "cleanest cups" and "least water", each naming a winner only where a paired
 *                 comparison over the seeds separates it from every other strategy ({@link Verdict})
 */
@JsonPropertyOrder({"machine", "days", "shotsPerDay", "roast", "seeds", "water", "strategies", "verdicts"})
public record ComparisonResult(String machine, int days, double shotsPerDay, String roast, int seeds,
                               io.backflush.core.machine.WaterChemistry water, List<StrategySummary> strategies,
                               List<Verdict> verdicts) {
    public ComparisonResult {
        strategies = List.copyOf(strategies);
        verdicts = List.copyOf(verdicts);
    }

    /** The verdict with that title ("cleanest cups", "least water"), or null. */
    public Verdict verdict(String title) {
        return verdicts.stream().filter(v -> v.title().equals(title)).findFirst().orElse(null);
    }

    /** A comparison without scale. */
    public ComparisonResult(String machine, int days, double shotsPerDay, String roast, int seeds,
                            List<StrategySummary> strategies, List<Verdict> verdicts) {
        this(machine, days, shotsPerDay, roast, seeds, null, strategies, verdicts);
    }
}
