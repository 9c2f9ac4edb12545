package io.backflush.sim.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@code --start} on run and serve, and a machine file's default start (docs/model.md, the defaults table). */
class StartOptionTest {
    private static CliTest.Outcome run(String... args) {
        return CliTest.run(args);
    }

    /** The boiler temperature of the first row of a run's trace. */
    private static double firstBoilerC(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv).stream().filter(l -> !l.startsWith("#")).toList();
        int column = Arrays.asList(lines.get(0).split(",")).indexOf("boiler_c");
        assertThat(column).isNotNegative();
        return Double.parseDouble(lines.get(1).split(",")[column]);
    }

    @Test
    void aBadStartIsRefusedWithOneLineAndExitCode2OnRunAndServe() {
        for (String command : List.of("run", "serve")) {
            CliTest.Outcome o = command.equals("run")
                    ? run("run", "--machine", "single-boiler", "--program", "water-5x10", "--start", "warm")
                    : run("serve", "--machine", "single-boiler", "--port", "0", "--start", "warm");
            assertThat(o.code()).as(command).isEqualTo(2);
            assertThat(o.err().strip()).as(command).isEqualTo("backflush: --start must be hot or cold, got 'warm'");
        }
    }

    @Test
    void aMachineFileSaysHowItStartsAndTheFlagOverridesIt(@TempDir Path dir) throws IOException {
        Path machine = dir.resolve("cold-gaggia.yaml");
        Files.writeString(machine, "preset: single-boiler\nstart: cold\n");
        Path csv = dir.resolve("t.csv");
        CliTest.Outcome cold = run("run", "--machine", machine.toString(), "--program", "water-5x10", "--csv", csv.toString(),
                "--csv-every", "1000");
        assertThat(cold.code()).as(cold.err()).isZero();
        assertThat(firstBoilerC(csv)).as("the machine file's cold start: the room").isCloseTo(22.0, within(0.5));
        CliTest.Outcome hot = run("run", "--machine", machine.toString(), "--program", "water-5x10", "--csv", csv.toString(),
                "--csv-every", "1000", "--start", "hot");
        assertThat(hot.code()).as(hot.err()).isZero();
        assertThat(firstBoilerC(csv)).as("--start hot over the file").isCloseTo(93.0, within(0.5));
        CliTest.Outcome preset = run("run", "--machine", "single-boiler", "--program", "water-5x10", "--csv",
                csv.toString(), "--csv-every", "1000");
        assertThat(preset.code()).isZero();
        assertThat(firstBoilerC(csv)).as("a preset starts hot").isCloseTo(93.0, within(0.5));

        Files.writeString(machine, "preset: single-boiler\nstart: warm\n");
        CliTest.Outcome bad = run("run", "--machine", machine.toString(), "--program", "water-5x10");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err().strip().lines().count()).isEqualTo(1);
        assertThat(bad.err()).contains(machine + ":2:").contains("start");
    }
}
