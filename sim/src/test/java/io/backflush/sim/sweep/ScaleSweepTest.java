package io.backflush.sim.sweep;

import io.backflush.core.param.ParameterFileException;
import io.backflush.sim.usage.CleaningTask;
import io.backflush.sim.usage.ScaleFigure;
import io.backflush.sim.usage.Strategy;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The water and descaling axes of a sweep: what they set, what they are refused, and that lives see them. */
class ScaleSweepTest {
    static Sweep parse(String strategy, String body) {
        return SweepFiles.parse("s.yaml", "machine: single-boiler\nstrategy: " + strategy + "\n"
                + "usage: { days: 3, shotsPerDay: 4, roast: medium, fixedShots: true }\nseeds: 1\n" + body, null);
    }

    @Test
    void descaleAxesSetTheDescalingTasksOnlyAndWaterAxesTheWater() {
        Sweep s = parse("cafe-descale-200l", "axes:\n  - name: everyLitres\n    values: [100, 300]\n"
                + "  - name: acidGrams\n    values: [25, 75]\n  - name: hardnessMgPerL\n    values: [100, 300]\n");
        assertThat(s.points()).hasSize(8);
        Strategy last = s.strategyAt(7);
        CleaningTask detergent = last.tasks().get(0);
        CleaningTask descale = last.tasks().get(1);
        assertThat(descale.everyLitres()).isEqualTo(300.0);
        assertThat(descale.acidGrams()).isEqualTo(75.0);
        assertThat(detergent.everyDays()).as("the detergent task is not a descaling task").isEqualTo(1);
        assertThat(detergent.everyLitres()).isZero();
        assertThat(detergent.acidGrams()).isZero();
        assertThat(s.strategyAt(0).tasks().get(1).acidGrams()).isEqualTo(25.0);
        assertThat(s.waterAt(7).hardnessMgPerL()).isEqualTo(300.0);
        assertThat(s.waterAt(7).alkalinityMgPerL()).as("the default, as --hardness alone").isEqualTo(40.0);
        assertThat(s.scales()).isTrue();

        // a descale task scheduled by litres, swept by days: the days replace the litres
        Sweep days = parse("cafe-descale-200l", "axes:\n  - name: tasks[1].everyDays\n    values: [14]\n");
        assertThat(days.strategyAt(0).tasks().get(1).everyDays()).isEqualTo(14);
        assertThat(days.strategyAt(0).tasks().get(1).everyLitres()).isZero();
        assertThat(days.strategyAt(0).tasks().get(1).acidGrams()).as("the acid stays").isEqualTo(50.0);
        assertThat(days.scales()).as("no water given: no scale").isFalse();
        assertThat(days.waterAt(0)).isNull();

        // a base water, one of it swept; the strategy's habits survive every point
        Sweep water = parse("water-daily-flush-after-shot", "water: { hardnessMgPerL: 175, alkalinityMgPerL: 125 }\n"
                + "axes:\n  - name: alkalinityMgPerL\n    values: [50, 200]\n  - name: everyDays\n    values: [2]\n");
        assertThat(water.waterAt(1).hardnessMgPerL()).isEqualTo(175.0);
        assertThat(water.waterAt(1).alkalinityMgPerL()).isEqualTo(200.0);
        assertThat(water.strategyAt(0).postShotFlushSeconds()).isEqualTo(2.0);
        assertThat(water.strategyAt(0).tasks().get(0).everyDays()).isEqualTo(2);
    }

    @Test
    void badWaterAndDescaleAxesNameTheLineAndTheField() {
        refused("detergent-daily", "axes:\n  - name: acidGrams\n    values: [10]\n", "axes[0].name", "no descaling task");
        refused("cafe-descale-200l", "axes:\n  - name: tasks[0].acidGrams\n    values: [10]\n", "axes[0].name",
                "no descale phase");
        refused("cafe-descale-200l", "axes:\n  - name: hardnessMgPerL\n    values: [100, 2000]\n", "axes[0]", "point 1",
                "hardnessMgPerL");
        refused("cafe-descale-200l", "axes:\n  - name: everyLitres\n    values: [0]\n", "axes[0]", "point 0",
                "everyLitres");
        refused("cafe-descale-200l", "axes:\n  - name: acidGrams\n    values: [500]\n", "axes[0]", "acidGrams");
        refused("cafe-descale-200l", "axes:\n  - name: tasks[1].hardnessMgPerL\n    values: [100]\n", "unknown axis",
                "hardnessMgPerL, alkalinityMgPerL");
        refused("cafe-descale-200l", "axes:\n  - name: alkalinityMgPerL\n    from: 300\n    to: 100\n    steps: 2\n",
                "axes[0].to", "empty range");
        refused("cafe-descale-200l", "water: { hardness: 175 }\naxes:\n  - name: everyLitres\n    values: [1]\n",
                "water.hardness", "unknown field");
        refused("cafe-descale-200l", "water: { hardnessMgPerL: -1 }\naxes:\n  - name: everyLitres\n    values: [1]\n",
                "water.hardnessMgPerL");
    }

    private static void refused(String strategy, String body, String... parts) {
        assertThatThrownBy(() -> parse(strategy, body)).isInstanceOf(ParameterFileException.class).satisfies(e -> {
            for (String p : parts) {
                assertThat(e.getMessage()).contains(p);
            }
            assertThat(e.getMessage()).doesNotContain("\n").startsWith("s.yaml:");
        });
    }

    @Test
    void theLivesSeeTheWaterAndTheDescaleIntervalAndThePointsCarryTheScaleFigures() throws InterruptedException {
        // 3 days of 4 shots and a daily detergent clean heat a litre or two: a descale every 0.5 L runs on
        // most evenings, every 1000 L never
        Sweep s = parse("cafe-descale-200l", "axes:\n  - name: hardnessMgPerL\n    values: [50, 300]\n"
                + "  - name: everyLitres\n    values: [0.5, 1000]\n  - name: acidGrams\n    values: [35]\n");
        SweepResult r = SweepRunner.run(s, 2, done -> { });
        double soft = r.points().get(1).figure(ScaleFigure.SCALE_ELEMENT_MG).mean();
        double hard = r.points().get(3).figure(ScaleFigure.SCALE_ELEMENT_MG).mean();
        assertThat(hard).as("hard water, never descaled").isGreaterThan(10 * soft);
        assertThat(r.points().get(3).figure(ScaleFigure.DESCALE_MINUTES).mean()).isZero();
        assertThat(r.points().get(2).figure(ScaleFigure.DESCALE_MINUTES).mean()).isPositive();
        double acid = r.points().get(2).figure(ScaleFigure.ACID_USED_G).mean();
        assertThat(acid).as("descales of the swept 35 g, not the strategy's 50 g").isPositive()
                .satisfies(g -> assertThat(g % 35.0).isZero());
        // each descale ends with a tank of fresh water through the boiler
        assertThat(r.points().get(2).figure(ScaleFigure.LITRES_HEATED).mean())
                .isGreaterThan(r.points().get(3).figure(ScaleFigure.LITRES_HEATED).mean() + 1.0);
        String header = new String(SweepTables.csv(r), StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
        assertThat(List.of(header.split(","))).contains("scale_element_mg", "scale_element_mg_ci95_high",
                "descale_minutes", "acid_used_g_sd", "litres_heated").endsWith("seeds");
        assertThat(new String(SweepTables.json(r), StandardCharsets.UTF_8)).contains("\"scaleMg.element\"");
    }
}
