package io.backflush.sim.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.backflush.sim.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** sweep's water and descaling axes refused on the command line: one line, exit 2, before any life runs. */
class ScaleSweepCommandTest {
    /** Ten years of 500 shots a day per point: a refusal that came after simulating would not come in a test's time. */
    private static final String LONG = "machine: single-boiler\nstrategy: cafe-descale-200l\n"
            + "usage: { days: 3650, shotsPerDay: 500, roast: medium }\nseeds: 1\naxes:\n";

    @Test
    void badWaterAndDescaleAxesAreOneLineAndExitTwoBeforeAnythingRuns(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("out");
        refused(dir, out, "hard.yaml", LONG + "  - name: hardnessMgPerL\n    values: [100, 300, 2000]\n",
                "hard.yaml:", "axes[0]", "point 2", "hardnessMgPerL");
        refused(dir, out, "acid.yaml", LONG.replace("cafe-descale-200l", "detergent-daily")
                + "  - name: acidGrams\n    values: [20, 40]\n", "acid.yaml:6:", "no descaling task");
        refused(dir, out, "litres.yaml", LONG + "  - name: tasks[1].everyLitres\n    from: 400\n    to: 100\n"
                + "    steps: 3\n", "litres.yaml:", "axes[0].to", "empty range");
        refused(dir, out, "typo.yaml", LONG + "  - name: hardness\n    values: [100]\n", "typo.yaml:6:",
                "unknown axis 'hardness'", "hardnessMgPerL");
        assertThat(Files.exists(out)).as("nothing written").isFalse();
    }

    private static void refused(Path dir, Path out, String name, String yaml, String... parts) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, yaml);
        CliTest.Outcome o = run("sweep", file.toString(), "--out", out.toString(), "--yes");
        assertThat(o.code()).as(o.err()).isEqualTo(2);
        assertThat(o.err().strip()).doesNotContain("\n").doesNotContain("Exception").startsWith("backflush: ");
        for (String p : parts) {
            assertThat(o.err()).contains(p);
        }
    }
}
