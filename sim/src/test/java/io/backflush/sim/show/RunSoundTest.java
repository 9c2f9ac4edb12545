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
