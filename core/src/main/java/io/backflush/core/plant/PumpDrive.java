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
     */
    double advance(double tSeconds, double dtSeconds, double duty) {
        if (!pulseSkipping) {
            stroking = duty >= 0.5;
            return stroking ? 1.0 : 0.0;
        }
        double end = tSeconds + dtSeconds;
        double segmentStart = tSeconds;
        double onTime = 0.0;
        boolean s = stroking;
        double boundary = nextBoundary * periodSeconds;
        while (boundary < end - ThreeWayValve.EPS_SECONDS) {
            if (boundary > segmentStart) {
                if (s) {
                    onTime += boundary - segmentStart;
                }
                segmentStart = boundary;
            }
            s = decide(duty);
            nextBoundary++;
            boundary = nextBoundary * periodSeconds;
        }
        if (s) {
            onTime += end - segmentStart;
        }
        stroking = s;
        return onTime >= dtSeconds ? 1.0 : onTime / dtSeconds;
    }

    /**
     * The reference's view: decides every boundary up to and including t (within
     * {@link ThreeWayValve#EPS_SECONDS}) with the duty in force, so that {@link #stroking()} holds
     * from t until {@link #nextChangeSeconds}.
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
     * Decides the boundaries strictly before t (more than {@link ThreeWayValve#EPS_SECONDS}) with
     * the duty in force: the end of a reference step, whose last boundaries kept the stroke state.
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
     * The first boundary after the ones already decided, before {@code horizonSeconds}, at which
     * the stroke state would change with this duty; {@code horizonSeconds} if none.
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
