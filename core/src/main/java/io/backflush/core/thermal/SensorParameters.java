package io.backflush.core.thermal;

import io.backflush.core.param.Require;

/**
 * The machine's sensors in engineering units: the temperature probes' lag, and the two pressure
 * sensors (one on the group, one on the pump–boiler line), which the transducer of firmware is
 * and what they add to the plant's pressures. The pressure sensors change only what is read
 * ({@code Plant.readSensors}, the HIL sensor frame), never the plant's state. Raw ADC counts belong
 * to the HIL layer.
 *
 * @param temperatureLagSeconds first-order time constant of the temperature probes, s. Estimate: a
 *                              sheathed thermocouple in a brass well, 1–5 s
 * @param pressureTransducer    where the firmware's pressure transducer sits (the one whose raw
 *                              ADC counts the HIL frame carries): {@code line} (a T after the pump,
 *                              where Gaggia and Silvia mods put it) or {@code group}. Default line
 * @param lineRippleBar         peak amplitude of the vibratory pump's pulsation at the mains
 *                              frequency on the line sensor while the pump strokes, bar (scaled by
 *                              the fraction of the step the pump ran; a rotary pump's line reads
 *                              none). Estimate: {@value #DEFAULT_LINE_RIPPLE_BAR} bar, tenths of a
 *                              bar on a line transducer next to an Ulka (no measured figure found)
 * @param pressureNoiseBar      standard deviation of the Gaussian noise on both pressure readings,
 *                              bar; 0 (the default) reads the pressures without noise. Estimate: a
 *                              ±0.25 % full-scale 0–12 bar transducer is about 0.03 bar
 * @param pressureResolutionBar step the pressure readings are rounded to, bar; 0 (the default) does
 *                              not round. E.g. 0.0005625 bar is one count of an ADS1115 at ±6.144 V
 *                              behind a 0.5–4.5 V, 0–12 bar transducer
 * @param noiseSeed             seed of the pressure noise: the same seed gives the same readings
 *                              (a HIL session mixes in its reset's seed)
 */
public record SensorParameters(double temperatureLagSeconds, PressurePlace pressureTransducer, double lineRippleBar,
                               double pressureNoiseBar, double pressureResolutionBar, long noiseSeed) {
    /** Default peak ripple on the line sensor of a vibratory pump, bar (estimate). */
    public static final double DEFAULT_LINE_RIPPLE_BAR = 0.2;

    public SensorParameters {
        Require.inRange(temperatureLagSeconds, 0.0, 600.0, "temperatureLagSeconds");
        if (pressureTransducer == null) {
            pressureTransducer = PressurePlace.LINE;
        }
        Require.inRange(lineRippleBar, 0.0, 5.0, "lineRippleBar");
        Require.inRange(pressureNoiseBar, 0.0, 5.0, "pressureNoiseBar");
        Require.inRange(pressureResolutionBar, 0.0, 5.0, "pressureResolutionBar");
    }

    /** Probes with this lag; the transducer on the line with the default ripple, no noise, no rounding. */
    public SensorParameters(double temperatureLagSeconds) {
        this(temperatureLagSeconds, PressurePlace.LINE, DEFAULT_LINE_RIPPLE_BAR, 0.0, 0.0, 0L);
    }

    /** Whether the pressure readings are the plant's pressures exactly (no ripple, noise or rounding). */
    public boolean idealPressure() {
        return lineRippleBar == 0.0 && pressureNoiseBar == 0.0 && pressureResolutionBar == 0.0;
    }

    public SensorParameters withPressure(PressurePlace transducer, double rippleBar, double noiseBar,
                                         double resolutionBar, long seed) {
        return new SensorParameters(temperatureLagSeconds, transducer, rippleBar, noiseBar, resolutionBar, seed);
    }
}
