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
 * The pump drive's cost, counted ({@link PumpDrive#decisions()}, {@link PumpDrive#steadyPasses()};
 * docs/architecture.md, "The solver's cost, counted"): at duty 0 a step decides at most one mains
 * boundary, at duty 1 from t ≥ dt at most two, at any other duty every one; the steady pass is
 * looked for after a step's first two decisions only and taken exactly when its exactness
 * condition holds; the result stays the walk's ({@link PumpDriveTest.Walk}), bit for bit. The
 * steps that land the step's end on a boundary's rounding (a limit equal to a boundary, or one
 * ulp off it, where ceil(limit·f) is one off) pass over exactly the boundaries the walk decides.
 */
class PumpDriveCostTest {
    private static final PumpModel VIBRATORY = Machine.of(Presets.singleBoiler()).pump();
    private static final PumpModel ROTARY = Machine.of(Presets.rotaryCommercial()).pump();
    private static final double PERIOD = 1.0 / VIBRATORY.mainsHz();
    private static final double EPS = ThreeWayValve.EPS_SECONDS;

    /**
     * The decisions the documented rule lets a step take, worked on a copy of the state before it:
     * walk the boundaries; after the first and the second decision, if a boundary is left before the
     * limit, the decision is at a fixed point (the next one would stroke as this one did and leave
     * the accumulator's bits as they are) and the pass is exact (the pump stopped; or it stroked
     * nothing in the step yet and the segment start is at least half the end; or it stroked from t
     * and t is at least half the end), the rest is passed at once.
     */
    private static long expectedDecisions(PumpDrive.State before, double t, double dt, double duty) {
        double end = t + dt;
        double limit = end - EPS;
        double acc = before.accumulator();
        boolean s = before.stroking();
        boolean fromStart = s;
        boolean strokedInStep = false;
        double segmentStart = t;
        long k = before.nextBoundary();
        long decided = 0;
        while (k * PERIOD < limit) {
            double b = k * PERIOD;
            if (b > segmentStart) {
                strokedInStep |= s;
                segmentStart = b;
            }
            acc += duty;
            s = acc >= 0.5;
            if (s) {
                acc -= 1.0;
            }
            fromStart &= s;
            decided++;
            k++;
            if (decided <= 2 && k * PERIOD < limit) {
                double next = acc + duty;
                boolean nextStroke = next >= 0.5;
                if (nextStroke) {
                    next -= 1.0;
                }
                boolean fixedPoint = nextStroke == s && Double.doubleToRawLongBits(next) == Double.doubleToRawLongBits(acc);
                boolean exact = !s || (!strokedInStep && 2.0 * segmentStart >= end)
                        || (strokedInStep && fromStart && 2.0 * t >= end);
                if (fixedPoint && exact) {
                    return decided;
                }
            }
        }
        return decided;
    }

    /** Steps the drive and the walk alike and checks the result, the state and the step's decisions. */
    private static long step(PumpDrive drive, PumpDriveTest.Walk walk, double t, double dt, double duty) {
        long expected = expectedDecisions(drive.state(), t, dt, duty);
        long boundariesBefore = walk.nextBoundary;
        long decisionsBefore = drive.decisions();
        long passesBefore = drive.steadyPasses();
        long correctionsBefore = drive.passCorrections();
        double walked = walk.advance(t, dt, duty);
        double got = drive.advance(t, dt, duty);
        String at = String.format("t = %s, dt = %s, duty %s", t, dt, duty);
        assertThat(Double.doubleToRawLongBits(got)).as("fraction at %s: %s, walked %s", at, got, walked)
                .isEqualTo(Double.doubleToRawLongBits(walked));
        assertThat(drive.state()).as("state at %s", at).isEqualTo(walk.state());
        long decided = drive.decisions() - decisionsBefore;
        assertThat(decided).as("decisions at %s", at).isEqualTo(expected);
        long inStep = walk.nextBoundary - boundariesBefore;
        long passes = drive.steadyPasses() - passesBefore;
        assertThat(passes).as("passes at %s", at).isEqualTo(decided < inStep ? 1L : 0L);
        assertThat(drive.passCorrections() - correctionsBefore).as("corrections at %s", at).isLessThanOrEqualTo(passes);
        return decided;
    }

    private static PumpDrive driveAt(PumpDrive.State s) {
        PumpDrive drive = new PumpDrive(VIBRATORY);
        drive.restore(s);
        return drive;
    }

    /** Long steps after the first seconds: duty 0 decides ≤ 1 boundary, duty 1 ≤ 2, duty ½ and 0.3 all 100. */
    @Test
    void longStepsAtDutyZeroOrOneDecideAtMostTwoBoundariesAndOtherDutiesDecideThemAll() {
        PumpDrive drive = new PumpDrive(VIBRATORY);
        double t = 10.0;
        drive.elapse(t);
        PumpDriveTest.Walk walk = new PumpDriveTest.Walk(VIBRATORY.mainsHz(), drive.state());
        double[] duties = {1.0, 1.0, 0.0, 0.0, 0.5, 1.0, 0.3, 0.0, 0.5, 0.5, 1.0, 0.0};
        for (double duty : duties) {
            long before = walk.nextBoundary;
            long decided = step(drive, walk, t, 2.0, duty);
            assertThat(walk.nextBoundary - before).as("a 2 s step holds 100 boundaries").isEqualTo(100L);
            if (duty == 0.0) {
                assertThat(decided).as("duty 0 at t = %s", t).isLessThanOrEqualTo(1L);
            } else if (duty == 1.0) {
                assertThat(decided).as("duty 1 at t = %s", t).isBetween(1L, 2L);
            } else {
                assertThat(decided).as("duty %s at t = %s", duty, t).isEqualTo(100L);
            }
            t += 2.0;
        }
        assertThat(drive.steadyPasses()).as("one pass per step at duty 0 or 1").isEqualTo(8L);
    }

    /**
     * Near t = 0 the exactness condition turns duty 1 away: from a standstill at t = 0 the segment
     * start 0 is below end/2, and once stroking from t = 0, t is: all 100 boundaries of a 2 s step
     * are decided, and the next 2 s step (t = dt) passes after one. Duty 0 needs no condition: it
     * passes after the first decision at any time, even from a running pump at t = 0.01.
     */
    @Test
    void theExactnessConditionDecidesWhenDutyOneMayPassAndDutyZeroAlwaysMay() {
        PumpDrive drive = new PumpDrive(VIBRATORY);
        PumpDriveTest.Walk walk = new PumpDriveTest.Walk(VIBRATORY.mainsHz(), drive.state());
        assertThat(step(drive, walk, 0.0, 2.0, 1.0)).isEqualTo(100L);
        assertThat(step(drive, walk, 2.0, 2.0, 1.0)).isEqualTo(1L);

        PumpDrive running = driveAt(new PumpDrive.State(true, 0.0, 1L));
        PumpDriveTest.Walk walk2 = new PumpDriveTest.Walk(VIBRATORY.mainsHz(), running.state());
        assertThat(step(running, walk2, 0.01, 2.0, 0.0)).isEqualTo(1L);
        assertThat(running.stroking()).isFalse();
    }

    /**
     * The condition's edges, each a tie or one side of it: nothing stroked yet and the first
     * boundary exactly at end/2 (t = 0.095, b = 0.1, end = 0.2: passes); stroking from t = 0.11
     * with t exactly end/2 (end = 0.22: passes); stroking from t = 0.1 with t below end/2 but the
     * first boundary 0.12 above it (end = 0.22: walked, the 5 boundaries 0.12 to 0.2).
     */
    @Test
    void theConditionsTiesPassAndItsOtherSideIsWalked() {
        double t = 0.095;
        double dt = 0.2 - t;
        assertThat(t + dt).isEqualTo(0.2);
        assertThat(2.0 * (5 * PERIOD)).isEqualTo(0.2);
        PumpDrive fromRest = driveAt(new PumpDrive.State(false, 0.0, 5L));
        assertThat(step(fromRest, new PumpDriveTest.Walk(VIBRATORY.mainsHz(), fromRest.state()), t, dt, 1.0))
                .isEqualTo(1L);

        assertThat(0.11 + 0.11).isEqualTo(0.22);
        PumpDrive stroking = driveAt(new PumpDrive.State(true, 0.0, 6L));
        assertThat(step(stroking, new PumpDriveTest.Walk(VIBRATORY.mainsHz(), stroking.state()), 0.11, 0.11, 1.0))
                .isEqualTo(1L);

        PumpDrive early = driveAt(new PumpDrive.State(true, 0.0, 6L));
        assertThat(step(early, new PumpDriveTest.Walk(VIBRATORY.mainsHz(), early.state()), 0.1, 0.22 - 0.1, 1.0))
                .isEqualTo(5L);
    }

    /**
     * The pass is looked for after the first two decisions only. A duty below half an ulp of the
     * accumulator is at a fixed point too (adding it leaves the bits as they are): duty 2⁻⁵⁶ from an
     * accumulator 3 ulps (2⁻⁵⁶ each) below 1/8 climbs to 1/8 in three decisions, and there it stays
     * (1/8 + 2⁻⁵⁶ is a tie, rounded to the even 1/8). The pump stopped, the pass would be exact, yet
     * the fixed point comes after the third decision: all 100 boundaries of a 2 s step are decided.
     * From 2 ulps below, it comes after the second: one pass, two decisions.
     */
    @Test
    void onlyTheFirstTwoDecisionsOfAStepLookForThePass() {
        double duty = 0x1.0p-56;
        assertThat(0.125 + duty).isEqualTo(0.125);
        assertThat(0.125 - duty).isNotEqualTo(0.125);
        PumpDrive late = driveAt(new PumpDrive.State(false, 0.125 - 3 * duty, 500L));
        assertThat(step(late, new PumpDriveTest.Walk(VIBRATORY.mainsHz(), late.state()), 10.0, 2.0, duty))
                .isEqualTo(100L);
        assertThat(late.state().accumulator()).isEqualTo(0.125);
        assertThat(late.steadyPasses()).isZero();
        PumpDrive sooner = driveAt(new PumpDrive.State(false, 0.125 - 2 * duty, 500L));
        assertThat(step(sooner, new PumpDriveTest.Walk(VIBRATORY.mainsHz(), sooner.state()), 10.0, 2.0, duty))
                .isEqualTo(2L);
        assertThat(sooner.steadyPasses()).isOne();
    }

    /** Random steps, as in {@link PumpDriveTest}: every step decides what the documented rule says. */
    @Test
    void everyStepDecidesWhatTheRuleSays() {
        Seeds.theory("PumpDrive cost", 200).forAll(longs().between(0L, 1L << 40), doubles().between(0.0, 3.2e7),
                integers().between(0, 2)).checkAssert((seed, start, scale) -> PumpDriveTest.randomSteps(seed, start, scale,
                        30, PumpDriveCostTest::step));
    }

    /**
     * A step whose limit (end − EPS) is a boundary k/f exactly, or one ulp either side of it: the
     * boundary at the limit is the next step's, one below it this one's. Among those are limits
     * where ceil(limit·f) overshoots k by one and where it undershoots, which the pass must
     * correct, by one boundary, counted; at duty ½ (walked) and 0 and 1 (passed) the drive ends where
     * the walk does, in a 2 s step and in a 30 ms one (one boundary in it; no pass when the next is
     * at the limit).
     */
    @Test
    void stepsEndingOnABoundarysRoundingPassExactlyTheWalkedBoundaries() {
        int overshoots = 0;
        int undershoots = 0;
        int ties = 0;
        for (long k = 5000; k < 6500 && (overshoots < 3 || undershoots < 3 || ties < 3); k++) {
            double boundary = k * PERIOD;
            for (double limit : new double[] {Math.nextDown(boundary), boundary, Math.nextUp(boundary)}) {
                double end = endWithLimit(limit);
                if (Double.isNaN(end)) {
                    continue;
                }
                double t = end - 2.0;
                double dt = end - t;
                if (t + dt != end) {
                    continue;
                }
                long first = boundary >= limit ? k : k + 1; // the first boundary at or after the limit
                long naive = (long) Math.ceil(limit / PERIOD);
                boolean tie = limit == boundary;
                if (naive == first && !tie) {
                    continue;
                }
                overshoots += naive > first ? 1 : 0;
                undershoots += naive < first ? 1 : 0;
                ties += tie ? 1 : 0;
                for (double duty : new double[] {0.5, 0.0, 1.0}) {
                    PumpDrive drive = new PumpDrive(VIBRATORY);
                    drive.elapse(t);
                    PumpDriveTest.Walk walk = new PumpDriveTest.Walk(VIBRATORY.mainsHz(), drive.state());
                    step(drive, walk, t, dt, duty);
                    assertThat(drive.state().nextBoundary()).as("limit %s, duty %s", limit, duty).isEqualTo(first);
                    assertThat(drive.passCorrections()).as("corrections, limit %s, duty %s", limit, duty)
                            .isEqualTo(duty == 0.5 || naive == first ? 0L : 1L);
                    // a 30 ms step to the same end: one boundary in it, the next at or after the limit
                    double tShort = end - 0.03;
                    double dtShort = end - tShort;
                    if (tShort + dtShort == end) {
                        PumpDrive shortStep = new PumpDrive(VIBRATORY);
                        shortStep.elapse(tShort);
                        step(shortStep, new PumpDriveTest.Walk(VIBRATORY.mainsHz(), shortStep.state()), tShort, dtShort,
                                duty);
                        assertThat(shortStep.state().nextBoundary()).isEqualTo(first);
                    }
                }
            }
        }
        assertThat(overshoots).as("limits where ceil overshoots").isGreaterThanOrEqualTo(3);
        assertThat(undershoots).as("limits where ceil undershoots").isGreaterThanOrEqualTo(3);
        assertThat(ties).as("limits on a boundary").isGreaterThanOrEqualTo(3);
    }

    /** An end whose end − EPS rounds to {@code limit}, or NaN if none within 64 ulps of limit + EPS. */
    private static double endWithLimit(double limit) {
        double end = limit + EPS;
        for (int i = 0; i < 64; i++) {
            for (double e : new double[] {end + i * Math.ulp(end), end - i * Math.ulp(end)}) {
                if (e - EPS == limit) {
                    return e;
                }
            }
        }
        return Double.NaN;
    }

    /** A rotary pump's relay decides no mains boundary, and runs while the duty is at least ½, whatever is called. */
    @Test
    void aRotaryPumpDecidesNoBoundary() {
        PumpDrive relay = new PumpDrive(ROTARY);
        assertThat(relay.advance(10.0, 2.0, 0.6)).isEqualTo(1.0);
        relay.reach(12.5, 0.6);
        assertThat(relay.stroking()).isTrue();
        relay.settleBefore(14.0, 0.6);
        assertThat(relay.stroking()).as("still running at duty 0.6").isTrue();
        assertThat(relay.nextChangeSeconds(20.0, 0.6)).isEqualTo(20.0);
        relay.settleBefore(16.0, 0.4);
        assertThat(relay.stroking()).as("settling decides nothing for a relay").isTrue();
        assertThat(relay.decisions()).isZero();
        assertThat(relay.steadyPasses()).isZero();
    }

    /**
     * The reference's view: {@code reach} and {@code settleBefore} decide one boundary each, up to
     * and including t (within EPS) and strictly before t (more than EPS), and count them;
     * {@code nextChangeSeconds} decides nothing and finds the first change more than EPS before its
     * horizon: none at duty 1 while stroking, the first boundary at duty 0, the horizon when that
     * boundary is within EPS of it or exactly EPS before it. Exactly EPS is the edge both ways:
     * {@code reach} decides a boundary exactly EPS after t, {@code settleBefore} leaves one exactly
     * EPS before t.
     */
    @Test
    void theReferencesViewDecidesEachBoundaryAndLooksAheadWithoutDeciding() {
        PumpDrive drive = new PumpDrive(VIBRATORY);
        drive.reach(0.1, 1.0); // boundaries 0, 0.02, ..., 0.1: six
        assertThat(drive.decisions()).isEqualTo(6L);
        assertThat(drive.stroking()).isTrue();
        drive.settleBefore(0.2, 1.0); // 0.12 ... 0.18: four
        assertThat(drive.decisions()).isEqualTo(10L);
        assertThat(drive.state().nextBoundary()).isEqualTo(10L);
        double b = 10 * PERIOD;
        assertThat(drive.nextChangeSeconds(5.0, 1.0)).as("duty 1 while stroking: no change").isEqualTo(5.0);
        assertThat(drive.nextChangeSeconds(5.0, 0.0)).as("duty 0: stops at the next boundary").isEqualTo(b);
        assertThat(drive.nextChangeSeconds(b + EPS / 2, 0.0)).as("a change within EPS of the horizon").isEqualTo(b + EPS / 2);
        double horizon = horizonAfter(b);
        assertThat(drive.nextChangeSeconds(horizon, 0.0)).as("a change exactly EPS before the horizon").isEqualTo(horizon);
        assertThat(drive.nextChangeSeconds(Math.nextUp(horizon), 0.0)).isEqualTo(b);
        assertThat(drive.decisions()).as("looking ahead decides nothing").isEqualTo(10L);
        assertThat(drive.state().nextBoundary()).isEqualTo(10L);

        // reach decides a boundary exactly EPS after t; settleBefore leaves one exactly EPS before t
        double tBefore = b - EPS;
        for (int i = -8; i <= 8 && tBefore + EPS != b; i++) {
            tBefore = b - EPS + i * Math.ulp(b - EPS);
        }
        assertThat(tBefore + EPS).isEqualTo(b);
        drive.reach(Math.nextDown(tBefore), 1.0);
        assertThat(drive.decisions()).as("a boundary more than EPS after t is not reached").isEqualTo(10L);
        drive.reach(tBefore, 1.0);
        assertThat(drive.decisions()).as("a boundary exactly EPS after t is reached").isEqualTo(11L);
        double b2 = 11 * PERIOD;
        drive.settleBefore(horizonAfter(b2), 1.0);
        assertThat(drive.decisions()).as("a boundary exactly EPS before t is not settled").isEqualTo(11L);
        drive.settleBefore(Math.nextUp(horizonAfter(b2)), 1.0);
        assertThat(drive.decisions()).as("one more than EPS before t is").isEqualTo(12L);
    }

    /** A time whose time − EPS rounds to b exactly. */
    private static double horizonAfter(double b) {
        double h = b + EPS;
        for (int i = -8; i <= 8 && h - EPS != b; i++) {
            h = b + EPS + i * Math.ulp(b + EPS);
        }
        assertThat(h - EPS).isEqualTo(b);
        return h;
    }
}
