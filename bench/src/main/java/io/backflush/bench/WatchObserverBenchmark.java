package io.backflush.bench;

import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.Presets;
import io.backflush.core.plant.ActuatorSchedule;
import io.backflush.core.plant.Plant;
import io.backflush.sim.live.Watch;
import io.backflush.sim.run.Simulation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * What watching a HIL session ({@code serve --live-port}) costs the session's thread per tick: one
 * backflush cycle (10 s pump on, 10 s release, 20 000 ticks of 1 ms) through the executive's
 * {@link Simulation#tick()} as a HIL session drives it, without and with the live page's observer
 * ({@link Watch}). The watched run asks for a frame every 1 000 ticks, far more often than a viewer
 * does in lockstep (25 a second against some 50 000–100 000 ticks a second), so the frames' cost is
 * charged generously. The score is ns per tick; the difference is the observer's cost, to set
 * against a lockstep round trip of some 10 µs (CClientBenchmark).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class WatchObserverBenchmark {
    static final int STEPS = 20_000;
    static final double DT_SECONDS = 1.0e-3;

    private Machine machine;
    private ActuatorSchedule schedule;
    private Watch watch;

    @Setup(Level.Trial)
    public void setUp() {
        machine = Machine.of(Presets.singleBoiler());
        schedule = ActuatorSchedule.backflush(1, 10.0, 10.0, 0.0);
        watch = new Watch(machine, "the benchmark");
    }

    @Benchmark
    @OperationsPerInvocation(STEPS)
    public double unwatched() {
        return cycle(false);
    }

    @Benchmark
    @OperationsPerInvocation(STEPS)
    public double watched() {
        return cycle(true);
    }

    private double cycle(boolean watched) {
        Plant plant = new Plant(machine, BasketParameters.blind());
        Simulation sim = new Simulation(plant, (sensors, actuators) -> schedule.applyAt(sensors.timeSeconds(), actuators),
                DT_SECONDS);
        if (watched) {
            sim.observe(watch.watch(1, machine, plant, plant.actuators()));
        }
        for (int i = 0; i < STEPS; i++) {
            if (watched && i % 1000 == 0) {
                watch.request();
            }
            sim.tick();
        }
        return plant.groupPressureBar() + watch.framesPublished();
    }
}
