package io.backflush.bench;

import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.Presets;
import io.backflush.core.plant.ActuatorSchedule;
import io.backflush.core.plant.Actuators;
import io.backflush.core.plant.Plant;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * {@link StepperBenchmark#fixedStepperCycle}'s cycle timed by this thread's CPU time, per 5 s
 * quarter of the cycle (fill, plateau, release, drained group): a cross-check of JMH's wall-clock
 * figure on a shared machine, where other processes take the CPU away mid-iteration and JMH's error
 * bars grow past the score, and the per-regime breakdown the README's "What was slow" uses. Not a
 * replacement for JMH (no forks, no blackhole; the first half of the cycles is warm-up and
 * discarded).
 *
 * <p>Uses only the public plant API, so an older build's classes can be put first on the class
 * path: {@code java -cp before.jar:bench/target/benchmarks.jar io.backflush.bench.StepperCpuTime 600}.
 */
public final class StepperCpuTime {
    private StepperCpuTime() {
    }

    /** @param args the number of 20 000-step cycles (default 600; the first half warms up) */
    public static void main(String[] args) {
        int cycles = args.length > 0 ? Integer.parseInt(args[0]) : 600;
        if (cycles < 2) {
            System.err.println("StepperCpuTime: cycles must be at least 2, got " + cycles);
            System.exit(2);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Machine machine = Machine.of(Presets.singleBoiler());
        BasketParameters basket = BasketParameters.blind();
        ActuatorSchedule schedule = ActuatorSchedule.backflush(1, 10.0, 10.0, 0.0);
        int quarter = StepperBenchmark.STEPS / 4;
        long[] cpuNanos = new long[4];
        double sink = 0.0;
        int warmUp = cycles / 2;
        for (int c = 0; c < cycles; c++) {
            if (c == warmUp) {
                java.util.Arrays.fill(cpuNanos, 0L);
            }
            Plant plant = new Plant(machine, basket);
            Actuators actuators = plant.actuators();
            for (int q = 0; q < 4; q++) {
                long start = threads.getCurrentThreadCpuTime();
                for (int i = q * quarter; i < (q + 1) * quarter; i++) {
                    schedule.applyAt(i * StepperBenchmark.DT_SECONDS, actuators);
                    plant.step(StepperBenchmark.DT_SECONDS);
                }
                cpuNanos[q] += threads.getCurrentThreadCpuTime() - start;
            }
            sink += plant.groupPressureBar();
        }
        double steps = (double) (cycles - warmUp) * quarter;
        String[] names = {"fill", "plateau", "release", "drained"};
        StringBuilder line = new StringBuilder();
        double total = 0.0;
        for (int q = 0; q < 4; q++) {
            double perStep = cpuNanos[q] / steps;
            total += perStep / 4.0;
            line.append(String.format(java.util.Locale.ROOT, "  %s %.1f", names[q], perStep));
        }
        System.out.printf(java.util.Locale.ROOT, "thread CPU ns/step %.1f |%s  (check %s)%n", total, line, sink);
    }
}
