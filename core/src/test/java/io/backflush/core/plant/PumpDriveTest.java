package io.backflush.core.plant;

import io.backflush.core.hydraulics.PumpModel;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.Presets;
import io.backflush.core.support.Seeds;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * {@link PumpDrive#advance}'s pass over a steady stretch (duty 0 or 1: every boundary decides the
 * same) gives exactly, bit for bit, what deciding every mains boundary gives: the stroking
 * fraction, the stroke state, the accumulator and the next boundary. The walk is restated here as
 * the oracle ({@link Walk}: every boundary, one segment at a time, as {@code advance} was before the
 * pass).
 */
class PumpDriveTest {
    private static final PumpModel VIBRATORY = Machine.of(Presets.singleBoiler()).pump();

    /** The boundary walk, every boundary decided and every segment added, over a drive's state. */
    static final class Walk {
        final double period;
        boolean stroking;
        double accumulator;
        long nextBoundary;

        Walk(double mainsHz, PumpDrive.State s) {
            this.period = 1.0 / mainsHz;
            stroking = s.stroking();
            accumulator = s.accumulator();
            nextBoundary = s.nextBoundary();
        }

        double advance(double t, double dt, double duty) {
            double end = t + dt;
            double segmentStart = t;
            double onTime = 0.0;
            boolean s = stroking;
            double boundary = nextBoundary * period;
            while (boundary < end - ThreeWayValve.EPS_SECONDS) {
                if (boundary > segmentStart) {
                    if (s) {
                        onTime += boundary - segmentStart;
                    }
                    segmentStart = boundary;
                }
                accumulator += duty;
                s = accumulator >= 0.5;
                if (s) {
                    accumulator -= 1.0;
                }
                nextBoundary++;
                boundary = nextBoundary * period;
            }
            if (s) {
                onTime += end - segmentStart;
            }
            stroking = s;
            return onTime >= dt ? 1.0 : onTime / dt;
        }

        PumpDrive.State state() {
            return new PumpDrive.State(stroking, accumulator, nextBoundary);
        }
    }

    private static final double[] DUTIES = {0.0, 1.0, 0.5, 0.3, 0.75, 1.0, 0.0, 1.0};

    /**
     * Steps of random length (0.1 ms to 2.5 s) from a random time (the first seconds, where the
     * pass must walk, up to a year), at duties that are mostly 0 or 1 with some in between, from a
     * drive each earlier step left: fraction and state equal the walk's after every step.
     */
    @Test
    void aSteadyPassGivesExactlyTheWalkedResult() {
        Seeds.theory("PumpDrive steady pass", 400).forAll(longs().between(0L, 1L << 40), doubles().between(0.0, 3.2e7),
                integers().between(0, 2)).checkAssert((seed, start, scale) -> randomSteps(seed, start, scale, 40,
                        (drive, walk, t, dt, duty) -> {
                            double expected = walk.advance(t, dt, duty);
                            double got = drive.advance(t, dt, duty);
                            assertThat(Double.doubleToRawLongBits(got)).as("fraction at t = %s, dt = %s, duty %s: %s, walked %s",
                                    t, dt, duty, got, expected).isEqualTo(Double.doubleToRawLongBits(expected));
                            assertThat(drive.state()).as("state at t = %s, dt = %s, duty %s", t, dt, duty)
                                    .isEqualTo(walk.state());
                        }));
    }

    /** One step of a drive and its walk, to be taken and checked. */
    interface StepCheck {
        void step(PumpDrive drive, Walk walk, double t, double dt, double duty);
    }

    /**
     * {@code count} steps of random length (0.1 ms to 2.5 s, a quarter of them 1 ms) from a time
     * drawn by {@code scale} (0: t = 0; 1: minutes, {@code start}·1e-5; 2: anywhere in a year), at
     * duties mostly 0 or 1 with some in between, each taken by {@code check} on one drive and its walk.
     */
    static void randomSteps(long seed, double start, int scale, int count, StepCheck check) {
        java.util.Random random = new java.util.Random(seed);
        double t = scale == 0 ? 0.0 : scale == 1 ? start * 1e-5 : start;
        PumpDrive drive = new PumpDrive(VIBRATORY);
        drive.elapse(t);
        Walk walk = new Walk(VIBRATORY.mainsHz(), drive.state());
        for (int i = 0; i < count; i++) {
            double dt = random.nextInt(4) == 0 ? 1.0e-3 : Math.exp(Math.log(1e-4) + random.nextDouble()
                    * (Math.log(2.5) - Math.log(1e-4)));
            double duty = random.nextInt(5) == 0 ? random.nextDouble() : DUTIES[random.nextInt(DUTIES.length)];
            check.step(drive, walk, t, dt, duty);
            t += dt;
        }
    }

    /** The hot case itself: a 2 s step at duty 1 after the pump stood, and one at duty 0 after it ran. */
    @Test
    void longStepsAtDutyZeroAndOneMatchTheWalkAndStrokeAsTheyShould() {
        PumpDrive drive = new PumpDrive(VIBRATORY);
        double t = 1000.0123;
        drive.elapse(t);
        Walk walk = new Walk(VIBRATORY.mainsHz(), drive.state());
        double[][] steps = {{2.0, 1.0}, {2.0, 1.0}, {1.7, 0.0}, {2.0, 0.0}, {0.013, 1.0}, {2.0, 1.0}};
        for (double[] step : steps) {
            double expected = walk.advance(t, step[0], step[1]);
            double got = drive.advance(t, step[0], step[1]);
            assertThat(got).as("t = %s, dt = %s, duty %s", t, step[0], step[1]).isEqualTo(expected);
            assertThat(drive.state()).isEqualTo(walk.state());
            assertThat(drive.stroking()).isEqualTo(step[1] == 1.0);
            t += step[0];
        }
        // the oracle itself: duty 1 from a standstill strokes from the first boundary (0.02 s) to the end
        assertThat(new Walk(VIBRATORY.mainsHz(), new PumpDrive.State(false, 0.0, 1L)).advance(0.01, 2.0, 1.0))
                .isCloseTo(1.99 / 2.0, org.assertj.core.api.Assertions.within(1e-12));
    }
}
