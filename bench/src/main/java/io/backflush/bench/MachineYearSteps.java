package io.backflush.bench;

import io.backflush.core.cleaning.CleaningParameters;
import io.backflush.core.cleaning.Roast;
import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.Presets;
import io.backflush.core.plant.Plant;
import io.backflush.core.plant.SolverStats;
import io.backflush.sim.usage.LifeResult;
import io.backflush.sim.usage.MachineLife;
import io.backflush.sim.usage.StepPolicy;
import io.backflush.sim.usage.Strategies;
import io.backflush.sim.usage.Strategy;
import io.backflush.sim.usage.Usage;

import java.util.Locale;

/**
 * Counts the plant steps of {@link MachineYearBenchmark}'s three scenarios and the simulated
 * seconds they cover (a counting observer; no timing: the time per step is the benchmark's, and
 * {@code StepperBenchmark}'s), split into shot steps (a puck in the basket) and the rest
 * (cleaning cycles), under {@link StepPolicy#fast()} and, to compare, the change-only rule before
 * it ({@link StepPolicy#changeOnly()}). Run with
 * {@code java -cp bench/target/benchmarks.jar io.backflush.bench.MachineYearSteps} (add
 * {@code fast} or {@code changeOnly} for one policy only).
 */
public final class MachineYearSteps {
    private MachineYearSteps() {
    }

    public static void main(String[] args) {
        Machine machine = Machine.of(Presets.singleBoiler());
        Strategy daily = Strategies.find("detergent-daily").orElseThrow();
        Strategy none = Strategies.find("none").orElseThrow();
        String only = args.length > 0 ? args[0] : "";
        for (String name : new String[] {"fast", "changeOnly"}) {
            if (!only.isEmpty() && !only.equals(name)) {
                continue;
            }
            StepPolicy policy = name.equals("fast") ? StepPolicy.fast() : StepPolicy.changeOnly();
            System.out.println("StepPolicy." + name + "()");
            count("cafeYear", machine, Usage.home(365, 150, Roast.MEDIUM), daily, policy);
            count("cafeYearShotsOnly", machine, Usage.home(365, 150, Roast.MEDIUM), none, policy);
            count("cafeYearCleaningOnly", machine, Usage.home(365, 0, Roast.MEDIUM), daily, policy);
        }
    }

    private static long residualsOf(Plant plant) {
        SolverStats stats = plant == null ? null : plant.solverStats();
        return stats == null ? 0L : stats.residuals();
    }

    private static void count(String name, Machine machine, Usage usage, Strategy strategy, StepPolicy policy) {
        long[] steps = new long[2];
        double[] stepped = new double[1];
        // the solver's residual evaluations, summed over the plants the life steps (counted per plant)
        long[] residuals = new long[1];
        Plant[] current = new Plant[1];
        LifeResult result = new MachineLife(machine, usage, strategy, 1L, policy, CleaningParameters.defaults(),
                (start, plant) -> {
                    steps[plant.basket() instanceof BasketParameters.ErodingPuck ? 0 : 1]++;
                    stepped[0] += plant.timeSeconds() - start;
                    if (plant != current[0]) {
                        residuals[0] += residualsOf(current[0]);
                        current[0] = plant;
                    }
                }).run();
        residuals[0] += residualsOf(current[0]);
        long total = steps[0] + steps[1];
        System.out.printf(Locale.ROOT, "  %-22s %,12d steps over %,10.0f s stepped (mean step %.2f ms): %,d in shots"
                        + " (%.1f a shot), %,d in cleaning; %.3f residual evaluations a step%n", name, total, stepped[0],
                1000 * stepped[0] / total, steps[0], result.shots() == 0 ? 0.0 : (double) steps[0] / result.shots(),
                steps[1], (double) residuals[0] / total);
    }
}
