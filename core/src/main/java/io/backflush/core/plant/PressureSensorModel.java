package io.backflush.core.plant;

import io.backflush.core.hydraulics.PumpModel;
import io.backflush.core.machine.Machine;
import io.backflush.core.thermal.SensorParameters;

/**
 * What the machine's two pressure sensors make of the plant's pressures ({@link SensorParameters}):
 * on the line, the vibratory pump's pulsation at the mains frequency, A·φ·sin(2π·f·t) with φ the
 * fraction of the last step the pump ran; on both, Gaussian noise of σ bar; then rounding to the
 * resolution. The noise is a pure function of the seed, the reading's simulation time and the
 * sensor (a hash, not a generator's sequence), so a reading does not depend on how often the
 * sensors were read before, a restored snapshot reads what it read, and nothing is allocated.
 * Immutable; shared by a plant's readings.
 */
final class PressureSensorModel {
    private static final long GROUP_STREAM = 0x9E3779B97F4A7C15L;
    private static final long LINE_STREAM = 0xC2B2AE3D27D4EB4FL;

    private final double rippleBar;
    private final double mainsHz;
    private final double noiseBar;
    private final double resolutionBar;

    private PressureSensorModel(double rippleBar, double mainsHz, double noiseBar, double resolutionBar) {
        this.rippleBar = rippleBar;
        this.mainsHz = mainsHz;
        this.noiseBar = noiseBar;
        this.resolutionBar = resolutionBar;
    }

    /** The machine's pressure sensors, or null when they read the pressures exactly. */
    static PressureSensorModel of(Machine machine) {
        SensorParameters s = machine.parameters().sensors();
        boolean vibratory = machine.pump() instanceof PumpModel.Vibratory;
        double ripple = vibratory ? s.lineRippleBar() : 0.0;
        if (ripple == 0.0 && s.pressureNoiseBar() == 0.0 && s.pressureResolutionBar() == 0.0) {
            return null;
        }
        return new PressureSensorModel(ripple, vibratory ? machine.pump().mainsHz() : 0.0, s.pressureNoiseBar(),
                s.pressureResolutionBar());
    }

    double group(double bar, double timeSeconds, long seed) {
        return finish(bar, timeSeconds, seed ^ GROUP_STREAM);
    }

    double line(double bar, double runningFraction, double timeSeconds, long seed) {
        double v = bar;
        if (rippleBar > 0.0 && runningFraction > 0.0) {
            double cycles = mainsHz * timeSeconds;
            v += rippleBar * runningFraction * Math.sin(2.0 * Math.PI * (cycles - Math.floor(cycles)));
        }
        return finish(v, timeSeconds, seed ^ LINE_STREAM);
    }

    private double finish(double bar, double timeSeconds, long stream) {
        double v = bar;
        if (noiseBar > 0.0) {
            v += noiseBar * gaussian(stream, timeSeconds);
        }
        if (resolutionBar > 0.0) {
            v = Math.rint(v / resolutionBar) * resolutionBar;
        }
        return v;
    }

    /** A standard normal number for (stream, time): Box–Muller on two hashed uniforms. */
    static double gaussian(long stream, double timeSeconds) {
        long h = mix(stream + mix(Double.doubleToLongBits(timeSeconds)));
        long g = mix(h ^ 0x632BE59BD9B4E019L);
        double u1 = ((h >>> 11) + 1) * 0x1.0p-53; // (0, 1]
        double u2 = (g >>> 11) * 0x1.0p-53;       // [0, 1)
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    /** The SplitMix64 finaliser (Steele, Lea and Flood, 2014): a bijective 64-bit mix. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
