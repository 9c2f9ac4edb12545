package io.backflush.sim.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every output of run and compare is checked before the simulation, and refused with one line that says which. */
class OutputsCliTest {
    static final String[] COMPARE = {"compare", "--machine", "single-boiler", "--strategies", "none,water-daily",
            "--days", "2", "--shots-per-day", "3", "--fixed-shots"};
    static final String[] RUN = {"run", "--machine", "single-boiler", "--program", "water-5x10"};

    static ShowCliTest.Outcome cli(String[] base, String... more) {
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return ShowCliTest.run(args);
    }

    static void refusedBeforeTheRun(ShowCliTest.Outcome o, String flag, String says) {
        assertThat(o.code()).as(o.err()).isEqualTo(2);
        assertThat(o.err().strip().lines()).as(o.err()).hasSize(1);
        assertThat(o.err()).startsWith("backflush: " + flag + " ").contains(says);
        assertThat(o.out()).as("nothing simulated, no table").isEmpty();
    }

    @Test
    void anOutputUnderAFileIsRefusedSayingThatItIsAFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("passwd"), "x");
        String under = file.resolve("x.csv").toString();
        refusedBeforeTheRun(cli(COMPARE, "--csv", under), "--csv", file + " is a file, not a directory");
        refusedBeforeTheRun(cli(RUN, "--csv", under), "--csv", file + " is a file, not a directory");
        refusedBeforeTheRun(cli(RUN, "--audio", file.resolve("x.wav").toString()), "--audio", "is a file, not a directory");
        refusedBeforeTheRun(cli(COMPARE, "--plot", file.resolve("p").toString()), "--plot", "is a file, not a directory");
        refusedBeforeTheRun(cli(COMPARE, "--csv", dir.toString()), "--csv", "is a directory, not a file");
        assertThat(ShowCliTest.tree(dir)).containsExactly("passwd");
    }

    @Test
    void anOutputWhereNoFileCanBeCreatedIsRefusedBeforeTheRunEvenAsRoot() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux's /proc");
        refusedBeforeTheRun(cli(COMPARE, "--csv", "/proc/x.csv"), "--csv", "cannot write in /proc");
        refusedBeforeTheRun(cli(COMPARE, "--html", "/proc/x"), "--html", "cannot write in /proc");
        refusedBeforeTheRun(cli(RUN, "--html", "/proc/x"), "--html", "cannot write in /proc");
        refusedBeforeTheRun(cli(RUN, "--csv", "/proc/x.csv"), "--csv", "cannot write in /proc");
        refusedBeforeTheRun(cli(RUN, "--plot", "/proc/a/b"), "--plot", "cannot write in /proc");
        assertThat(Path.of("/proc/x")).doesNotExist();
    }

    @Test
    void emptyAndRepeatedStrategiesAreRefused() {
        ShowCliTest.Outcome empty = ShowCliTest.run("compare", "--machine", "single-boiler", "--strategies", "");
        assertThat(empty.code()).isEqualTo(2);
        assertThat(empty.err().strip()).isEqualTo("backflush: --strategies: an empty name in '' (see 'backflush strategies')");
        ShowCliTest.Outcome twice = ShowCliTest.run("compare", "--machine", "single-boiler", "--strategies", "none,water-daily,none");
        assertThat(twice.code()).isEqualTo(2);
        assertThat(twice.err().strip()).isEqualTo("backflush: --strategies: none is given twice");
    }

    @Test
    void csvFilesHaveTheSamePermissionsAsEveryOtherOutputAndRunSaysWhereEachFileWent(@TempDir Path dir)
            throws IOException {
        Path compareCsv = dir.resolve("compare.csv");
        ShowCliTest.Outcome c = cli(COMPARE, "--csv", compareCsv.toString());
        assertThat(c.code()).as(c.err()).isZero();
        // a 2 s program keeps the sound and the charts cheap
        Path shortProgram = Files.writeString(dir.resolve("short.yaml"),
                "phases:\n  - { kind: water, cycles: 1, pumpOnSeconds: 1, releaseSeconds: 1 }\n");
        String[] shortRun = {"run", "--machine", "single-boiler", "--program", shortProgram.toString()};
        Path trace = dir.resolve("trace.csv");
        Path wav = dir.resolve("run.wav");
        ShowCliTest.Outcome r = cli(shortRun, "--csv", trace.toString(), "--audio", wav.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        // with --json stdout stays one object; the files are listed on stderr, absolute, with their sizes
        assertThat(r.out().strip()).startsWith("{").endsWith("}");
        assertThat(r.err()).contains("trace: " + trace.toAbsolutePath() + " (").contains("sound: " + wav.toAbsolutePath() + " (")
                .contains(" kB)");
        Path plots = dir.resolve("plots");
        ShowCliTest.Outcome table = cli(shortRun, "--plot", plots.toString());
        assertThat(table.err()).isEmpty();
        assertThat(table.out()).contains("\ncharts: " + plots.toAbsolutePath() + "/ (PNG and SVG)\n");
        String png = mode(plots.resolve("pressure.png"));
        assertThat(List.of(mode(compareCsv), mode(trace), mode(wav))).containsOnly(png);
        assertThat(png).startsWith("rw-").contains("r--r");
        assertThat(ShowCliTest.tree(dir).stream().filter(n -> n.contains(".part") || n.contains("probe"))).isEmpty();
        assertThat(mode(shortProgram)).as("the test's own file, under the same umask").isEqualTo(png);
    }

    @Test
    void aHugeTraceIsAnnouncedBeforeTheRunAndTheEstimateIsNearTheRealSize(@TempDir Path dir) throws IOException {
        Path trace = dir.resolve("t.csv");
        ShowCliTest.Outcome r = cli(RUN, "--csv", trace.toString(), "--csv-every", "20");
        assertThat(r.code()).as(r.err()).isZero();
        long estimate = TraceSize.bytes(100.0, 0.001, 20);
        assertThat((double) Files.size(trace)).isBetween(0.7 * estimate, 1.3 * estimate);
        assertThat(r.err()).as("5 000 rows: no warning").isEmpty();
        StringWriter err = new StringWriter();
        TraceSize.warnIfLarge(new PrintWriter(err), trace, 100.0, 0.00002, 1);
        assertThat(err.toString()).startsWith("backflush: warning: --csv " + trace + " will be about 1.4 GB (5,000,001 rows); "
                + "--csv-every 8 keeps it under 200 MB");
        StringWriter thinned = new StringWriter();
        TraceSize.warnIfLarge(new PrintWriter(thinned), trace, 100.0, 0.00002, 8);
        assertThat(thinned.toString()).isEmpty();
    }

    static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
