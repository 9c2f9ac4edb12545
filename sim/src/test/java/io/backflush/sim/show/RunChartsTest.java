package io.backflush.sim.show;

import io.backflush.sim.program.Programs;
import io.backflush.sim.run.BackflushRun;
import io.backflush.sim.run.RunResult;
import io.backflush.sim.run.TickObserver;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the run charts show: where the residue starts, and exhaust lines an eye can tell apart. */
class RunChartsTest {
    @Test
    void theResidueChartStartsAtTheResidueBeforeTheFirstCycle() {
        ShownRun run = ShowRuns.dirty();
        XYChart chart = (XYChart) RunCharts.residue(run).chart();
        for (String[] site : new String[][] {{"shower screen", "screen"}, {"passage (valve to screen)", "passage"},
                {"three-way valve", "valve"}}) {
            XYSeries s = chart.getSeriesMap().get(site[0]);
            double before = run.result().residueBeforeMg().get(site[1]);
            assertThat(before).as(site[1]).isPositive();
            assertThat(s.getXData()[0]).as(site[1]).isEqualTo(0.0);
            assertThat(s.getYData()[0]).as(site[1]).isEqualTo(before);
            assertThat(s.getYData()[1]).as(site[1] + " after cycle 1").isLessThan(before);
            assertThat(s.getXData()).hasSize(run.cycles().size() + 1);
        }
        double total = run.result().residueBeforeMg().values().stream().mapToDouble(Double::doubleValue).sum();
        assertThat(RunCharts.residue(run).title()).contains(String.format(java.util.Locale.ROOT, "from %.0f mg", total));
    }

    @Test
    void exhaustLinesThatCoincideAreOneLabelledLineAndTheRestStayApart() {
        TraceRecorder recorder = new TraceRecorder();
        RunResult result = BackflushRun.run(ShowRuns.singleBoiler(), Programs.find("water-5x10").orElseThrow(), 0.001,
                List.<TickObserver>of(recorder));
        ShownRun run = new ShownRun(ShowRuns.singleBoiler(), result, recorder.trace());
        XYChart chart = (XYChart) RunCharts.exhaust(run).chart();
        List<XYSeries> water = new ArrayList<>();
        for (XYSeries s : chart.getSeriesMap().values()) {
            if (s.getName().contains("water")) {
                water.add(s);
            }
        }
        // cycle 1 starts with air in the headspace; cycles 2-5 are the same whoosh
        assertThat(water).extracting(XYSeries::getName).hasSize(2);
        assertThat(water.get(0).getName()).startsWith("cycle 1 (water)");
        assertThat(water.get(1).getName()).startsWith("cycles 2-5 (water; one line");
        // every line left on the chart differs from every other by more than the merging tolerance
        for (int i = 0; i < water.size(); i++) {
            for (int j = i + 1; j < water.size(); j++) {
                assertThat(RunCharts.sameCurve(new double[][] {water.get(i).getXData(), water.get(i).getYData()},
                        new double[][] {water.get(j).getXData(), water.get(j).getYData()})).isFalse();
            }
        }
        assertThat(chart.getYAxisGroupTitle(1)).doesNotContain("atm-ml").contains("at 1 atm");
    }

    @Test
    void curvesAreTheSameOnlyWithinTwoPercentOfThePeak() {
        double[][] a = {{0, 1, 2}, {0, 40, 10}};
        assertThat(RunCharts.sameCurve(a, new double[][] {{0, 1, 2}, {0, 40.7, 10}})).isTrue();
        assertThat(RunCharts.sameCurve(a, new double[][] {{0, 1, 2}, {0, 40, 10.9}})).isFalse();
        assertThat(RunCharts.sameCurve(a, new double[][] {{0, 1}, {0, 40}})).isFalse();
    }
}
