package io.backflush.core.plant;

import io.backflush.core.hydraulics.PumpModel;

/**
 * How the pump turns its commanded duty into running and stopped stretches, as a discrete part.
 * A vibratory pump is driven by pulse skipping: at each mains-cycle boundary k/f a first-order
 * accumulator adds the duty and the pump strokes for the whole cycle when it reaches 1/2 (then
 * loses 1), so duty 1 strokes every cycle, duty 1/2 every other one, duty 0 never; a command that
 * changes mid-cycle takes effect at the next boundary. A rotary pump's relay runs it while the
 * duty is at least 1/2, from the moment of the command. Both steppers advance it and ask it when
 * the stroke state next changes.
 */
public final class PumpDrive {
    private final boolean pulseSkipping;
    private final double periodSeconds;
    private boolean stroking;
    private double accumulator;
    private long nextBoundary;
    // Cost counters (plain longs, nothing allocated; read through decisions(), steadyPasses(), passCorrections())
    private long decisions;
    private long steadyPasses;
    private long passCorrections;

    PumpDrive(PumpModel pump) {
        this.pulseSkipping = pump.pulseSkipping();
        this.periodSeconds = 1.0 / pump.mainsHz();
    }

    /** Whether the pump strokes (or runs) now. */
    public boolean stroking() {
        return stroking;
    }

    /** The pulse-skipping decision at one mains boundary. */
    private boolean decide(double duty) {
        decisions++;
        accumulator += duty;
        boolean stroke = accumulator >= 0.5;
        if (stroke) {
            accumulator -= 1.0;
        }
        return stroke;
    }

    /**
     * The fixed stepper's view: advances over [t, t + dt) with the duty in force, deciding every
     * mains boundary in it, and returns the fraction of the step during which the pump stroked.
     * A boundary within {@link ThreeWayValve#EPS_SECONDS} of the step's end belongs to the next step.
     *
     * <p>Where the decision has reached a fixed point (the next decision would leave the
     * accumulator bit for bit as it is and the stroke state too: duty 0 after the first boundary,
     * duty 1 after the first stroke), every later boundary of the step decides the same, and the
     * step's remaining boundaries are passed over at once ({@link #passSteadyBoundaries}) when that
     * gives the same on-time, bit for bit, as adding their segments one by one
     * ({@link #restAddsExactly}); a long adaptive step at duty 0 or 1 (100 boundaries in 2 s)
     * then costs what a short one does.
     *
     * <p>Its cost, counted ({@link #decisions()}, {@link #steadyPasses()}): the fixed point is looked
     * for after the step's first and second decisions only, when a boundary is left before the
     * step's end (duty 0 is steady after one decision, duty 1 after at most two, another duty only
     * where it is below half an ulp of the accumulator, so that adding it changes nothing), and the pass is taken exactly when it is exact as {@link #restAddsExactly} says. So a
     * step at duty 0 decides at most one boundary, a step at duty 1 that starts at t ≥ dt at most
     * two, and a step at another duty (but for such a vanishing one), or one at duty 1 near t = 0
     * that the exactness condition turns away, decides every boundary it holds. A boundary is in the step when it is more than
     * {@link ThreeWayValve#EPS_SECONDS} before the step's end (one exactly that far belongs to the
     * next step).
     */
    double advance(double tSeconds, double dtSeconds, double duty) {
        if (!pulseSkipping) {
            stroking = duty >= 0.5;
            return stroking ? 1.0 : 0.0;
        }
        double end = tSeconds + dtSeconds;
        double limit = end - ThreeWayValve.EPS_SECONDS;
        double segmentStart = tSeconds;
        double onTime = 0.0;
        boolean s = stroking;
        double boundary = nextBoundary * periodSeconds;
        int steadyChecks = 2; // duty 0 or 1 is steady within two decisions; other duties (but vanishing ones) never are
        while (boundary < limit) {
            if (boundary > segmentStart) {
                if (s) {
                    onTime += boundary - segmentStart;
                }
                segmentStart = boundary;
            }
            s = decide(duty);
            nextBoundary++;
            boundary = nextBoundary * periodSeconds;
            if (steadyChecks > 0 && boundary < limit) {
                steadyChecks--;
                if (steady(duty, s) && (!s || restAddsExactly(tSeconds, segmentStart, end, onTime))) {
                    passSteadyBoundaries(limit);
                    steadyPasses++;
                    break;
                }
            }
        }
        if (s) {
            onTime += end - segmentStart;
        }
        stroking = s;
        return onTime >= dtSeconds ? 1.0 : onTime / dtSeconds;
    }

    /**
     * Whether the decision is at a fixed point: the next boundary, with this duty, would stroke as
     * the last one did ({@code stroke}) and leave the accumulator with the same bits. The decision
     * being a function of the accumulator and the duty alone, every later boundary then does too.
     */
    private boolean steady(double duty, boolean stroke) {
        double next = accumulator + duty;
        boolean nextStroke = next >= 0.5;
        if (nextStroke) {
            next -= 1.0;
        }
        return nextStroke == stroke && Double.doubleToRawLongBits(next) == Double.doubleToRawLongBits(accumulator);
    }

    /**
     * Whether, the pump stroking from {@code segmentStart} to the step's end, adding the rest of
     * the step's segments one by one (b₁ − segmentStart, b₂ − b₁, …, end − bₙ, each rounded, as
     * {@link #advance} walks them) to {@code onTime} gives the same double as adding end −
     * segmentStart once. It does when every partial sum is a difference of two doubles within a
     * factor of two of each other, which Sterbenz's lemma makes exact: either nothing stroked
     * before ({@code onTime} = 0, partial sums b − segmentStart) and segmentStart ≥ end/2, or the
     * pump stroked from t ({@code onTime} = segmentStart − t exactly, partial sums b − t) and
     * t ≥ end/2. That holds for every step that starts after its own length (t ≥ dt); a step
     * near t = 0 is walked.
     */
    private static boolean restAddsExactly(double tSeconds, double segmentStart, double end, double onTime) {
        if (onTime == 0.0) {
            return 2.0 * segmentStart >= end;
        }
        return 2.0 * tSeconds >= end && onTime == segmentStart - tSeconds;
    }

    /**
     * At a fixed point ({@link #steady}): decides the boundaries before {@code limit} at once,
     * leaving {@link #nextBoundary} where the walk would, the first k with k/f ≥ limit: ceil(limit·f)
     * rounded, corrected by one where that rounding put it a boundary off ({@link #passCorrections()}).
     */
    private void passSteadyBoundaries(double limit) {
        long k = Math.max(nextBoundary, (long) Math.ceil(limit / periodSeconds));
        while (k > nextBoundary && (k - 1) * periodSeconds >= limit) {
            k--;
            passCorrections++;
        }
        while (k * periodSeconds < limit) {
            k++;
            passCorrections++;
        }
        nextBoundary = k;
    }

    /**
     * The reference's view: decides every boundary up to and including t (at most
     * {@link ThreeWayValve#EPS_SECONDS} after it, that far included) with the duty in force, so
     * that {@link #stroking()} holds from t until {@link #nextChangeSeconds}.
     */
    void reach(double tSeconds, double duty) {
        if (!pulseSkipping) {
            stroking = duty >= 0.5;
            return;
        }
        while (nextBoundary * periodSeconds <= tSeconds + ThreeWayValve.EPS_SECONDS) {
            stroking = decide(duty);
            nextBoundary++;
        }
    }

    /**
     * Decides the boundaries strictly before t (more than {@link ThreeWayValve#EPS_SECONDS} before
     * it) with the duty in force: the end of a reference step, whose last boundaries kept the stroke
     * state.
     */
    void settleBefore(double tSeconds, double duty) {
        if (!pulseSkipping) {
            return;
        }
        while (nextBoundary * periodSeconds < tSeconds - ThreeWayValve.EPS_SECONDS) {
            stroking = decide(duty);
            nextBoundary++;
        }
    }

    /**
     * The first boundary after the ones already decided, more than {@link ThreeWayValve#EPS_SECONDS}
     * before {@code horizonSeconds}, at which the stroke state would change with this duty;
     * {@code horizonSeconds} if none. It decides nothing: the drive is left as it was.
     */
    double nextChangeSeconds(double horizonSeconds, double duty) {
        if (!pulseSkipping) {
            return horizonSeconds;
        }
        double acc = accumulator;
        long k = nextBoundary;
        while (k * periodSeconds < horizonSeconds - ThreeWayValve.EPS_SECONDS) {
            acc += duty;
            boolean stroke = acc >= 0.5;
            if (stroke) {
                acc -= 1.0;
            }
            if (stroke != stroking) {
                return k * periodSeconds;
            }
            k++;
        }
        return horizonSeconds;
    }

    /** Over an idle jump to t whole mains cycles pass; the next boundary is the first at or after t. */
    void elapse(double tSeconds) {
        nextBoundary = Math.max(nextBoundary, (long) Math.ceil(tSeconds / periodSeconds - 1e-9));
    }

    /**
     * Mains boundaries decided one by one so far, by {@link #advance}, {@link #reach} and
     * {@link #settleBefore} (a rotary pump's relay decides none): the drive's work. Not part of
     * {@link State}; a restore leaves it counting.
     */
    long decisions() {
        return decisions;
    }

    /** Steps of {@link #advance} whose remaining boundaries were passed over at once. */
    long steadyPasses() {
        return steadyPasses;
    }

    /**
     * Boundaries by which the passes' first guess, ceil(limit·f), was corrected: at most one a pass
     * (the guess is off only where the rounding of limit·f or of k/f crosses an integer).
     */
    long passCorrections() {
        return passCorrections;
    }

    State state() {
        return new State(stroking, accumulator, nextBoundary);
    }

    void restore(State s) {
        stroking = s.stroking();
        accumulator = s.accumulator();
        nextBoundary = s.nextBoundary();
    }

    /** @param nextBoundary index k of the next undecided mains boundary k/f */
    record State(boolean stroking, double accumulator, long nextBoundary) {
    }
}
