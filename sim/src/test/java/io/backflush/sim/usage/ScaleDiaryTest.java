package io.backflush.sim.usage;

import io.backflush.core.cleaning.CleaningParameters;
import io.backflush.core.cleaning.Roast;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.MachineFiles;
import io.backflush.core.machine.WaterChemistry;
import io.backflush.core.scale.ScaleParameters;
import io.backflush.core.scale.ScaleSite;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The diary's per-site scale day by day agrees with the life's own total per day and its end per site. */
class ScaleDiaryTest {
    @Test
    void theDiaryWritesEachDaysScalePerSiteAsTheLifeEndedThatDay() {
        Machine m = MachineFiles.resolve("single-boiler");
        // a descale (and its flush) on day 6: a diary that read the wrong moment of a day would disagree
        Strategy descaleEvery6 = new Strategy("descale-6", "", List.of(new CleaningTask(6,
                io.backflush.sim.program.Programs.find("descale-manufacturer").orElseThrow(), 0.0, false, false, 0.0,
                50.0)));
        Usage usage = new Usage(9, 4, true, Roast.MEDIUM, 18.0, 7.0, 19.0);
        ScaleDiary diary = new ScaleDiary(usage.days());
        MachineLife life = new MachineLife(m, usage, descaleEvery6, 3L, StepPolicy.fast(), CleaningParameters.defaults(),
                diary).water(new WaterChemistry(300, 200, 0), ScaleParameters.defaults());
        diary.watch(life.scale());
        LifeResult result = life.run();
        ScaleHistory history = diary.finish();

        assertThat(history.days()).isEqualTo(9);
        List<Double> expected = result.scale().scalePerDayMg();
        List<Double> written = history.totalPerDayMg();
        for (int d = 0; d < 9; d++) {
            assertThat(written.get(d)).as("day %d", d + 1).isCloseTo(expected.get(d), within(1e-9 * (1 + expected.get(d))));
        }
        for (ScaleSite site : ScaleSite.values()) {
            assertThat(history.endMg(site)).as(site.label()).isEqualTo(result.scale().scaleMg().get(site.label()));
        }
        assertThat(history.litresHeated()).isEqualTo(result.scale().litresHeated());
    }
}
