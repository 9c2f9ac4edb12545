package io.backflush.bench;

import io.backflush.core.cleaning.Roast;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.Presets;
import io.backflush.sim.usage.LifeResult;
import io.backflush.sim.usage.MachineLife;
import io.backflush.sim.usage.Strategies;
import io.backflush.sim.usage.Strategy;
import io.backflush.sim.usage.Usage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * One machine-year of café use on one core: 365 days × 150 shots on {@code single-boiler}
 * (each shot a hydraulic simulation against a puck, adaptive steps) plus the
 * {@code detergent-daily} cleaning (3 g, 5 detergent and 5 rinse cycles every evening): what a
 * sweep point costs per seed. Aim (issue 13): under a second.
 *
 * <p>The two other benchmarks split the year by phase, as the baseline for speed work: the same
 * 54 750 shots with no cleaning ({@code none}), and the 365 evening cleanings with no shots
 * (the nights and idle hours are jumped over exactly in both, so they cost almost nothing).
 * Shots only plus cleaning only is close to the whole year; the residue differs between them
 * (no cleaning lets it build up), which changes the flows slightly, not the number of steps much.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 3, time = 10)
@Fork(1)
public class MachineYearBenchmark {
    private Machine machine;
    private Strategy daily;
    private Strategy none;

    @Setup
    public void setUp() {
        machine = Machine.of(Presets.singleBoiler());
        daily = Strategies.find("detergent-daily").orElseThrow();
        none = Strategies.find("none").orElseThrow();
    }

    /** The whole café year: shots and daily detergent cleaning. */
    @Benchmark
    public LifeResult cafeYear() {
        return new MachineLife(machine, Usage.home(365, 150, Roast.MEDIUM), daily, 1L).run();
    }

    /** The year's 54 750 shots, never cleaned. */
    @Benchmark
    public LifeResult cafeYearShotsOnly() {
        return new MachineLife(machine, Usage.home(365, 150, Roast.MEDIUM), none, 1L).run();
    }

    /** The year's 365 detergent cleanings, no shots. */
    @Benchmark
    public LifeResult cafeYearCleaningOnly() {
        return new MachineLife(machine, Usage.home(365, 0, Roast.MEDIUM), daily, 1L).run();
    }
}
