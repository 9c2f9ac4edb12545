package io.backflush.bench;

import io.backflush.core.cleaning.CleaningParameters;
import io.backflush.core.cleaning.Roast;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.Presets;
import io.backflush.sim.usage.MachineLife;
import io.backflush.sim.usage.StepPolicy;
import io.backflush.sim.usage.Strategies;
import io.backflush.sim.usage.Strategy;
import io.backflush.sim.usage.Usage;

import java.util.Locale;

/**
 * Counts the plant steps of {@link MachineYearBenchmark}'s three scenarios and the simulated
 * seconds they cover (a counting observer; no timing: the time per step is the benchmark's, and
 * {@code StepperBenchmark}'s). Run with
 * {@code java -cp bench/target/benchmarks.jar io.backflush.bench.MachineYearSteps}.
 */
public final class MachineYearSteps {
    private MachineYearSteps() {
    }

    public static void main(String[] args) {
        Machine machine = Machine.of(Presets.singleBoiler());
        Strategy daily = Strategies.find("detergent-daily").orElseThrow();
        Strategy none = Strategies.find("none").orElseThrow();
        count("cafeYear", machine, Usage.home(365, 150, Roast.MEDIUM), daily);
        count("cafeYearShotsOnly", machine, Usage.home(365, 150, Roast.MEDIUM), none);
        count("cafeYearCleaningOnly", machine, Usage.home(365, 0, Roast.MEDIUM), daily);
    }

    private static void count(String name, Machine machine, Usage usage, Strategy strategy) {
        long[] steps = new long[1];
        double[] stepped = new double[1];
        new MachineLife(machine, usage, strategy, 1L, StepPolicy.fast(), CleaningParameters.defaults(), (start, plant) -> {
            steps[0]++;
            stepped[0] += plant.timeSeconds() - start;
        }).run();
        System.out.printf(Locale.ROOT, "%-22s %,12d steps over %,10.0f s stepped (mean step %.2f ms)%n", name, steps[0],
                stepped[0], 1000 * stepped[0] / steps[0]);
    }
}
