package io.backflush.core.plant;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The one definition of a cycle's figures ({@link CycleMetrics}), fed hand-made samples whose
 * figures follow from its documentation: quiet, plateau, whoosh peak, volume and decay, the events
 * it reports, where it places crossings, and the edges (never above the quiet threshold, still
 * above at the release, a release from exactly 1 bar, no exhaust, a second release).
 */
class CycleMetricsTest {
    private static final double FREE_FLOW = 10.0; // quiet threshold 0.5 ml/s

    private static CycleMetrics metrics(boolean exhaust, double origin) {
        return new CycleMetrics(FREE_FLOW, exhaust, origin, CycleMetrics.Crossings.AT_SAMPLE);
    }

    /** Metrics of a machine with an exhaust whose first cycle's pump went on at 0 s. */
    private static CycleMetrics started() {
        CycleMetrics m = metrics(true, 0.0);
        m.commands(0.0, 1.0, true, 0.0, 0.0);
        return m;
    }

    @Test
    void theQuietThresholdIsFivePercentOfTheFreeFlow() {
        assertThat(metrics(true, 0).quietThresholdMlPerS()).isCloseTo(0.05 * FREE_FLOW, within(1e-15));
        assertThat(CycleMetrics.QUIET_FRACTION).isEqualTo(0.05);
    }

    /**
     * A whole cycle: pump on at 1 s, the inflow above the threshold until 3 s (the first sample below
     * it), the solenoid released at 5 s from 9 bar, the exhaust flowing with a peak of 40 ml/s, the
     * pressure below 0.5 bar first at 5.7 s, the next pump-on at 8 s with 6 ml more in the drip tray.
     */
    @Test
    void aWholeCycleMeasuresQuietPlateauAndWhoosh() {
        CycleMetrics m = metrics(true, 0.5);
        assertThat(m.commands(1.0, 1.0, true, 0.0, 2.0)).isEqualTo(CycleMetrics.PUMP_ON);
        for (double t = 1.1; t < 2.95; t += 0.1) {
            m.sample(t, 6.0, 3.0, 0.0, true);
        }
        m.sample(3.0, 0.4, 8.0, 0.0, true);
        m.sample(4.0, 0.0, 9.0, 0.0, true);
        assertThat(m.commands(5.0, 0.0, false, 9.0, 2.0)).isEqualTo(CycleMetrics.RELEASE);
        m.sample(5.1, 0.0, 4.0, 40.0, true);
        m.sample(5.2, 0.0, 2.0, 25.0, true);
        m.sample(5.7, 0.0, 0.3, 3.0, true);
        m.sample(6.0, 0.0, 0.6, 1.0, true); // above again: the decay is the first crossing
        m.sample(6.5, 0.0, 0.1, 0.0, true);
        assertThat(m.closedCycles()).isZero();
        assertThat(m.commands(8.0, 1.0, true, 0.0, 8.0)).isEqualTo(CycleMetrics.PUMP_ON);
        assertThat(m.closedCycles()).isEqualTo(1);

        CycleFigures c = m.lastClosed();
        assertThat(c.index()).isZero();
        assertThat(c.pumpOnAtSeconds()).isCloseTo(0.5, within(1e-12));
        assertThat(c.quietAfterSeconds()).isCloseTo(2.0, within(1e-12));
        assertThat(c.plateauBar()).isEqualTo(9.0);
        assertThat(c.releaseAtSeconds()).isCloseTo(4.5, within(1e-12));
        assertThat(c.whooshPeakFlowMlPerS()).isEqualTo(40.0);
        assertThat(c.whooshVolumeMl()).isCloseTo(6.0, within(1e-12));
        assertThat(c.whooshDecaySeconds()).isCloseTo(0.7, within(1e-12));

        m.finish(8.0);
        assertThat(m.closedCycles()).isEqualTo(2);
        assertThat(m.cycles()).hasSize(2);
        assertThat(m.cycles().get(1).index()).isEqualTo(1);
        assertThat(m.cycles().get(1).pumpOnAtSeconds()).isCloseTo(7.5, within(1e-12));
        assertThat(m.cycles().get(1).releaseAtSeconds()).isNaN();
        assertThat(m.cycles().get(1).plateauBar()).isNaN();
        assertThat(m.cycles().get(1).whooshVolumeMl()).isNaN();
        m.finish(9.0); // nothing open any more
        assertThat(m.closedCycles()).isEqualTo(2);
    }

    /** The flow rises above the threshold again: quiet counts from the last fall below it. */
    @Test
    void quietCountsFromTheLastFallBelowTheThreshold() {
        CycleMetrics m = started();
        m.sample(1.0, 5.0, 1.0, 0.0, true);
        m.sample(2.0, 0.1, 2.0, 0.0, true);
        m.sample(3.0, m.quietThresholdMlPerS(), 3.0, 0.0, true); // at the threshold counts as above
        m.sample(4.0, 0.49, 4.0, 0.0, true);
        m.sample(5.0, 0.0, 4.0, 0.0, true);
        m.commands(6.0, 0.0, true, 4.0, 0.0); // pump off closes the window, solenoid still on
        m.sample(6.5, 3.0, 4.0, 0.0, true); // the window is closed: ignored
        m.commands(7.0, 0.0, false, 4.0, 0.0);
        m.finish(0.0);
        CycleFigures c = m.lastClosed();
        assertThat(c.quietAfterSeconds()).isCloseTo(4.0, within(1e-12));
        assertThat(c.plateauBar()).isEqualTo(4.0);
        assertThat(c.releaseAtSeconds()).isEqualTo(7.0);
    }

    @Test
    void quietIsZeroIfTheFlowNeverRoseAndNaNIfItWasStillAboveAtTheRelease() {
        CycleMetrics never = started();
        never.sample(1.0, 0.2, 1.0, 0.0, true);
        never.commands(2.0, 0.0, false, 1.0, 0.0);
        never.finish(0.0);
        assertThat(never.lastClosed().quietAfterSeconds()).isZero();

        CycleMetrics still = started();
        still.sample(1.0, 0.2, 1.0, 0.0, true);
        still.sample(2.0, 3.0, 1.0, 0.0, true);
        still.commands(3.0, 1.0, false, 1.0, 0.0); // released with the pump still on
        still.sample(3.5, 0.0, 1.0, 0.0, true);
        still.finish(0.0);
        assertThat(still.lastClosed().quietAfterSeconds()).isNaN();
    }

    /** A release at exactly 1 bar has no whoosh, just above it has; a machine with no exhaust never has. */
    @Test
    void aWhooshNeedsAReleaseFromAboveOneBarAndAnExhaust() {
        for (double plateau : new double[] {1.0, Math.nextUp(1.0), 9.0}) {
            for (boolean exhaust : new boolean[] {true, false}) {
                CycleMetrics m = metrics(exhaust, 0.0);
                m.commands(0.0, 1.0, true, 0.0, 0.0);
                m.commands(1.0, 0.0, false, plateau, 3.0);
                m.sample(1.5, 0.0, 0.2, 7.0, true);
                m.finish(5.0);
                CycleFigures c = m.lastClosed();
                boolean whoosh = exhaust && plateau > 1.0;
                assertThat(c.plateauBar()).isEqualTo(plateau);
                if (whoosh) {
                    assertThat(c.whooshVolumeMl()).as("%s bar, exhaust %s", plateau, exhaust).isEqualTo(2.0);
                    assertThat(c.whooshPeakFlowMlPerS()).isEqualTo(7.0);
                    assertThat(c.whooshDecaySeconds()).isEqualTo(0.5);
                } else {
                    assertThat(c.whooshVolumeMl()).as("%s bar, exhaust %s", plateau, exhaust).isNaN();
                    assertThat(c.whooshPeakFlowMlPerS()).isNaN();
                    assertThat(c.whooshDecaySeconds()).isNaN();
                }
            }
        }
    }

    /** Only the first release of a cycle counts; a pump-on in the same call as a release reports both. */
    @Test
    void onlyTheFirstReleaseCountsAndOneCallCanReleaseAndStartACycle() {
        CycleMetrics m = started();
        m.commands(1.0, 0.0, false, 5.0, 1.0);
        assertThat(m.commands(1.5, 0.0, true, 0.0, 1.0)).isZero(); // solenoid back on, pump off
        assertThat(m.commands(2.0, 0.0, false, 7.0, 1.0)).isZero(); // a second release: ignored
        m.finish(4.0);
        assertThat(m.lastClosed().plateauBar()).isEqualTo(5.0);
        assertThat(m.lastClosed().releaseAtSeconds()).isEqualTo(1.0);
        assertThat(m.lastClosed().whooshVolumeMl()).isEqualTo(3.0);

        CycleMetrics both = started();
        both.commands(1.0, 0.0, true, 3.0, 0.0);
        int events = both.commands(2.0, 1.0, false, 3.0, 0.0);
        assertThat(events).isEqualTo(CycleMetrics.PUMP_ON | CycleMetrics.RELEASE);
        assertThat(both.closedCycles()).isEqualTo(1);
        assertThat(both.lastClosed().releaseAtSeconds()).isEqualTo(2.0);
        assertThat(both.commands(3.0, 1.0, false, 3.0, 0.0)).isZero(); // nothing changed
    }

    /**
     * Crossings between two continuous samples are placed by the given rule, with the signal, the
     * threshold and the two sample times; right after a switch (not continuous) at the sample.
     */
    @Test
    void crossingsArePlacedByTheRuleBetweenContinuousSamplesOnly() {
        List<String> calls = new ArrayList<>();
        CycleMetrics.Crossings midpoint = (signal, threshold, t0, t1) -> {
            calls.add(signal + " " + threshold + " " + t0 + " " + t1);
            return 0.5 * (t0 + t1);
        };
        CycleMetrics m = new CycleMetrics(FREE_FLOW, true, 0.0, midpoint);
        m.commands(0.0, 1.0, true, 0.0, 0.0);
        m.sample(1.0, 6.0, 2.0, 0.0, true);
        m.sample(2.0, 0.1, 9.0, 0.0, true);
        m.commands(3.0, 0.0, false, 9.0, 0.0);
        m.sample(4.0, 0.0, 0.7, 30.0, true);
        m.sample(5.0, 0.0, 0.2, 1.0, true);
        m.finish(1.0);
        assertThat(calls).containsExactly("GROUP_INFLOW 0.5 1.0 2.0", "GROUP_PRESSURE 0.5 4.0 5.0");
        assertThat(m.lastClosed().quietAfterSeconds()).isEqualTo(1.5);
        assertThat(m.lastClosed().whooshDecaySeconds()).isEqualTo(1.5);

        calls.clear();
        CycleMetrics jump = new CycleMetrics(FREE_FLOW, true, 0.0, midpoint);
        jump.commands(0.0, 1.0, true, 0.0, 0.0);
        jump.sample(1.0, 6.0, 2.0, 0.0, true);
        jump.sample(2.0, 0.1, 9.0, 0.0, false);
        jump.commands(3.0, 0.0, false, 9.0, 0.0);
        jump.sample(3.0, 0.0, 0.2, 30.0, false);
        jump.finish(1.0);
        assertThat(calls).isEmpty();
        assertThat(jump.lastClosed().quietAfterSeconds()).isEqualTo(2.0);
        assertThat(jump.lastClosed().whooshDecaySeconds()).isEqualTo(0.0);

        // the release's sample above 0.5 bar, then below: continuous, located from the last sample
        calls.clear();
        CycleMetrics fromRelease = new CycleMetrics(FREE_FLOW, true, 0.0, midpoint);
        fromRelease.commands(0.0, 1.0, true, 0.0, 0.0);
        fromRelease.commands(3.0, 0.0, false, 9.0, 0.0);
        fromRelease.sample(3.2, 0.0, 0.3, 30.0, true);
        fromRelease.finish(1.0);
        assertThat(calls).containsExactly("GROUP_PRESSURE 0.5 3.0 3.2");
        assertThat(fromRelease.lastClosed().whooshDecaySeconds()).isCloseTo(0.1, within(1e-12));
    }
}
