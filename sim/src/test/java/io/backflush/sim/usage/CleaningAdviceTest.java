package io.backflush.sim.usage;

import io.backflush.core.cleaning.Roast;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.Presets;
import io.backflush.core.machine.WaterChemistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CleaningAdviceTest {
    static CleaningAdvice.Advice advise(Machine m, double h, double a, double shots) throws InterruptedException {
        return CleaningAdvice.advise(m, new WaterChemistry(h, a), shots, Roast.MEDIUM, 2, n -> { });
    }

    @Test
    void theDescaleIntervalFallsWithHardnessFromMonthsForSoftWaterToWeeksForHard() throws InterruptedException {
        Machine home = Machine.of(Presets.singleBoiler());
        // the published order (a buyer's guide): < 50 ppm 6 months; 50-150 3 months; 150-300 1-2 months; > 300 monthly
        int soft = advise(home, 50, 40, 10).descaleEveryDays();
        int medium = advise(home, 120, 90, 10).descaleEveryDays();
        int hard = advise(home, 250, 170, 10).descaleEveryDays();
        int veryHard = advise(home, 400, 250, 10).descaleEveryDays();
        assertThat(soft).as("soft water: months").isGreaterThanOrEqualTo(120);
        assertThat(medium).isLessThan(soft);
        assertThat(hard).isLessThan(medium).isBetween(21, 90);
        assertThat(veryHard).as("very hard: a month or less").isLessThan(hard).isLessThanOrEqualTo(35);
        Machine cafe = Machine.of(Presets.e61Hx());
        assertThat(advise(cafe, 250, 170, 100).descaleEveryDays()).as("a cafe in hard water: weeks or less")
                .isLessThanOrEqualTo(21);
    }

    @Test
    void moreShotsNeedMoreFrequentDetergentAndDescaling() throws InterruptedException {
        Machine home = Machine.of(Presets.singleBoiler());
        CleaningAdvice.Advice few = advise(home, 175, 125, 3);
        CleaningAdvice.Advice many = advise(home, 175, 125, 60);
        assertThat(many.detergentEveryDays()).isLessThan(few.detergentEveryDays());
        assertThat(many.descaleEveryDays()).isLessThan(few.descaleEveryDays());
        assertThat(few.advised().meanCupPenalty()).isLessThanOrEqualTo(CleaningAdvice.PENALTY_TARGET);
        assertThat(many.detergentEveryDays()).as("a cafe: daily (the guides)").isEqualTo(1);
        assertThat(few.advised().detergentPerMonthG()).isLessThan(many.advised().detergentPerMonthG());
    }
}
