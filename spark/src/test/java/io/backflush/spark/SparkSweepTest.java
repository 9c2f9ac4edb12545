package io.backflush.spark;

import io.backflush.sim.sweep.SweepFiles;
import io.backflush.sim.sweep.SweepResult;
import io.backflush.sim.sweep.SweepRunner;
import io.backflush.sim.sweep.SweepTables;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The same sweep on Spark in local mode ({@code local[2]}) and on the local runner: the same result. */
class SparkSweepTest {
    static final String SWEEP = "machine: single-boiler\nstrategy: water-daily-detergent-weekly\n"
            + "usage: { days: 2, shotsPerDay: 3, roast: dark }\nseeds: 2\ndesign: latin-hypercube\nsamples: 3\nseed: 5\n"
            + "axes:\n  - name: tasks[1].detergentGrams\n    from: 1\n    to: 4\n"
            + "  - name: tasks[0].phases[0].releaseSeconds\n    from: 4\n    to: 12\n"
            + "  - name: everyDays\n    values: [1, 2]\n";

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void sparkLocalModeGivesTheLocalRunnersResultBitForBit(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, SWEEP);
        SweepResult local = SweepRunner.run(SweepFiles.load(file), 2, done -> { });
        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("backflush-test")
                .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.ui.enabled", "false");
        SweepResult spark;
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            spark = SparkSweep.run(sc, file);
        }
        assertThat(spark.points()).hasSize(3);
        assertThat(new String(SweepTables.json(spark), StandardCharsets.UTF_8))
                .isEqualTo(new String(SweepTables.json(local), StandardCharsets.UTF_8));
        assertThat(SweepTables.csv(spark)).isEqualTo(SweepTables.csv(local));
        // and the points differ from each other: the equality above is not that of empty results
        assertThat(spark.points().get(0).figures()).isNotEqualTo(spark.points().get(1).figures());
    }

    @Test
    void badInputIsOneLineAndExitTwoBeforeSparkStarts(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, SWEEP.replace("everyDays", "everyWeeks"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SparkSweep.execute(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true),
                file.toString(), "--out", dir.resolve("out").toString(), "--master", "local[1]");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("backflush-spark: ").contains("bad.yaml:15:5: axes[2].name: unknown axis")
                .doesNotContain("Exception");
        Path ok = dir.resolve("ok.yaml");
        Files.writeString(ok, SWEEP);
        ByteArrayOutputStream err2 = new ByteArrayOutputStream();
        assertThat(SparkSweep.execute(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err2, true),
                ok.toString(), "--out", ok.resolve("under-a-file").toString(), "--max-points", "10")).isEqualTo(2);
        assertThat(err2.toString(StandardCharsets.UTF_8)).contains("is a file");
        assertThat(SparkSweep.execute(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err2, true),
                ok.toString(), "--out", dir.resolve("out").toString(), "--max-points", "2")).isEqualTo(2);
        assertThat(err2.toString(StandardCharsets.UTF_8)).contains("3 points, more than the limit of 2");
        assertThat(Files.exists(dir.resolve("out"))).isFalse();
    }
}
