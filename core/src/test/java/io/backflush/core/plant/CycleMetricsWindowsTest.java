package io.backflush.core.plant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * When the quiet window closes ({@link CycleFigures#quietAfterSeconds}: "stayed below until the
 * pump was commanded off or the solenoid released"), fed hand-made samples the way the product's
 * run feeds it: the same commands repeated every step change nothing, samples after the pump-off
 * no longer count, a run that ends with the pump still on measures the quiet it reached, and the
 * release recorded is the first of a cycle.
 */
class CycleMetricsWindowsTest {
    private static final double FREE_FLOW = 10.0; // quiet threshold 0.5 ml/s

    private static CycleMetrics metrics() {
        return new CycleMetrics(FREE_FLOW, true, 0.0, CycleMetrics.Crossings.AT_SAMPLE);
    }

    /** Pump on at 0 with the solenoid, the inflow above the threshold until 2 s, the commands repeated every 0.1 s. */
    private static CycleMetrics pumpingUntilTwoSeconds() {
        CycleMetrics m = metrics();
        for (int i = 0; i <= 40; i++) {
            double t = i * 0.1;
            assertThat(m.commands(t, 1.0, true, 5.0, 0.0)).as("repeated at %s s", t).isEqualTo(i == 0 ? CycleMetrics.PUMP_ON : 0);
            m.sample(t + 0.1, t + 0.1 < 1.95 ? 3.0 : 0.1, 5.0, 0.0, true);
        }
        return m;
    }

    @Test
    void repeatedCommandsDoNotCloseTheQuietWindowAndSamplesAfterThePumpOffDoNotCount() {
        CycleMetrics m = pumpingUntilTwoSeconds();
        // pump off at 4.1 s, the solenoid still energised; then the inflow rises again (it cannot
        // count: the window closed with the pump)
        m.commands(4.1, 0.0, true, 5.0, 0.0);
        m.sample(4.2, 2.0, 5.0, 0.0, true);
        m.commands(4.3, 0.0, true, 5.0, 0.0);
        m.sample(4.4, 2.0, 5.0, 0.0, true);
        m.finish(0.0);
        assertThat(m.lastClosed().quietAfterSeconds()).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void aRunEndingWhileThePumpRunsMeasuresTheQuietItReached() {
        CycleMetrics m = pumpingUntilTwoSeconds();
        m.finish(0.0);
        assertThat(m.closedCycles()).isEqualTo(1);
        assertThat(m.lastClosed().quietAfterSeconds()).isCloseTo(2.0, within(1e-9));
        assertThat(m.lastClosed().releaseAtSeconds()).isNaN();
    }

    @Test
    void aFillThatNeverRoseAboveTheThresholdIsQuietAtOnce() {
        CycleMetrics m = metrics();
        m.commands(0.0, 1.0, true, 0.0, 0.0);
        for (int i = 1; i <= 10; i++) {
            m.sample(i * 0.1, 0.2, 9.0, 0.0, true);
            m.commands(i * 0.1, 1.0, true, 9.0, 0.0);
        }
        m.commands(1.5, 0.0, false, 9.0, 0.0);
        m.finish(0.0);
        assertThat(m.lastClosed().quietAfterSeconds()).isZero();
    }

    @Test
    void theReleaseOfACycleIsItsFirstRelease() {
        CycleMetrics m = metrics();
        m.commands(0.0, 1.0, true, 0.0, 0.0);
        m.sample(1.0, 0.1, 9.0, 0.0, true);
        assertThat(m.commands(2.0, 1.0, false, 9.0, 1.0)).isEqualTo(CycleMetrics.RELEASE);
        m.sample(2.1, 0.1, 0.2, 30.0, true);
        m.commands(2.5, 1.0, true, 0.2, 3.0);
        m.sample(3.0, 0.1, 6.0, 0.0, true);
        assertThat(m.commands(3.5, 1.0, false, 6.0, 3.0)).as("a second release in the cycle is no event").isZero();
        m.finish(4.0);
        CycleFigures c = m.lastClosed();
        assertThat(c.releaseAtSeconds()).isEqualTo(2.0);
        assertThat(c.plateauBar()).isEqualTo(9.0);
        assertThat(c.whooshDecaySeconds()).isCloseTo(0.1, within(1e-12));
        assertThat(c.whooshVolumeMl()).isCloseTo(3.0, within(1e-12));
    }

    /**
     * A release is the open cycle's solenoid going from energised to released: not a de-energising
     * before any pump-on, not a cycle whose solenoid was never energised, not a repeated command
     * with the solenoid still energised.
     */
    @Test
    void onlyTheOpenCyclesSolenoidGoingOffIsARelease() {
        CycleMetrics before = metrics();
        assertThat(before.commands(0.0, 0.0, true, 0.0, 0.0)).isZero();
        assertThat(before.commands(1.0, 0.0, false, 0.0, 0.0)).as("no cycle open yet").isZero();

        CycleMetrics neverEnergised = metrics();
        assertThat(neverEnergised.commands(0.0, 1.0, false, 0.0, 0.0)).isEqualTo(CycleMetrics.PUMP_ON);
        assertThat(neverEnergised.commands(1.0, 1.0, false, 3.0, 0.0)).as("the solenoid was never on").isZero();

        CycleMetrics stillOn = metrics();
        assertThat(stillOn.commands(0.0, 1.0, true, 0.0, 0.0)).isEqualTo(CycleMetrics.PUMP_ON);
        assertThat(stillOn.commands(1.0, 1.0, true, 9.0, 0.0)).as("still energised").isZero();
        assertThat(stillOn.commands(2.0, 1.0, false, 9.0, 0.0)).isEqualTo(CycleMetrics.RELEASE);
    }

    /**
     * The whoosh has decayed when the group pressure first falls below 0.5 bar: a sample at exactly
     * 0.5 bar is not below, and the crossing is then placed between it and the next sample (here
     * at their midpoint, the crossing rule given): released at 2 s from 9 bar, 0.5 bar at 2.1 s,
     * 0.4 bar at 2.2 s, decayed at 2.15 s, 0.15 s after the release.
     */
    @Test
    void theWhooshDecaysAtTheFirstSampleBelowHalfABarNotAtOneOnIt() {
        CycleMetrics m = new CycleMetrics(FREE_FLOW, true, 0.0, (signal, threshold, t0, t1) -> 0.5 * (t0 + t1));
        m.commands(0.0, 1.0, true, 0.0, 0.0);
        m.sample(1.0, 0.1, 9.0, 0.0, true);
        m.commands(2.0, 0.0, false, 9.0, 0.0);
        m.sample(2.1, 0.0, CycleMetrics.WHOOSH_END_BAR, 20.0, true);
        m.sample(2.2, 0.0, 0.4, 5.0, true);
        m.finish(3.0);
        assertThat(m.lastClosed().whooshDecaySeconds()).isCloseTo(0.15, within(1e-12));
    }
}
