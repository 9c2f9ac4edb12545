package io.backflush.sim.show;

import io.backflush.sim.cli.BackflushCli;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run that starts from a used machine (whose clock has run for days) keeps its traces on the
 * run's own time, so the report, the sound and the CSV line up with the cycle reports.
 */
class FouledRunShowTest {
    @Test
    void tracesOfAFouledRunStartAtZeroAndTheReportSeesTheResidueGo(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("trace.csv");
        StringWriter err = new StringWriter();
        int code = BackflushCli.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), "run",
                "--machine", "single-boiler", "--program", "detergent-5x10-rinse-5", "--fouled-days", "3",
                "--csv", csv.toString(), "--csv-every", "100", "--html", dir.resolve("report").toString());
        assertThat(code).as(err.toString()).isZero();

        List<String> rows = Files.readAllLines(csv);
        assertThat(Double.parseDouble(rows.get(1).split(",")[0])).isCloseTo(0.001, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(Double.parseDouble(rows.get(rows.size() - 1).split(",")[0])).isLessThanOrEqualTo(200.0);

        String text = Jsoup.parse(Files.readString(dir.resolve("report").resolve("index.html"), StandardCharsets.UTF_8)).text();
        Matcher removed = Pattern.compile("Residue removed: ([0-9.]+) mg of the ([0-9.]+) mg").matcher(text);
        assertThat(removed.find()).as(text).isTrue();
        double gone = Double.parseDouble(removed.group(1));
        double start = Double.parseDouble(removed.group(2));
        assertThat(start).isGreaterThan(50);
        assertThat(gone).isGreaterThan(0.5 * start).isLessThanOrEqualTo(start);

        short[] pcm = RunSoundTest.decode(Files.readAllBytes(dir.resolve("report").resolve("backflush.wav")));
        int loudest = 0;
        for (short s : pcm) {
            loudest = Math.max(loudest, Math.abs(s));
        }
        assertThat(loudest).as("the sound is not silent").isGreaterThan(5000);
    }
}
