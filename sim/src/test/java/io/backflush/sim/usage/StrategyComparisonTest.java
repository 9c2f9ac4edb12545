package io.backflush.sim.usage;

import io.backflush.core.cleaning.CleaningParameters;
import io.backflush.core.cleaning.Roast;
import io.backflush.core.cleaning.Site;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.Presets;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A comparison is, per strategy, the mean over seeds of each figure (the worst cup its maximum),
 * day by day for the series and site by site for the residue; running it on worker threads gives
 * the same as running each life alone.
 */
class StrategyComparisonTest {

    private static LifeResult life(long seed, double penalty, double worst, double water, double detergent,
                                   double minutes, int tainted, int drip, double screen, List<Double> residueDays,
                                   List<Double> penaltyDays) {
        Map<String, Double> residue = new LinkedHashMap<>();
        residue.put(Site.SCREEN.label(), screen);
        return new LifeResult("s", seed, 10, penalty, worst, residue, water, detergent, minutes, tainted, drip,
                residueDays, penaltyDays, new LifeResult.ScaleResult(null, 0, 0, 0, 0, List.of()));
    }

    @Test
    void aSummaryIsTheMeanOverSeedsAndTheWorstCupItsMaximum() {
        List<LifeResult> results = List.of(
                life(1, 0.2, 0.5, 100, 3, 10, 1, 0, 40, List.of(1.0, 2.0, 3.0), List.of(0.1, 0.2, 0.3)),
                life(2, 0.4, 0.9, 300, 0, 30, 2, 3, 80, List.of(3.0, 6.0, 9.0), List.of(0.3, 0.4, 0.5)),
                life(3, 0.6, 0.7, 200, 6, 20, 0, 1, 60, List.of(2.0, 4.0, 0.0), List.of(0.2, 0.0, 0.1)));
        StrategySummary s = StrategyComparison.summarise("weekly", results);
        assertThat(s.name()).isEqualTo("weekly");
        assertThat(s.meanCupPenalty()).isCloseTo(0.4, within(1e-12));
        assertThat(s.worstCupPenalty()).isEqualTo(0.9);
        assertThat(s.waterUsedMl()).isCloseTo(200.0, within(1e-12));
        assertThat(s.detergentUsedG()).isCloseTo(3.0, within(1e-12));
        assertThat(s.cleaningMinutes()).isCloseTo(20.0, within(1e-12));
        assertThat(s.taintedShots()).isCloseTo(1.0, within(1e-12));
        assertThat(s.dripDays()).isCloseTo(4.0 / 3.0, within(1e-12));
        assertThat(s.residuePerDayMg()).hasSize(3);
        assertThat(s.residuePerDayMg().get(0)).isCloseTo(2.0, within(1e-12));
        assertThat(s.residuePerDayMg().get(1)).isCloseTo(4.0, within(1e-12));
        assertThat(s.residuePerDayMg().get(2)).isCloseTo(4.0, within(1e-12));
        assertThat(s.cupPenaltyPerDay().get(0)).isCloseTo(0.2, within(1e-12));
        assertThat(s.cupPenaltyPerDay().get(1)).isCloseTo(0.2, within(1e-12));
        assertThat(s.cupPenaltyPerDay().get(2)).isCloseTo(0.3, within(1e-12));
        // every site is listed, the ones no life reported at 0
        assertThat(s.residueEndMg()).hasSize(Site.values().length);
        assertThat(s.residueEndMg().get(Site.SCREEN.label())).isCloseTo(60.0, within(1e-12));
        assertThat(s.residueEndMg().get(Site.VALVE.label())).isZero();

        StrategySummary none = StrategyComparison.summarise("none", List.of());
        assertThat(none.residuePerDayMg()).isEmpty();
        assertThat(none.worstCupPenalty()).isZero();
    }

    @Test
    void comparingOnWorkerThreadsGivesWhatEachLifeGivesAlone() throws InterruptedException {
        Machine machine = Machine.of(Presets.all().get("single-boiler"));
        Usage usage = new Usage(3, 2, true, Roast.MEDIUM, 18, 7, 19);
        List<Strategy> strategies = List.of(Strategies.find("none").orElseThrow(),
                Strategies.find("water-daily").orElseThrow());
        List<Long> seeds = List.of(5L, 6L);
        AtomicInteger progressed = new AtomicInteger();
        List<Integer> counts = java.util.Collections.synchronizedList(new ArrayList<>());
        ComparisonResult result = StrategyComparison.compare(machine, usage, strategies, seeds, 2, StepPolicy.fast(),
                CleaningParameters.defaults(), n -> {
                    progressed.incrementAndGet();
                    counts.add(n);
                });
        assertThat(progressed.get()).isEqualTo(4);
        assertThat(counts).containsExactlyInAnyOrder(1, 2, 3, 4);
        assertThat(result.machine()).isEqualTo(machine.name());
        assertThat(result.days()).isEqualTo(3);
        assertThat(result.shotsPerDay()).isEqualTo(2.0);
        assertThat(result.roast()).isEqualTo(Roast.MEDIUM.label());
        assertThat(result.seeds()).isEqualTo(2);
        assertThat(result.strategies()).extracting(StrategySummary::name).containsExactly("none", "water-daily");
        for (int i = 0; i < strategies.size(); i++) {
            List<LifeResult> alone = new ArrayList<>();
            for (long seed : seeds) {
                alone.add(new MachineLife(machine, usage, strategies.get(i), seed, StepPolicy.fast(),
                        CleaningParameters.defaults()).run());
            }
            assertThat(result.strategies().get(i)).isEqualTo(StrategyComparison.summarise(strategies.get(i).name(), alone));
        }
        // water daily: water used and minutes spent; never cleaned: none
        assertThat(result.strategies().get(0).waterUsedMl()).isZero();
        assertThat(result.strategies().get(1).waterUsedMl()).isPositive();
        assertThat(result.strategies().get(1).cleaningMinutes()).isPositive();
    }
}
