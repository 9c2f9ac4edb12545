package io.backflush.sim.show;

import io.backflush.sim.usage.ComparisonResult;
import io.backflush.sim.usage.Figure;
import io.backflush.sim.usage.Spread;
import io.backflush.sim.usage.StrategySummary;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The compare charts: one unit per axis. */
class CompareChartsTest {
    /** Every figure's spread as one seed gives it (no interval). */
    private static Map<String, Spread> oneSeed() {
        Map<String, Spread> spread = new java.util.LinkedHashMap<>();
        for (Figure f : Figure.values()) {
            spread.put(f.key(), Spread.of(new double[] {0.0}));
        }
        return spread;
    }

    @Test
    void cleaningTimeAndDetergentEachHaveAnAxisOfTheirOwn() {
        Map<String, Double> residue = Map.of("screen", 1.0, "passage", 2.0, "valve", 3.0);
        ComparisonResult c = new ComparisonResult("single-boiler", 2, 10, "medium", 1, List.of(
                new StrategySummary("none", 0.2, 0.3, residue, 0, 0, 0, 0, 0, List.of(5.0, 6.0), List.of(0.1, 0.2), null, 0, 0, 0, 0, List.of(), oneSeed(), List.of()),
                new StrategySummary("weekly", 0.1, 0.2, residue, 800, 3, 12.5, 1, 0, List.of(2.0, 1.0),
                        List.of(0.1, 0.05), null, 0, 0, 0, 0, List.of(), oneSeed(), List.of())), List.of());
        Map<String, RunCharts.Named> byStem = new java.util.HashMap<>();
        for (RunCharts.Named n : CompareCharts.all(c)) {
            byStem.put(n.stem(), n);
        }
        CategoryChart effort = (CategoryChart) byStem.get("compare-effort").chart();
        CategoryChart detergent = (CategoryChart) byStem.get("compare-detergent").chart();
        assertThat(effort.getYAxisTitle()).contains("(min)").doesNotContain("(g)");
        assertThat(detergent.getYAxisTitle()).contains("(g)").doesNotContain("min");
        assertThat(effort.getSeriesMap()).hasSize(1);
        assertThat(detergent.getSeriesMap()).hasSize(1);
        List<Double> grams = new java.util.ArrayList<>();
        for (Number n : detergent.getSeriesMap().values().iterator().next().getYData()) {
            grams.add(n.doubleValue());
        }
        assertThat(grams).containsExactly(0.0, 3.0);
    }
}
