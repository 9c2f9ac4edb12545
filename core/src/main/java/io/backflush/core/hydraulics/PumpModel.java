package io.backflush.core.hydraulics;

import io.backflush.core.param.InvalidParameterException;

import java.nio.file.Path;

/**
 * A pump's steady characteristic while it runs: flow delivered against outlet gauge pressure,
 * never negative (a check valve stops back-flow through a stopped or stalled pump).
 */
public abstract sealed class PumpModel permits PumpModel.Vibratory, PumpModel.Rotary {

    /** Flow delivered at the outlet gauge pressure, ml/s. */
    public abstract double flowMlPerS(double outletBar);

    /** Outlet gauge pressure at which the delivered flow reaches zero, bar. */
    public abstract double zeroFlowPressureBar();

    /** Flow at 0 bar, ml/s. */
    public final double freeFlowMlPerS() {
        return flowMlPerS(0.0);
    }

    /**
     * Whether the pump strokes (or runs) during a mains cycle, given the commanded duty: the
     * vibratory pump is driven by pulse skipping, the rotary pump by a relay.
     */
    public abstract boolean pulseSkipping();

    /** Mains frequency driving the pump, Hz (strokes per second for a vibratory pump). */
    public abstract double mainsHz();

    public static PumpModel of(PumpParameters parameters, Path baseDirectory) {
        if (parameters instanceof VibratoryPumpParameters v) {
            return new Vibratory(v, PumpCurve.resolve(v.curve(), baseDirectory));
        }
        if (parameters instanceof RotaryPumpParameters r) {
            return new Rotary(r);
        }
        throw new InvalidParameterException("pump", "unknown pump type " + parameters);
    }

    /** Vibratory pump: the measured curve scaled by the stroke rate. */
    public static final class Vibratory extends PumpModel {
        private final PumpCurve curve;
        private final double scale;
        private final double mainsHz;

        Vibratory(VibratoryPumpParameters parameters, PumpCurve curve) {
            this.curve = curve;
            this.scale = parameters.mainsHz() / parameters.curveMeasuredAtHz();
            this.mainsHz = parameters.mainsHz();
        }

        @Override
        public double flowMlPerS(double outletBar) {
            return scale * curve.flowMlPerS(outletBar);
        }

        @Override
        public double zeroFlowPressureBar() {
            return curve.stallPressureBar();
        }

        @Override
        public boolean pulseSkipping() {
            return true;
        }

        @Override
        public double mainsHz() {
            return mainsHz;
        }
    }

    /** Rotary pump with bypass. */
    public static final class Rotary extends PumpModel {
        private final RotaryPumpParameters p;

        Rotary(RotaryPumpParameters parameters) {
            this.p = parameters;
        }

        @Override
        public double flowMlPerS(double outletBar) {
            double excess = outletBar - p.bypassPressureBar();
            if (excess <= 0) {
                return p.nominalFlowMlPerS();
            }
            return Math.max(0.0, p.nominalFlowMlPerS() - p.bypassGainMlPerSBar() * excess);
        }

        @Override
        public double zeroFlowPressureBar() {
            return p.bypassPressureBar() + p.nominalFlowMlPerS() / p.bypassGainMlPerSBar();
        }

        @Override
        public boolean pulseSkipping() {
            return false;
        }

        @Override
        public double mainsHz() {
            return 50.0;
        }
    }
}
