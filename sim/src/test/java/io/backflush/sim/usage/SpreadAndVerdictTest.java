package io.backflush.sim.usage;

import io.backflush.core.support.Seeds;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

/** The spread over seeds and the verdicts drawn from it. */
class SpreadAndVerdictTest {

    @Test
    void spreadIsTheSampleStandardDeviationAndStudentsInterval() {
        // 1..5: mean 3, sd sqrt(2.5); t(0.975, 4) = 2.7764451 (tables); half-width t·sd/√5
        Spread s = Spread.of(new double[] {1, 2, 3, 4, 5});
        assertThat(s.mean()).isEqualTo(3.0);
        assertThat(s.sd()).isCloseTo(Math.sqrt(2.5), within(1e-12));
        assertThat(s.halfWidth()).isCloseTo(2.7764451 * Math.sqrt(2.5) / Math.sqrt(5), within(1e-6));
        assertThat(s.ci95Low()).isCloseTo(3 - s.halfWidth(), within(1e-12));
        assertThat(s.n()).isEqualTo(5);
        // two values: t(0.975, 1) = 12.7062047
        Spread two = Spread.of(new double[] {0, 2});
        assertThat(two.halfWidth()).isCloseTo(12.7062047 * Math.sqrt(2) / Math.sqrt(2), within(1e-6));
        Spread one = Spread.of(new double[] {7});
        assertThat(one.mean()).isEqualTo(7);
        assertThat(one.sd()).isNull();
        assertThat(one.ci95Low()).isNull();
        assertThat(Spread.of(new double[] {4, 4, 4}).halfWidth()).isZero();
    }

    @Test
    void twoIdenticalStrategiesNeverGetAVerdict() {
        Seeds.theory("verdict-identical", 200).forAll(longs().all(), integers().between(1, 12)).checkAssert((seed, n) -> {
            Random random = new Random(seed);
            List<LifeResult> a = new ArrayList<>();
            List<LifeResult> b = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                double penalty = random.nextDouble();
                double water = 1000 * random.nextDouble();
                a.add(life("a", k, penalty, water));
                b.add(life("b", k, penalty, water));
            }
            for (Figure f : new Figure[] {Figure.MEAN_CUP_PENALTY, Figure.WATER_USED_ML}) {
                Verdict v = Verdict.decide("cleanest cups", f, List.of(a, b));
                assertThat(v.clear()).as("identical strategies, %d seeds", n).isFalse();
                assertThat(v.text()).contains("no clear difference");
            }
        });
    }

    @Test
    void aClearlyBetterStrategyGetsTheVerdictAndANoisyOneDoesNot() {
        Random random = new Random(13);
        List<LifeResult> base = new ArrayList<>();
        List<LifeResult> better = new ArrayList<>();
        List<LifeResult> noisy = new ArrayList<>();
        for (int k = 0; k < 6; k++) {
            double day = random.nextGaussian() * 0.05; // shared between strategies for a seed: the paired test removes it
            base.add(life("base", k, 0.5 + day, 900));
            better.add(life("better", k, 0.49 + day + 0.001 * random.nextGaussian(), 1000));
            noisy.add(life("noisy", k, 0.49 + day + 0.2 * random.nextGaussian(), 1100));
        }
        Verdict clear = Verdict.decide("cleanest cups", Figure.MEAN_CUP_PENALTY, List.of(base, better));
        assertThat(clear.winner()).isEqualTo("better");
        assertThat(clear.text()).startsWith("Cleanest cups: better");
        // the difference 0.01 is far below the seed-to-seed spread (0.05), but paired it is clear;
        // an unpaired look at the two means' intervals would not separate them
        assertThat(Spread.of(Figure.MEAN_CUP_PENALTY.of(base)).halfWidth()).isGreaterThan(0.01);
        Verdict unclear = Verdict.decide("cleanest cups", Figure.MEAN_CUP_PENALTY, List.of(base, noisy, better));
        assertThat(unclear.clear()).isFalse();
        assertThat(unclear.text()).contains("no clear difference");
        assertThat(Verdict.decide("least water", Figure.WATER_USED_ML, List.of(base, noisy, better)).winner())
                .isEqualTo("base");
    }

    @Test
    void oneSeedOrNoCommonSeedNeverGivesAVerdict() {
        Verdict one = Verdict.decide("least water", Figure.WATER_USED_ML,
                List.of(List.of(life("a", 1, 0, 10)), List.of(life("b", 1, 0, 1000))));
        assertThat(one.clear()).isFalse();
        assertThat(one.text()).contains("one common seed");
        Verdict disjoint = Verdict.decide("least water", Figure.WATER_USED_ML,
                List.of(List.of(life("a", 1, 0, 10), life("a", 2, 0, 11)),
                        List.of(life("b", 3, 0, 1000), life("b", 4, 0, 1001))));
        assertThat(disjoint.clear()).isFalse();
        assertThat(Verdict.decide("least water", Figure.WATER_USED_ML, List.of(List.of(life("a", 1, 0, 1))))).isNull();
    }

    static LifeResult life(String strategy, long seed, double penalty, double waterMl) {
        return new LifeResult(strategy, seed, 10, penalty, penalty, Map.of("screen", 0.0, "passage", 0.0, "valve", 0.0),
                waterMl, 0, 0, 0, 0, List.of(), List.of(),
                new LifeResult.ScaleResult(null, 0, 0, 0, 0, List.of()));
    }
}
