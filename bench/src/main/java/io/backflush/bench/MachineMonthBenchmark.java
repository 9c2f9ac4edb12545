package io.backflush.bench;

import io.backflush.core.scale.ScaleParameters;
import io.backflush.core.machine.WaterChemistry;

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
 * One machine-month of café use on one core: 30 days × 150 shots (each a hydraulic simulation
 * against a puck, adaptive steps) plus the {@code detergent-daily} cleaning (3 g, 5 detergent
 * and 5 rinse cycles every evening) on {@code single-boiler}. What {@code compare} does per
 * strategy and seed. Aim: well under a second. {@code cafeMonthHardWaterDescaled}: the same
 * month in hard water (175 / 125 mg/L as CaCO₃), the machine scaling, with
 * {@code cafe-descale-monthly} (the same daily clean, and {@code descale-manufacturer} on day 30).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class MachineMonthBenchmark {
    private Machine machine;
    private Usage usage;
    private Strategy strategy;
    private Strategy descaled;

    @Setup
    public void setUp() {
        machine = Machine.of(Presets.singleBoiler());
        usage = Usage.home(30, 150, Roast.MEDIUM);
        strategy = Strategies.find("detergent-daily").orElseThrow();
        descaled = Strategies.find("cafe-descale-monthly").orElseThrow();
    }

    @Benchmark
    public LifeResult cafeMonth() {
        return new MachineLife(machine, usage, strategy, 1L).run();
    }

    @Benchmark
    public LifeResult cafeMonthHardWaterDescaled() {
        return new MachineLife(machine, usage, descaled, 1L)
                .water(new WaterChemistry(175, 125), ScaleParameters.defaults()).run();
    }
}
