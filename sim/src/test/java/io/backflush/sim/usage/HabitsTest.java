package io.backflush.sim.usage;

import io.backflush.core.cleaning.CleaningParameters;
import io.backflush.core.cleaning.Roast;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.Presets;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The guides' other habits: a flush after every shot, a screen scrubbed by hand (README, compare). */
class HabitsTest {
    static LifeResult month(String strategy) {
        return new MachineLife(Machine.of(Presets.singleBoiler()), new Usage(30, 10, false, Roast.MEDIUM, 18.0, 7.0, 19.0),
                Strategies.find(strategy).orElseThrow(), 1L, StepPolicy.fast(), CleaningParameters.defaults()).run();
    }

    @Test
    void aFlushAfterEveryShotKeepsTheScreenCleanerForWaterAndSeconds() {
        LifeResult water = month("water-daily");
        LifeResult flushed = month("water-daily-flush-after-shot");
        assertThat(flushed.residueEndMg().get("screen")).isLessThan(0.8 * water.residueEndMg().get("screen"));
        assertThat(flushed.meanCupPenalty()).isLessThan(water.meanCupPenalty());
        // 300 shots x 2 s of about 10 ml/s through the open group
        assertThat(flushed.waterUsedMl() - water.waterUsedMl()).isBetween(300 * 2 * 5.0, 300 * 2 * 12.0);
        assertThat(flushed.cleaningMinutes()).isGreaterThan(water.cleaningMinutes() + 300 * 2 / 60.0);
    }

    @Test
    void aWeeklyScrubClearsTheScreenButNotTheValveAndCostsMinutes() {
        LifeResult water = month("water-daily");
        LifeResult scrubbed = month("water-daily-scrub-weekly");
        assertThat(scrubbed.residueEndMg().get("screen")).isLessThan(0.5 * water.residueEndMg().get("screen"));
        assertThat(scrubbed.residueEndMg().get("valve")).isCloseTo(water.residueEndMg().get("valve"),
                org.assertj.core.api.Assertions.within(0.1 * water.residueEndMg().get("valve")));
        assertThat(scrubbed.cleaningMinutes()).isCloseTo(water.cleaningMinutes() + 4 * Strategy.SCRUB_MINUTES,
                org.assertj.core.api.Assertions.within(1.0e-6));
        assertThat(scrubbed.waterUsedMl()).isCloseTo(water.waterUsedMl(), org.assertj.core.api.Assertions.within(0.02 * water.waterUsedMl()));
    }
}
