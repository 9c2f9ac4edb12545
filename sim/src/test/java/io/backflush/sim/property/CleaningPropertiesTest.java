package io.backflush.sim.property;

import io.backflush.core.cleaning.Cleaning;
import io.backflush.core.cleaning.CleaningParameters;
import io.backflush.core.cleaning.Roast;
import io.backflush.core.cleaning.Site;
import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.Presets;
import io.backflush.core.plant.Plant;
import io.backflush.sim.program.PhaseKind;
import io.backflush.sim.run.TickObserver;
import io.backflush.core.support.Seeds;
import io.backflush.sim.usage.CleaningTask;
import io.backflush.sim.usage.ComparisonResult;
import io.backflush.sim.usage.LifeResult;
import io.backflush.sim.usage.MachineLife;
import io.backflush.sim.usage.StepPolicy;
import io.backflush.sim.usage.Strategies;
import io.backflush.sim.usage.Strategy;
import io.backflush.sim.usage.StrategyComparison;
import io.backflush.sim.usage.Usage;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.backflush.sim.support.Cycles.cycles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

/** Properties of residue and detergent (QuickTheories; seeds are logged). */
class CleaningPropertiesTest {
    private static final Machine MACHINE = Machine.of(Presets.singleBoiler());

    /** Checks, after every step, signs and the direction residue may move in each mode. */
    static final class Invariants implements TickObserver {
        double previousTotal = Double.NaN;
        boolean previousBrewing;
        int violations;
        String firstViolation;

        @Override
        public void afterStep(double start, Plant plant) {
            Cleaning c = plant.cleaning();
            for (Site s : Site.values()) {
                check(c.freshMg(s) >= 0 && c.agedMg(s) >= 0, "negative residue at " + s);
            }
            check(c.undissolvedDetergentMg() >= 0 && c.dissolvedDetergentMg() >= 0 && c.adsorbedDetergentMg() >= 0,
                    "negative detergent");
            double total = c.totalResidueMg();
            if (!Double.isNaN(previousTotal) && previousBrewing == c.isBrewing()) {
                if (c.isBrewing()) {
                    check(total >= previousTotal - 1e-12, "a shot removed residue");
                } else {
                    check(total <= previousTotal + 1e-12, "a backflush added residue");
                }
            }
            previousTotal = total;
            previousBrewing = c.isBrewing();
        }

        private void check(boolean ok, String what) {
            if (!ok && violations++ == 0) {
                firstViolation = what;
            }
        }
    }

    @Test
    void residueAndDetergentNeverGoNegativeShotsNeverRemoveAndReleasesNeverAdd() {
        // 7 to 15 days: every weekly task runs at least once (at the end of day 7), twice from day 14
        List<String> strategies = List.copyOf(Strategies.all().keySet());
        Seeds.theory("cleaning-invariants", 25)
                .forAll(integers().between(7, 15), integers().between(0, 2), doubles().between(0.0, 6.0),
                        integers().between(0, strategies.size() - 1))
                .checkAssert((days, roastIndex, grams, strategyIndex) -> {
                    Strategy strategy = Strategies.find(strategies.get(strategyIndex)).orElseThrow();
                    // the strategy's detergent tasks (every one of them weekly or daily) all ran
                    double dosesG = strategy.tasks().stream().filter(t -> t.detergentGrams() > 0)
                            .mapToDouble(CleaningTask::detergentGrams).max().orElse(0.0);
                    for (StepPolicy policy : List.of(StepPolicy.fast(), StepPolicy.fine())) {
                        // 1 ms steps throughout cost ten times more: a week and a day is enough for them
                        int lived = policy.equals(StepPolicy.fine()) ? Math.min(days, 8) : days;
                        Invariants invariants = new Invariants();
                        MachineLife life = new MachineLife(MACHINE, Usage.home(lived, 3, Roast.values()[roastIndex]),
                                strategy, 7L, policy, CleaningParameters.defaults(), invariants);
                        LifeResult result = life.run();
                        assertThat(invariants.violations).as("%s with %s", invariants.firstViolation, policy).isZero();
                        assertThat(result.detergentUsedG()).as("%s over %d days", strategy.name(), lived)
                                .isGreaterThanOrEqualTo(dosesG);
                    }
                    // and a detergent run with an arbitrary dose
                    Invariants invariants = new Invariants();
                    Plant plant = new Plant(MACHINE, BasketParameters.blind());
                    plant.cleaning().setResidue(Site.SCREEN, 30, 20);
                    plant.cleaning().addDetergent(grams);
                    cycles(plant, PhaseKind.DETERGENT, 2, invariants);
                    assertThat(invariants.violations).as(invariants.firstViolation).isZero();
                });
    }

    @Test
    void moreDetergentCyclesNeverLeaveMoreResidue() {
        Seeds.theory("more-detergent-cycles", 15)
                .forAll(integers().between(1, 7), doubles().between(0.5, 6.0), doubles().between(5.0, 150.0), doubles().between(0.0, 150.0))
                .checkAssert((n, grams, fresh, aged) -> {
                    double[] left = new double[2];
                    for (int k = 0; k < 2; k++) {
                        Plant plant = new Plant(MACHINE, BasketParameters.blind());
                        for (Site s : Site.values()) {
                            plant.cleaning().setResidue(s, fresh / (s.ordinal() + 1), aged / (s.ordinal() + 1));
                        }
                        plant.cleaning().addDetergent(grams);
                        cycles(plant, PhaseKind.DETERGENT, n + k, null);
                        left[k] = plant.cleaning().totalResidueMg();
                    }
                    assertThat(left[1]).isLessThanOrEqualTo(left[0]);
                });
    }

    @Test
    void moreRinseCyclesNeverLeaveMoreDetergent() {
        Seeds.theory("more-rinse-cycles", 15)
                .forAll(doubles().between(0.2, 8.0), integers().between(1, 6), integers().between(0, 6))
                .checkAssert((grams, detergentCycles, rinses) -> {
                    double[] left = new double[2];
                    for (int k = 0; k < 2; k++) {
                        Plant plant = new Plant(MACHINE, BasketParameters.blind());
                        plant.cleaning().addDetergent(grams);
                        cycles(plant, PhaseKind.DETERGENT, detergentCycles, null);
                        plant.changeBasket(BasketParameters.blind());
                        if (rinses + k > 0) {
                            cycles(plant, PhaseKind.RINSE, rinses + k, null);
                        }
                        left[k] = plant.cleaning().detergentLeftMg();
                    }
                    assertThat(left[1]).isLessThanOrEqualTo(left[0]);
                });
    }

    @Test
    void theSameSeedGivesTheSameNumbersOnAnyNumberOfThreads() throws InterruptedException {
        long seed = Seeds.seed("comparison-threads");
        Usage usage = new Usage(5, 8, true, Roast.DARK, 18, 7, 19);
        List<Strategy> strategies = List.of(Strategies.find("none").orElseThrow(),
                Strategies.find("until-clear").orElseThrow(), Strategies.find("water-daily").orElseThrow());
        List<Long> seeds = List.of(seed, seed + 1, seed + 2);
        ComparisonResult one = StrategyComparison.compare(MACHINE, usage, strategies, seeds, 1, StepPolicy.fast(),
                CleaningParameters.defaults(), done -> { });
        ComparisonResult two = StrategyComparison.compare(MACHINE, usage, strategies, seeds, 2, StepPolicy.fast(),
                CleaningParameters.defaults(), done -> { });
        ComparisonResult four = StrategyComparison.compare(MACHINE, usage, strategies, seeds, 4, StepPolicy.fast(),
                CleaningParameters.defaults(), done -> { });
        assertThat(two).isEqualTo(one);
        assertThat(four).isEqualTo(one);
        LifeResult a = new MachineLife(MACHINE, usage, strategies.get(1), seed).run();
        LifeResult b = new MachineLife(MACHINE, usage, strategies.get(1), seed).run();
        assertThat(b).isEqualTo(a);
        LifeResult other = new MachineLife(MACHINE, usage, strategies.get(1), seed + 1000).run();
        assertThat(other).as("a different seed draws different days").isNotEqualTo(a);
    }
}
