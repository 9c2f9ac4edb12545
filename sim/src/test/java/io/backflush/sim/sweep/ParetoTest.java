package io.backflush.sim.sweep;

import io.backflush.core.support.Seeds;
import io.backflush.sim.usage.Figure;
import io.backflush.sim.usage.Spread;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

class ParetoTest {

    static SweepPoint point(int index, double penalty, double water, double detergent, double minutes) {
        Map<String, Spread> f = new LinkedHashMap<>();
        for (Figure fig : Figure.values()) {
            f.put(fig.key(), Spread.of(new double[] {0}));
        }
        f.put(Figure.MEAN_CUP_PENALTY.key(), Spread.of(new double[] {penalty}));
        f.put(Figure.WATER_USED_ML.key(), Spread.of(new double[] {water}));
        f.put(Figure.DETERGENT_USED_G.key(), Spread.of(new double[] {detergent}));
        f.put(Figure.CLEANING_MINUTES.key(), Spread.of(new double[] {minutes}));
        return new SweepPoint(index, Map.of(), f, false);
    }

    @Test
    void aPointBeatenOnEveryObjectiveIsOffTheFrontAndTradeOffsStay() {
        List<SweepPoint> marked = Pareto.mark(List.of(point(0, 0.5, 100, 3, 10), point(1, 0.4, 100, 3, 10),
                point(2, 0.3, 200, 3, 10), point(3, 0.4, 100, 3, 10), point(4, 0.9, 50, 9, 99)));
        assertThat(marked).extracting(SweepPoint::pareto).containsExactly(false, true, true, true, true);
    }

    @Test
    void theFrontIsExactlyTheUndominatedPoints() {
        Seeds.theory("pareto", 100).forAll(longs().all(), integers().between(1, 40)).checkAssert((seed, n) -> {
            Random r = new Random(seed);
            List<SweepPoint> points = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                points.add(point(i, r.nextInt(4), r.nextInt(4), r.nextInt(4), r.nextInt(4)));
            }
            List<SweepPoint> marked = Pareto.mark(points);
            assertThat(marked.stream().anyMatch(SweepPoint::pareto)).isTrue();
            for (SweepPoint p : marked) {
                boolean beaten = false;
                for (SweepPoint q : marked) {
                    boolean noWorse = true;
                    boolean better = false;
                    for (Figure f : Pareto.OBJECTIVES) {
                        noWorse &= q.figure(f).mean() <= p.figure(f).mean();
                        better |= q.figure(f).mean() < p.figure(f).mean();
                    }
                    beaten |= noWorse && better;
                }
                assertThat(p.pareto()).as("point %d", p.index()).isEqualTo(!beaten);
            }
        });
    }
}
