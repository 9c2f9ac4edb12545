package io.backflush.sim.cli;

import io.backflush.core.machine.MachineFiles;
import io.backflush.core.machine.Presets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** machines --show: a preset as a complete machine file, with units and sources, that reads back to the preset. */
class MachineShowTest {
    @Test
    void everyPresetReadsBackBitForBitAndRunsIdentically(@TempDir Path dir) throws IOException {
        for (String name : Presets.all().keySet()) {
            ShowCliTest.Outcome shown = ShowCliTest.run("machines", "--show", name);
            assertThat(shown.code()).as(shown.err()).isZero();
            Path file = Files.writeString(dir.resolve(name + ".yaml"), shown.out());
            assertThat(MachineFiles.load(file).parameters()).as(name).isEqualTo(Presets.find(name).orElseThrow());
        }
        Path file = dir.resolve("e61-hx.yaml");
        ShowCliTest.Outcome preset = ShowCliTest.run("run", "--machine", "e61-hx", "--program", "water-5x10", "--json");
        ShowCliTest.Outcome fromFile = ShowCliTest.run("run", "--machine", file.toString(), "--program", "water-5x10", "--json");
        assertThat(fromFile.code()).as(fromFile.err()).isZero();
        assertThat(fromFile.out()).isEqualTo(preset.out());
    }

    @Test
    void everyProgramReadsBackAsItself() {
        for (String name : io.backflush.sim.program.Programs.all().keySet()) {
            ShowCliTest.Outcome shown = ShowCliTest.run("programs", "--show", name);
            assertThat(shown.code()).as(shown.err()).isZero();
            assertThat(shown.out()).contains("  - kind: ").contains(name.startsWith("descale")
                    ? "# s through the open group" : "# s against the blind basket");
            assertThat(io.backflush.sim.program.ProgramFiles.parse(name + ".yaml", shown.out()))
                    .isEqualTo(io.backflush.sim.program.Programs.find(name).orElseThrow());
        }
        assertThat(ShowCliTest.run("programs", "--show", "nope").err()).startsWith("backflush: --show: no program 'nope'");
    }

    @Test
    void everyStrategyReadsBackAsItselfWithItsOwnProgramsBesideIt(@TempDir Path dir) throws IOException {
        for (String name : io.backflush.sim.usage.Strategies.all().keySet()) {
            ShowCliTest.Outcome shown = ShowCliTest.run("strategies", "--show", name);
            assertThat(shown.code()).as(shown.err()).isZero();
            assertThat(shown.out()).contains("\ntasks:");
            // the programs of its own, as the file's closing comment says: each to NAME.yaml, uncommented
            String[] parts = shown.out().split("\n#\n# ");
            for (int i = 1; i < parts.length; i++) {
                String file = parts[i].substring(0, parts[i].indexOf(".yaml")) + ".yaml";
                String body = parts[i].lines().skip(1).map(l -> l.substring(2)).reduce("", (a, l) -> a + l + "\n");
                Files.writeString(dir.resolve(file), body);
            }
            assertThat(io.backflush.sim.usage.StrategyFiles.parse(name + ".yaml", shown.out(), dir))
                    .isEqualTo(io.backflush.sim.usage.Strategies.find(name).orElseThrow());
        }
        assertThat(ShowCliTest.run("strategies", "--show", "nope").err())
                .startsWith("backflush: --show: no strategy 'nope'");
    }

    @Test
    void everyParameterCarriesItsUnitAndSource() {
        String yaml = ShowCliTest.run("machines", "--show", "single-boiler").out();
        assertThat(yaml).startsWith("# machine file: preset single-boiler").contains("\npreset: \"single-boiler\"\n");
        assertThat(yaml).containsPattern("  crackingPressureBar: 9\\.0 +# bar; \\[S\\] 9–10 bar typical")
                .containsPattern("    diameterMm: 1\\.5 +# mm; \\[E\\] 1\\.2–1\\.5 mm")
                .containsPattern("  heaterPowerW: 1000\\.0 +# W; \\[S\\] 830–1000 W")
                .containsPattern("  lossConductanceWPerK: 0\\.5 +# W/K; \\[E\\] \\(see above\\)")
                .containsPattern("  dischargeCoefficient: 0\\.65 +# no unit; \\[E\\]");
        long numbers = yaml.lines().filter(l -> l.matches("\\s+\\w+: -?[0-9.]+.*")).count();
        long commented = yaml.lines().filter(l -> l.matches("\\s+\\w+: -?[0-9.]+ +# .+; .+")).count();
        assertThat(numbers).isGreaterThan(20);
        assertThat(commented).as(yaml).isEqualTo(numbers);
        ShowCliTest.Outcome bad = ShowCliTest.run("machines", "--show", "gaggia");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).startsWith("backflush: --show: no preset 'gaggia'; the presets are single-boiler");
    }
}
