package io.backflush.sim.show;

import io.backflush.core.hydraulics.PumpModel;
import io.backflush.sim.signal.Signal;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;

/**
 * Renders what a run sounds like, in simulated time (one second of run, one second of sound), as
 * 16-bit PCM mono WAV. A rendering choice, not acoustics (see docs/model.md):
 * <ul>
 *   <li><b>the pump</b>: a vibratory pump strokes once per mains cycle, so its buzz is the mains
 *       frequency (50 Hz) with harmonics up to about 1 kHz, which small speakers can play; a rotary
 *       pump hums at its vane-passing rate instead. Its amplitude follows
 *       {@link Trace#pumpLoudness}: loud while the pump moves water freely, much quieter as pressure
 *       builds and its flow falls (about 12 dB down dead-headed on the OPV). Its tone changes as it
 *       labours ({@link #strain}): the upper harmonics gain on the fundamental, a thinner, harsher
 *       buzz (and a rotary pump's hum sags by up to {@value #ROTARY_SAG_FRACTION} of its pitch).
 *       No two strokes are the same: each stroke's amplitude and length vary a little, seeded,
 *       so the buzz does not loop sample for sample;</li>
 *   <li><b>the whoosh</b>: seeded noise (deterministic: the same run gives the same bytes), low-passed
 *       for water and brighter for air, its amplitude following the exhaust water and air flows.</li>
 * </ul>
 */
public final class RunSound {
    public static final int SAMPLE_RATE = 44_100;
    /** Sample rate of the excerpt embedded in the HTML report (keeps the page a few MB). */
    public static final int EXCERPT_SAMPLE_RATE = 22_050;
    /** Exhaust water flow heard at full whoosh loudness, ml/s. */
    static final double WHOOSH_FULL_ML_PER_S = 50.0;
    /** Exhaust air flow heard at full hiss loudness, atm-ml/s. */
    static final double HISS_FULL_ATM_ML_PER_S = 2500.0;
    public static final double PUMP_GAIN = 0.5;
    public static final double WHOOSH_GAIN = 0.85;
    public static final double HISS_GAIN = 0.45;
    private static final long SEED = 0x5EED_BAC_F1L;
    private static final double ROTARY_VANE_HZ = 145.0;
    /** Loudness of a running pump that moves no water, fraction of full (the solenoid or motor itself). */
    static final double PUMP_FLOOR = 0.08;
    /** Stroke-to-stroke amplitude variation, standard deviation as a fraction (a rendering choice). */
    static final double STROKE_AMPLITUDE_SD = 0.06;
    /** Stroke-to-stroke length variation, standard deviation as a fraction of the period (a rendering choice). */
    static final double STROKE_PERIOD_SD = 0.004;
    /** How far a rotary pump's hum falls in pitch dead-headed, fraction (a rendering choice). */
    static final double ROTARY_SAG_FRACTION = 0.03;
    /** How much less the upper harmonics fall off when the pump labours: exponent - this at full strain. */
    static final double STRAIN_EXPONENT_DROP = 0.5;

    private RunSound() {
    }

    /** The whole run at {@value #SAMPLE_RATE} Hz. */
    public static short[] render(ShownRun run) {
        return render(run, SAMPLE_RATE, 0.0, run.result().simulatedSeconds());
    }

    /** The part of the run from {@code fromSeconds} to {@code toSeconds} at the given sample rate. */
    public static short[] render(ShownRun run, int sampleRate, double fromSeconds, double toSeconds) {
        Trace t = run.trace();
        PumpModel pump = run.machine().pump();
        double[] loud = t.pumpLoudness(pump.freeFlowMlPerS());
        double[] strain = t.pumpStrain(pump.freeFlowMlPerS());
        double[] water = t.values(Signal.EXHAUST_WATER_ML_PER_S);
        double[] air = t.values(Signal.EXHAUST_AIR_ATM_ML_PER_S);
        double[] time = t.values(Signal.TIME_S);
        double fundamental = buzzHz(pump);
        double[] table = waveTable(buzzHarmonics(pump), buzzExponent(pump));
        double[] strained = waveTable(buzzHarmonics(pump), buzzExponent(pump) - STRAIN_EXPONENT_DROP);
        double sag = pump.pulseSkipping() ? 0.0 : ROTARY_SAG_FRACTION;
        int n = (int) Math.max(0, Math.round((toSeconds - fromSeconds) * sampleRate));
        short[] out = new short[n];
        SplittableRandom random = new SplittableRandom(SEED);
        SplittableRandom strokes = new SplittableRandom(SEED + 1);
        double strokeFrom = 1.0;
        double strokeTo = stroke(strokes);
        double strokeLength = 1.0 + STROKE_PERIOD_SD * gauss(strokes);
        double lowAlpha = 1 - Math.exp(-2 * Math.PI * 900.0 / sampleRate);
        double hissAlpha = 1 - Math.exp(-2 * Math.PI * 3000.0 / sampleRate);
        double low = 0;
        double low2 = 0;
        double hissLow = 0;
        int j = 0;
        double phase = 0;
        double phaseStep = fundamental / sampleRate;
        for (int i = 0; i < n; i++) {
            double ts = fromSeconds + (double) i / sampleRate;
            while (j + 1 < time.length && time[j + 1] <= ts) {
                j++;
            }
            double l = interpolate(time, loud, j, ts);
            double st = interpolate(time, strain, j, ts);
            double w = whooshLevel(interpolate(time, water, j, ts));
            double a = hissLevel(interpolate(time, air, j, ts));
            double buzz = 0;
            if (l > 0) {
                double p = phase * TABLE;
                int k = (int) p;
                double free = table[k] + (table[k + 1] - table[k]) * (p - k);
                double labouring = strained[k] + (strained[k + 1] - strained[k]) * (p - k);
                // this stroke's amplitude, eased from the last stroke's so that no step clicks
                double amplitude = strokeFrom + (strokeTo - strokeFrom) * phase;
                buzz = amplitude * ((1 - st) * free + st * labouring);
            }
            phase += phaseStep * (1 - sag * st) / strokeLength;
            if (phase >= 1) {
                phase -= 1;
                strokeFrom = strokeTo;
                strokeTo = stroke(strokes);
                strokeLength = 1.0 + STROKE_PERIOD_SD * gauss(strokes);
            }
            double white = random.nextDouble() * 2 - 1;
            low += lowAlpha * (white - low);
            low2 += lowAlpha * (low - low2);
            hissLow += hissAlpha * (white - hissLow);
            double whoosh = 5.0 * low2;
            double hiss = white - hissLow;
            double s = PUMP_GAIN * l * buzz + WHOOSH_GAIN * w * whoosh + HISS_GAIN * a * hiss;
            s = Math.tanh(1.5 * s) / Math.tanh(1.5);
            out[i] = (short) Math.round(Math.max(-1, Math.min(1, s)) * 0.92 * Short.MAX_VALUE);
        }
        return out;
    }

    /**
     * The pump's loudness, 0..1: silent when off; while running, a floor of {@value #PUMP_FLOOR} (the
     * motor or solenoid itself) plus the rest in proportion to the square of the flow it moves
     * relative to its free flow, so it falls clearly as the pump works against pressure (to about
     * 0.23 of full, 13 dB down, when an Ulka E5 dead-heads on the OPV at 40 % of its free flow). The
     * WAV and the live view's sound both follow it.
     */
    public static double pumpLoudness(double runningFraction, double flowMlPerS, double freeFlowMlPerS) {
        if (runningFraction <= 0) {
            return 0.0;
        }
        double relative = relativeFlow(runningFraction, flowMlPerS, freeFlowMlPerS);
        return runningFraction * (PUMP_FLOOR + (1 - PUMP_FLOOR) * relative * relative);
    }

    /**
     * How hard the pump labours, 0..1: 0 moving water freely (or stopped), towards 1 as its flow
     * falls to nothing; sets the buzz's tone.
     */
    public static double strain(double runningFraction, double flowMlPerS, double freeFlowMlPerS) {
        if (runningFraction <= 0) {
            return 0.0;
        }
        return 1.0 - relativeFlow(runningFraction, flowMlPerS, freeFlowMlPerS);
    }

    private static double relativeFlow(double runningFraction, double flowMlPerS, double freeFlowMlPerS) {
        return Math.min(1.0, Math.max(0.0, flowMlPerS / Math.max(runningFraction, 1e-9) / freeFlowMlPerS));
    }

    /** One stroke's amplitude: 1 on average, varied by {@value #STROKE_AMPLITUDE_SD} (sd), never below 0.7. */
    private static double stroke(SplittableRandom r) {
        return Math.max(0.7, 1.0 + STROKE_AMPLITUDE_SD * gauss(r));
    }

    /** A standard normal draw (Box-Muller), from the seeded generator only. */
    private static double gauss(SplittableRandom r) {
        double u = 1.0 - r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    /** The whoosh's loudness, 0..1: the exhaust water flow against {@value #WHOOSH_FULL_ML_PER_S} ml/s. */
    public static double whooshLevel(double exhaustWaterMlPerS) {
        return Math.min(1.0, Math.max(0.0, exhaustWaterMlPerS / WHOOSH_FULL_ML_PER_S));
    }

    /** The air hiss's loudness, 0..1: the exhaust air flow against {@value #HISS_FULL_ATM_ML_PER_S} atm-ml/s. */
    public static double hissLevel(double exhaustAirAtmMlPerS) {
        return Math.min(1.0, Math.max(0.0, exhaustAirAtmMlPerS / HISS_FULL_ATM_ML_PER_S));
    }

    /** The buzz's fundamental, Hz: the mains frequency for a vibratory pump, the vane rate for a rotary one. */
    public static double buzzHz(PumpModel pump) {
        return pump.pulseSkipping() ? pump.mainsHz() : ROTARY_VANE_HZ;
    }

    /** How many harmonics the buzz has: up to about 1 kHz, which small speakers can play (at most 20). */
    public static int buzzHarmonics(PumpModel pump) {
        return Math.max(1, (int) Math.min(20, 1000.0 / buzzHz(pump)));
    }

    /** Harmonic k of the buzz has amplitude k^-exponent: a bright buzz for a vibratory pump, a hum for a rotary. */
    public static double buzzExponent(PumpModel pump) {
        return pump.pulseSkipping() ? 0.7 : 1.5;
    }

    private static final int TABLE = 4096;

    /** One period of the buzz: harmonics k = 1..n with amplitude k^-exponent, fixed phases, peak 1. */
    private static double[] waveTable(int harmonics, double exponent) {
        double[] table = new double[TABLE + 1];
        double peak = 0;
        for (int i = 0; i <= TABLE; i++) {
            double x = 2 * Math.PI * i / TABLE;
            double v = 0;
            for (int k = 1; k <= harmonics; k++) {
                v += Math.pow(k, -exponent) * Math.sin(k * x + 0.3 * k * k);
            }
            table[i] = v;
            peak = Math.max(peak, Math.abs(v));
        }
        for (int i = 0; i <= TABLE; i++) {
            table[i] /= peak;
        }
        return table;
    }

    private static double interpolate(double[] time, double[] v, int j, double ts) {
        if (time.length == 0) {
            return 0.0;
        }
        if (ts <= time[0]) {
            return v[0] * Math.max(0.0, ts / time[0]);
        }
        if (j + 1 >= time.length) {
            return v[time.length - 1];
        }
        double f = (ts - time[j]) / (time[j + 1] - time[j]);
        return v[j] + (v[j + 1] - v[j]) * Math.max(0, Math.min(1, f));
    }

    /** 16-bit PCM mono little-endian WAV bytes, written with {@code javax.sound.sampled}. */
    public static byte[] wav(short[] samples, int sampleRate) {
        byte[] pcm = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            pcm[2 * i] = (byte) samples[i];
            pcm[2 * i + 1] = (byte) (samples[i] >> 8);
        }
        AudioFormat format = new AudioFormat(sampleRate, 16, 1, true, false);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(pcm.length + 64);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), format, samples.length)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
