package io.backflush.sim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.backflush.sim.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code backflush sweep FILE}, through the command line. */
class SweepCommandTest {
    static final String SMALL = "machine: single-boiler\nstrategy: detergent-daily\n"
            + "usage: { days: 2, shotsPerDay: 4, roast: medium }\nseeds: 3\naxes:\n"
            + "  - name: tasks[0].detergentGrams\n    values: [1, 3]\n"
            + "  - name: tasks[0].phases[0].cycles\n    values: [1, 4]\n";

    @Test
    void aSmallSweepWritesEveryFileAndTheSameForOneAndTwoThreads(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("dose.yaml");
        Files.writeString(file, SMALL);
        CliTest.Outcome one = run("sweep", file.toString(), "--out", dir.resolve("one").toString(), "--threads", "1");
        assertThat(one.code()).as(one.err()).isZero();
        assertThat(one.err()).as("no progress bar off a terminal").isEmpty();
        assertThat(one.out()).contains("sweep dose on single-boiler: 4 points × 3 seeds").contains("Pareto front");
        CliTest.Outcome two = run("sweep", file.toString(), "--out", dir.resolve("two").toString(), "--threads", "2");
        assertThat(two.code()).as(two.err()).isZero();
        for (String name : List.of("points.csv", "points.json", "front.csv", "index.html")) {
            assertThat(Files.readAllBytes(dir.resolve("two").resolve(name)))
                    .as(name + " with 1 and 2 threads").isEqualTo(Files.readAllBytes(dir.resolve("one").resolve(name)));
        }
        JsonNode root = new ObjectMapper().readTree(dir.resolve("one").resolve("points.json").toFile());
        assertThat(root.get("points")).hasSize(4);
        JsonNode p3 = root.get("points").get(3);
        assertThat(p3.get("parameters").get("tasks[0].detergentGrams").asDouble()).isEqualTo(3.0);
        assertThat(p3.get("parameters").get("tasks[0].phases[0].cycles").asInt()).isEqualTo(4);
        JsonNode detergent = p3.get("figures").get("detergentUsedG");
        assertThat(detergent.get("mean").asDouble()).isEqualTo(6.0); // 3 g on each of 2 evenings, every seed
        assertThat(detergent.get("sd").asDouble()).isZero();
        // more detergent cycles cost more water than fewer at the same dose
        assertThat(p3.get("figures").get("waterUsedMl").get("mean").asDouble())
                .isGreaterThan(root.get("points").get(2).get("figures").get("waterUsedMl").get("mean").asDouble());
        List<String> csv = Files.readAllLines(dir.resolve("one").resolve("points.csv"));
        assertThat(csv).hasSize(5);
        assertThat(csv.get(0)).startsWith("index,tasks[0].detergentGrams,tasks[0].phases[0].cycles,pareto,mean_cup_penalty,"
                + "mean_cup_penalty_sd,mean_cup_penalty_ci95_low,mean_cup_penalty_ci95_high").endsWith(",seeds");
        assertThat(csv.get(4)).startsWith("3,3.0,4,");
        assertThat(Files.readAllLines(dir.resolve("one").resolve("front.csv")))
                .hasSize(1 + root.get("front").size());
        var page = Jsoup.parse(Files.readString(dir.resolve("one").resolve("index.html"), StandardCharsets.UTF_8));
        assertThat(page.getElementById("chart-sweep-front-water")).isNotNull();
        assertThat(page.getElementById("chart-sweep-axis-2-tasks-0-phases-0-cycles")).isNotNull();
        assertThat(page.select("link, script[src]")).isEmpty();
        assertThat(Files.exists(dir.resolve("one").resolve("charts").resolve("sweep-front-minutes.svg"))).isTrue();
    }

    @Test
    void badInputIsOneLineExitTwoAndNothingWritten(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("out");
        Path unknown = dir.resolve("unknown.yaml");
        Files.writeString(unknown, SMALL.replace("tasks[0].phases[0].cycles", "tasks[0].phases[0].scrubSeconds"));
        refused(run("sweep", unknown.toString(), "--out", out.toString()), "unknown.yaml:8:", "unknown axis");

        Path empty = dir.resolve("empty.yaml");
        Files.writeString(empty, SMALL.replace("values: [1, 4]", "values: []"));
        refused(run("sweep", empty.toString(), "--out", out.toString()), "empty.yaml:9:", "empty range");

        // 5 × 5 × 4 = 100 points of a very long life each: refused above the limit before anything runs
        Path big = dir.resolve("big.yaml");
        Files.writeString(big, "machine: single-boiler\nstrategy: detergent-daily\n"
                + "usage: { days: 3650, shotsPerDay: 500, roast: medium }\nseeds: 50\nmaxPoints: 50\naxes:\n"
                + "  - name: cycles\n    from: 1\n    to: 5\n    steps: 5\n"
                + "  - name: pumpOnSeconds\n    from: 5\n    to: 15\n    steps: 5\n"
                + "  - name: roast\n    values: [light, medium, dark, light]\n");
        refused(run("sweep", big.toString(), "--out", out.toString()), "100 points × 50 seeds", "--yes");
        refused(run("sweep", big.toString(), "--out", out.toString(), "--max-points", "99"), "limit of 99 points");

        Path ok = dir.resolve("ok.yaml");
        Files.writeString(ok, SMALL);
        refused(run("sweep", ok.toString(), "--out", "/proc/backflush-sweep"), "--out", "cannot write");
        Path aFile = dir.resolve("a-file");
        Files.writeString(aFile, "x");
        refused(run("sweep", ok.toString(), "--out", aFile.toString()), "--out", "is a file");
        refused(run("sweep", dir.resolve("missing.yaml").toString(), "--out", out.toString()), "missing.yaml");
        refused(run("sweep", ok.toString(), "--out", out.toString(), "--threads", "0"), "--threads");
        assertThat(Files.exists(out)).as("nothing written").isFalse();
    }

    private static void refused(CliTest.Outcome o, String... parts) {
        assertThat(o.code()).as(o.err()).isEqualTo(2);
        assertThat(o.err().strip()).doesNotContain("\n").doesNotContain("Exception").startsWith("backflush: ");
        for (String p : parts) {
            assertThat(o.err()).contains(p);
        }
        assertThat(o.out()).isEmpty();
    }
}
