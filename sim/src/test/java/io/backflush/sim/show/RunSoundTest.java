package io.backflush.sim.show;

import io.backflush.sim.run.CycleReport;
import org.junit.jupiter.api.Test;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class RunSoundTest {
    private static final double WINDOW = 0.25;

    @Test
    void theWavDecodesAs16BitMonoPcmAt44100HzAndLastsAsLongAsTheRun() throws Exception {
        ShownRun run = ShowRuns.demo();
        byte[] wav = ShowFiles.audio(run);
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(wav))) {
            AudioFormat f = in.getFormat();
            assertThat(f.getEncoding()).isEqualTo(AudioFormat.Encoding.PCM_SIGNED);
            assertThat(f.getSampleRate()).isEqualTo(44_100f);
            assertThat(f.getSampleSizeInBits()).isEqualTo(16);
            assertThat(f.getChannels()).isEqualTo(1);
            assertThat(f.isBigEndian()).isFalse();
            assertThat(in.getFrameLength() / 44_100.0).isCloseTo(run.result().simulatedSeconds(),
                    org.assertj.core.data.Offset.offset(0.01));
        }
    }

    @Test
    void theSameRunSoundsTheSame() {
        ShownRun run = ShowRuns.demo();
        assertThat(RunSound.render(run, 22_050, 0, 12)).isEqualTo(RunSound.render(run, 22_050, 0, 12));
    }

    @Test
    void loudnessDropsWhilePressureBuildsAndPeaksAtEveryWhoosh() throws Exception {
        ShownRun run = ShowRuns.demo();
        short[] pcm = decode(ShowFiles.audio(run));
        for (CycleReport c : run.cycles()) {
            double on = c.pumpOnAtSeconds();
            double quiet = on + c.quietAfterSeconds();
            double release = c.releaseAtSeconds();
            double start = rms(pcm, on + 0.1);
            double building = rms(pcm, on + 0.5 * (quiet - on));
            double plateau = rms(pcm, release - 1.0);
            double whoosh = rms(pcm, release + 0.02);
            double after = rms(pcm, release + 3.0);
            assertThat(building).as("cycle %d: quieter while pressure builds", c.index()).isLessThan(start);
            assertThat(plateau).as("cycle %d: quieter still at the plateau", c.index()).isLessThan(0.8 * building);
            assertThat(whoosh).as("cycle %d: the whoosh is the loudest moment", c.index())
                    .isGreaterThan(start).isGreaterThan(1.5 * plateau);
            double loudest = 0;
            for (double t = on; t + WINDOW < run.cycleEndSeconds(c.index() - 1); t += WINDOW / 2) {
                loudest = Math.max(loudest, rms(pcm, t));
            }
            assertThat(whoosh).as("cycle %d: peak window at the whoosh", c.index()).isGreaterThan(0.85 * loudest);
            // after the whoosh only the released group's gravity drain trickles into the drip tray
            assertThat(after).as("cycle %d: only a trickle after the whoosh", c.index()).isLessThan(0.1 * whoosh);
        }
    }

    /** The pump's quiet in decibels below its free-running buzz, cycle by cycle (start window over plateau window). */
    @Test
    void thePumpGoingQuietIsAtLeastTenDecibelsDown() throws Exception {
        ShownRun run = ShowRuns.demo();
        short[] pcm = decode(ShowFiles.audio(run));
        for (CycleReport c : run.cycles()) {
            double db = 20 * Math.log10(rms(pcm, c.pumpOnAtSeconds() + 0.1) / rms(pcm, c.releaseAtSeconds() - 1.0));
            System.out.printf(java.util.Locale.ROOT, "cycle %d: the quiet is %.1f dB below the running buzz%n", c.index(), db);
            assertThat(db).as("cycle %d", c.index()).isGreaterThanOrEqualTo(10.0);
        }
    }

    @Test
    void noStrokeRepeatsTheLastSampleForSample() throws Exception {
        ShownRun run = ShowRuns.demo();
        short[] pcm = decode(ShowFiles.audio(run));
        int period = 44_100 / 50;
        for (CycleReport c : run.cycles()) {
            // the plateau: the pump's loudness steady, no exhaust; and just after the pump starts
            for (double at : new double[] {c.releaseAtSeconds() - 1.5, c.pumpOnAtSeconds() + 0.2}) {
                int a = (int) Math.round(at * 44_100);
                double sum = 0;
                int strokes = 10;
                for (int stroke = 0; stroke < strokes; stroke++, a += period) {
                    double best = Double.MAX_VALUE;
                    // the best alignment of the next stroke with this one, allowing for its length to vary
                    for (int lag = period - 30; lag <= period + 30; lag++) {
                        best = Math.min(best, rmsDifference(pcm, a, a + lag, period));
                    }
                    double relative = best / rmsOf(pcm, a, period);
                    // a looped wave differs from its next period only by 16-bit rounding (below 0.001)
                    assertThat(relative).as("cycle %d at %.1f s, stroke %d", c.index(), at, stroke).isGreaterThan(0.005);
                    sum += relative;
                }
                assertThat(sum / strokes).as("cycle %d at %.1f s: mean stroke-to-stroke difference", c.index(), at)
                        .isGreaterThan(0.03);
            }
        }
    }

    @Test
    void theBuzzTurnsThinnerAndHarsherAsThePumpDeadHeads() throws Exception {
        ShownRun run = ShowRuns.demo();
        short[] pcm = decode(ShowFiles.audio(run));
        for (CycleReport c : run.cycles()) {
            double free = brightness(pcm, c.pumpOnAtSeconds() + 0.1);
            double deadHeaded = brightness(pcm, c.releaseAtSeconds() - 1.0);
            assertThat(deadHeaded).as("cycle %d", c.index()).isGreaterThan(1.1 * free);
        }
    }

    /** RMS of the first difference over RMS of the signal in a {@value #WINDOW} s window: grows with the spectrum's centroid. */
    private static double brightness(short[] pcm, double t) {
        int from = (int) Math.round(t * 44_100);
        int n = (int) Math.round(WINDOW * 44_100);
        double d = 0;
        for (int i = from + 1; i < from + n; i++) {
            d += Math.pow(pcm[i] - pcm[i - 1], 2);
        }
        return Math.sqrt(d / n) / rmsOf(pcm, from, n);
    }

    private static double rmsDifference(short[] pcm, int a, int b, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.pow(pcm[a + i] - pcm[b + i], 2);
        }
        return Math.sqrt(sum / n);
    }

    private static double rmsOf(short[] pcm, int from, int n) {
        double sum = 0;
        for (int i = from; i < from + n; i++) {
            sum += (double) pcm[i] * pcm[i];
        }
        return Math.sqrt(sum / n);
    }

    static short[] decode(byte[] wav) throws Exception {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(wav))) {
            byte[] bytes = in.readAllBytes();
            short[] out = new short[bytes.length / 2];
            for (int i = 0; i < out.length; i++) {
                out[i] = (short) ((bytes[2 * i] & 0xff) | (bytes[2 * i + 1] << 8));
            }
            return out;
        }
    }

    /** RMS (0..1) of the {@value #WINDOW} s window starting at {@code t}. */
    static double rms(short[] pcm, double t) {
        int from = (int) Math.round(t * 44_100);
        int to = Math.min(pcm.length, from + (int) Math.round(WINDOW * 44_100));
        double sum = 0;
        for (short s : Arrays.copyOfRange(pcm, from, to)) {
            sum += (s / 32768.0) * (s / 32768.0);
        }
        return Math.sqrt(sum / Math.max(1, to - from));
    }
}
