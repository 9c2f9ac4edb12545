package io.backflush.bench;

import io.backflush.core.cleaning.Roast;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.Presets;
import io.backflush.sim.usage.LifeResult;
import io.backflush.sim.usage.MachineLife;
import io.backflush.sim.usage.Strategies;
import io.backflush.sim.usage.Strategy;
import io.backflush.sim.usage.Usage;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * {@link MachineYearBenchmark#cafeYear}'s year timed by this thread's CPU time
 * ({@code ThreadMXBean.getCurrentThreadCpuTime}), one line a year: a cross-check of JMH's
 * wall-clock score on a shared machine, where the other processes' load makes wall-clock
 * iterations vary by 2× and more. Not a replacement for JMH (no forks, no blackhole); the first
 * year warms up. Prints the year's mean cup penalty and shots with full precision, so two builds
 * can be checked for giving the same numbers.
 *
 * <p>Uses only the public API, so an older build can be put first on the class path to time it
 * in the same session: {@code java -cp before.jar:bench/target/benchmarks.jar
 * io.backflush.bench.MachineYearCpuTime 4}.
 */
public final class MachineYearCpuTime {
    private MachineYearCpuTime() {
    }

    /** @param args the number of years (default 4; the first warms up and is not in the mean) */
    public static void main(String[] args) {
        int years;
        try {
            years = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        } catch (NumberFormatException e) {
            years = 0;
        }
        if (years < 2) {
            System.err.println("MachineYearCpuTime: years must be a whole number of at least 2, got "
                    + (args.length > 0 ? args[0] : ""));
            System.exit(2);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Machine machine = Machine.of(Presets.singleBoiler());
        Strategy daily = Strategies.find("detergent-daily").orElseThrow();
        double measuredMs = 0.0;
        for (int y = 0; y < years; y++) {
            long start = threads.getCurrentThreadCpuTime();
            LifeResult result = new MachineLife(machine, Usage.home(365, 150, Roast.MEDIUM), daily, 1L).run();
            double ms = (threads.getCurrentThreadCpuTime() - start) / 1.0e6;
            if (y > 0) {
                measuredMs += ms;
            }
            System.out.printf(Locale.ROOT, "year %d: %.0f ms thread CPU%s (shots %d, mean cup penalty %s)%n", y + 1, ms,
                    y == 0 ? " (warm-up)" : "", result.shots(), Double.toString(result.meanCupPenalty()));
        }
        System.out.printf(Locale.ROOT, "mean of years 2..%d: %.0f ms thread CPU per year%n", years,
                measuredMs / (years - 1));
    }
}
