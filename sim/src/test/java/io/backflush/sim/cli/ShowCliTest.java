package io.backflush.sim.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import javax.sound.sampled.AudioSystem;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** run --plot/--audio/--html, report and demo --out from the command line, and their bad input. */
class ShowCliTest {
    record Outcome(int code, String out, String err) {
    }

    static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BackflushCli.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Outcome(code, out.toString(), err.toString());
    }

    static List<String> tree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void runWritesPlotsAudioAndReport(@TempDir Path dir) throws Exception {
        Path plots = dir.resolve("plots");
        Path wav = dir.resolve("run.wav");
        Path html = dir.resolve("report");
        Outcome o = run("run", "--machine", "e61-hx", "--program", "water-5x10", "--plot", plots.toString(),
                "--audio", wav.toString(), "--html", html.toString());
        assertThat(o.err()).isEmpty();
        assertThat(o.code()).isZero();
        assertThat(tree(plots)).containsExactly("detergent.png", "detergent.svg", "exhaust.png", "exhaust.svg",
                "first-cycles.png", "first-cycles.svg", "pressure.png", "pressure.svg", "pump.png", "pump.svg",
                "residue.png", "residue.svg");
        assertThat(ImageIO.read(plots.resolve("pressure.png").toFile()).getHeight()).isEqualTo(700);
        assertThat(AudioSystem.getAudioFileFormat(wav.toFile()).getFormat().getSampleRate()).isEqualTo(44_100f);
        assertThat(tree(html)).contains("index.html", "backflush.wav", "charts/pressure.png");
        assertThat(tree(dir).stream().filter(n -> n.endsWith(".part"))).isEmpty();
    }

    @Test
    void reportWritesTheReportAndSaysWhere(@TempDir Path dir) {
        Path out = dir.resolve("r");
        Outcome o = run("report", "--machine", "rotary-commercial", "--program", "water-5x10", "--out", out.toString());
        assertThat(o.code()).isZero();
        assertThat(o.out()).contains(out.resolve("index.html").toString());
        assertThat(out.resolve("index.html")).isRegularFile();
    }

    @Test
    void aPlotDirectoryThatCannotBeCreatedIsBadInputAndNothingIsWritten(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        for (String flag : List.of("--plot", "--html")) {
            for (Path bad : List.of(file, file.resolve("sub"))) {
                Outcome o = run("run", "--machine", "single-boiler", "--program", "water-5x10", flag, bad.toString());
                assertThat(o.code()).as(flag + " " + bad).isEqualTo(2);
                assertThat(o.err().strip().lines()).hasSize(1);
                assertThat(o.err()).startsWith("backflush: " + flag);
                assertThat(o.out()).isEmpty();
            }
        }
        assertThat(tree(dir)).containsExactly("a-file");
    }

    @Test
    void aReadOnlyDirectoryIsBadInputAndNothingIsWritten(@TempDir Path dir) throws IOException {
        // /proc/self takes no new files from anyone, root included, so this runs where CI runs (as
        // root); a directory with its write bits cleared is read-only too, but only to other users
        Path procSelf = Path.of("/proc/self");
        assertThat(Files.isDirectory(procSelf) && !Files.isWritable(procSelf)).as("/proc/self is read-only").isTrue();
        Path locked = Files.createDirectory(dir.resolve("locked"));
        assertThat(locked.toFile().setWritable(false, false)).isTrue();
        try {
            List<Path> readOnly = Files.isWritable(locked) ? List.of(procSelf) : List.of(procSelf, locked);
            for (Path ro : readOnly) {
                for (String flag : List.of("--plot", "--html")) {
                    Outcome o = run("run", "--machine", "single-boiler", "--program", "water-5x10", flag,
                            ro.resolve("plots").toString());
                    assertThat(o.code()).as(flag + " " + ro).isEqualTo(2);
                    assertThat(o.err().strip().lines()).hasSize(1);
                    assertThat(o.err()).contains(flag).contains("cannot write in " + ro);
                    assertThat(o.out()).isEmpty();
                }
                Outcome audio = run("run", "--machine", "single-boiler", "--program", "water-5x10", "--audio",
                        ro.resolve("run.wav").toString());
                assertThat(audio.code()).isEqualTo(2);
                assertThat(audio.err()).contains("--audio").contains("cannot write in");
            }
        } finally {
            locked.toFile().setWritable(true, false);
        }
        assertThat(tree(dir)).isEmpty();
        assertThat(Files.exists(procSelf.resolve("plots"))).isFalse();
    }

    @Test
    void audioIntoAMissingDirectoryIsBadInputAndNothingIsWritten(@TempDir Path dir) throws IOException {
        Outcome o = run("run", "--machine", "single-boiler", "--program", "water-5x10", "--audio",
                dir.resolve("missing/run.wav").toString(), "--plot", dir.resolve("plots").toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err().strip().lines()).hasSize(1);
        assertThat(o.err()).contains("--audio").contains("does not exist");
        assertThat(tree(dir)).isEmpty();
        Outcome intoDir = run("run", "--machine", "single-boiler", "--program", "water-5x10", "--audio", dir.toString());
        assertThat(intoDir.code()).isEqualTo(2);
        assertThat(intoDir.err()).contains("is a directory");
    }
}
