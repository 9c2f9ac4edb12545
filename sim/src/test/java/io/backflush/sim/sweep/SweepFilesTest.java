package io.backflush.sim.sweep;

import io.backflush.core.param.ParameterFileException;
import io.backflush.core.support.Seeds;
import io.backflush.sim.program.Phase;
import io.backflush.sim.usage.Strategy;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.generators.SourceDSL.integers;

/** Sweep files: the points they give, what they set, and how bad ones are refused. */
class SweepFilesTest {
    static final String HEAD = "machine: single-boiler\nstrategy: water-daily-detergent-weekly\n"
            + "usage: { days: 2, shotsPerDay: 3, roast: medium }\nseeds: 2\n";

    static Sweep parse(String body) {
        return SweepFiles.parse("s.yaml", HEAD + body, null);
    }

    @Test
    void aGridIsEveryCombinationLastAxisFastest() {
        Sweep s = parse("axes:\n  - name: cycles\n    values: [3, 5]\n"
                + "  - name: tasks[1].detergentGrams\n    from: 1\n    to: 2\n    steps: 3\n");
        assertThat(s.points()).hasSize(6);
        assertThat(s.points().get(0)).isEqualTo(Map.of("cycles", 3, "tasks[1].detergentGrams", 1.0));
        assertThat(s.points().get(1)).isEqualTo(Map.of("cycles", 3, "tasks[1].detergentGrams", 1.5));
        assertThat(s.points().get(5)).isEqualTo(Map.of("cycles", 5, "tasks[1].detergentGrams", 2.0));
        assertThat(s.seeds()).containsExactly(1L, 2L);
        // what the point sets: cycles of every phase of every task, the dose of task 1 only
        Strategy at4 = s.strategyAt(4);
        for (var task : at4.tasks()) {
            assertThat(task.program().phases()).extracting(Phase::cycles).containsOnly(5);
        }
        assertThat(at4.tasks().get(0).detergentGrams()).isZero();
        assertThat(at4.tasks().get(1).detergentGrams()).isEqualTo(1.5);
        assertThat(at4.tasks().get(1).everyDays()).isEqualTo(7);
        assertThat(at4.tasks().get(1).replacesDaily()).isTrue();
    }

    @Test
    void narrowedAxesSetOnePhaseAndUsageAxesTheUsage() {
        Sweep s = parse("axes:\n  - name: tasks[1].phases[1].pumpOnSeconds\n    values: [7.5]\n"
                + "  - name: roast\n    values: [dark]\n  - name: shotsPerDay\n    values: [12]\n");
        List<Phase> phases = s.strategyAt(0).tasks().get(1).program().phases();
        assertThat(phases.get(0).pumpOnSeconds()).isEqualTo(10.0);
        assertThat(phases.get(1).pumpOnSeconds()).isEqualTo(7.5);
        assertThat(s.strategyAt(0).tasks().get(0).program().phases().get(0).pumpOnSeconds()).isEqualTo(10.0);
        assertThat(s.usageAt(0).roast().label()).isEqualTo("dark");
        assertThat(s.usageAt(0).shotsPerDay()).isEqualTo(12.0);
        assertThat(s.usageAt(0).days()).isEqualTo(2);
    }

    @Test
    void latinHypercubeUsesEveryStratumOfEveryAxisOnce() {
        Seeds.theory("latin-hypercube", 50).forAll(integers().between(1, 60), integers().between(0, 1_000_000))
                .checkAssert((n, seed) -> {
                    Sweep s = parse("design: latin-hypercube\nsamples: " + n + "\nseed: " + seed + "\naxes:\n"
                            + "  - name: pumpOnSeconds\n    from: 2\n    to: 12\n"
                            + "  - name: tasks[1].detergentGrams\n    from: 0\n    to: 5\n");
                    assertThat(s.points()).hasSize(n);
                    for (var axis : List.of(new double[] {2, 12, 0}, new double[] {0, 5, 1})) {
                        String name = axis[2] == 0 ? "pumpOnSeconds" : "tasks[1].detergentGrams";
                        Set<Integer> strata = new HashSet<>();
                        for (var p : s.points()) {
                            double v = (Double) p.get(name);
                            assertThat(v).isBetween(axis[0], axis[1]);
                            strata.add((int) Math.min(n - 1, Math.floor((v - axis[0]) / (axis[1] - axis[0]) * n)));
                        }
                        assertThat(strata).as("%s: %d strata of %d samples", name, strata.size(), n).hasSize(n);
                    }
                    // the same file gives the same points; another seed others
                    assertThat(parse("design: latin-hypercube\nsamples: " + n + "\nseed: " + seed
                            + "\naxes:\n  - name: pumpOnSeconds\n    from: 2\n    to: 12\n"
                            + "  - name: tasks[1].detergentGrams\n    from: 0\n    to: 5\n").points()).isEqualTo(s.points());
                });
    }

    @Test
    void randomSamplesAreSeededAndRoundedForWholeNumbers() {
        String body = "design: random\nsamples: 30\nseed: 4\naxes:\n  - name: everyDays\n    from: 1\n    to: 14\n";
        Sweep a = parse(body);
        assertThat(a.points()).hasSize(30).isEqualTo(parse(body).points());
        assertThat(a.points()).extracting(p -> p.get("everyDays")).allSatisfy(v -> assertThat((Integer) v).isBetween(1, 14));
        assertThat(parse(body.replace("seed: 4", "seed: 5")).points()).isNotEqualTo(a.points());
    }

    @Test
    void theExampleSweepFilesRead() throws java.io.IOException {
        // docs/sweeps.md and the README run these; the build runs from the module's directory
        java.nio.file.Path dir = java.nio.file.Path.of("..", "examples", "sweeps");
        try (var files = java.nio.file.Files.list(dir)) {
            List<java.nio.file.Path> yaml = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
            assertThat(yaml).hasSize(3);
            Sweep descale = SweepFiles.load(dir.resolve("descale-interval.yaml"));
            assertThat(descale.points()).hasSize(12);
            assertThat(descale.waterAt(11).hardnessMgPerL()).isEqualTo(300.0);
            assertThat(descale.waterAt(11).alkalinityMgPerL()).isEqualTo(125.0);
            assertThat(descale.strategyAt(11).tasks().get(1).everyLitres()).isEqualTo(800.0);
            Sweep dose = SweepFiles.load(dir.resolve("detergent-dose.yaml"));
            assertThat(dose.points()).hasSize(12);
            assertThat(dose.seeds()).hasSize(3);
            Sweep lhs = SweepFiles.load(dir.resolve("lhs-timing.yaml"));
            assertThat(lhs.points()).hasSize(24);
            assertThat(lhs.design()).isEqualTo(Design.LATIN_HYPERCUBE);
        }
    }

    @Test
    void badFilesNameTheLineAndTheField() {
        refused("axes:\n  - name: scrubbing\n    values: [1]\n", "s.yaml:6:", "axes[0].name", "unknown axis 'scrubbing'",
                "cycles, pumpOnSeconds");
        refused("axes:\n  - name: cycles\n    values: []\n", "axes[0].values", "empty range");
        refused("axes:\n  - name: cycles\n    from: 5\n    to: 3\n    steps: 2\n", "axes[0].to", "empty range");
        refused("axes:\n  - name: cycles\n    from: 3\n    to: 5\n    steps: 0\n", "axes[0].steps", "empty range");
        refused("axes:\n  - name: tasks[2].cycles\n    values: [1]\n", "has 2 tasks");
        refused("axes:\n  - name: tasks[0].phases[1].cycles\n    values: [1]\n", "has 1 phase");
        refused("axes:\n  - name: tasks[0].shotsPerDay\n    values: [1]\n", "unknown axis");
        refused("axes:\n  - name: cycles\n    values: [2.5]\n", "whole numbers");
        refused("axes:\n  - name: cycles\n    values: [0, 3]\n", "axes[0]", "point 0", "cycles");
        refused("axes:\n  - name: roast\n    values: [burnt]\n", "axes[0].values[0]", "unknown roast");
        refused("axes:\n  - name: cycles\n    values: [1]\n  - name: cycles\n    values: [2]\n", "given twice");
        refused("axes: []\n", "axes", "non-empty");
        refused("design: sobol\naxes:\n  - name: cycles\n    values: [1]\n", "design", "unknown design");
        refused("samples: 3\naxes:\n  - name: cycles\n    values: [1]\n", "samples", "random or latin-hypercube");
        refused("design: random\nsamples: 3\naxes:\n  - name: cycles\n    from: 1\n    to: 3\n    steps: 3\n",
                "axes[0].steps", "is for a grid");
        refused("axes:\n  - name: cycles\n    from: 1\n    to: 3\n", "needs steps");
        refused("frobnicate: 1\naxes:\n  - name: cycles\n    values: [1]\n", "frobnicate", "unknown field");
        refused("axes:\n  - name: cycles\n    from: 1\n    to: 100000\n    steps: 100000\n"
                + "  - name: pumpOnSeconds\n    from: 1\n    to: 10\n    steps: 10\n", "1000000 points");
        assertThatThrownBy(() -> SweepFiles.parse("s.yaml", "machine: nope\nstrategy: none\n", null))
                .isInstanceOf(ParameterFileException.class).hasMessageContaining("machine").hasMessageContaining("nope");
    }

    private static void refused(String body, String... parts) {
        assertThatThrownBy(() -> parse(body)).isInstanceOf(ParameterFileException.class).satisfies(e -> {
            for (String p : parts) {
                assertThat(e.getMessage()).contains(p);
            }
            assertThat(e.getMessage()).doesNotContain("\n").startsWith("s.yaml:");
        });
    }
}
