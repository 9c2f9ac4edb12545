package io.backflush.spark;

import io.backflush.sim.sweep.Sweep;
import io.backflush.sim.sweep.SweepFiles;
import io.backflush.sim.sweep.SweepResult;
import io.backflush.sim.sweep.SweepRunner;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Sweep throughput, the local runner against Spark in local mode at the same core count: one
 * sweep of 8 points × 1 seed, each a café machine-month (30 days × 150 shots, daily detergent:
 * {@code MachineMonthBenchmark}'s life), i.e. 8 × 30/365 = 0.658 machine-years per operation.
 * {@code local}: {@link SweepRunner#run} on {@code threads} threads; {@code spark}: the same sweep on
 * a {@code local[threads]} Spark context (made once per trial), one task per point ({@link #work}
 * {@code empty}: the same sweep with almost nothing to simulate, Spark's overhead alone). Results and
 * command in {@code bench/README.md}; not run by {@code mvn verify} (not a test).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 10)
@Measurement(iterations = 3, time = 10)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED",
    "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
    "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED", "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
    "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED", "-Djdk.reflect.useDirectMethodHandle=false"})
public class SparkSweepBenchmark {
    /** Machine-years simulated per operation. */
    public static final double MACHINE_YEARS = 8 * 30 / 365.0;

    static final String SWEEP = "name: bench\nmachine: single-boiler\nstrategy: detergent-daily\n"
            + "usage: { days: DAYS, shotsPerDay: SHOTS, roast: medium, fixedShots: true }\nseeds: 1\n"
            + "axes:\n  - name: tasks[0].detergentGrams\n    from: 2\n    to: 3.75\n    steps: 8\n";

    @Param({"1", "2"})
    public int threads;

    /**
     * {@code month}: each point a café month (the throughput); {@code empty}: each point one day
     * without shots (one cleaning, about a millisecond), so that the time is the runner's own
     * overhead: scheduling, serialising the tasks and results, re-reading the sweep.
     */
    @Param({"month", "empty"})
    public String work;

    private Sweep sweep;
    private JavaSparkContext spark;
    private SparkSweep.PointTask task;

    @Setup(Level.Trial)
    public void setUp() {
        String text = work.equals("month") ? SWEEP.replace("DAYS", "30").replace("SHOTS", "150")
                : SWEEP.replace("DAYS", "1").replace("SHOTS", "0");
        sweep = SweepFiles.parse("bench.yaml", text, null);
        task = new SparkSweep.PointTask("bench.yaml", text, null);
        spark = new JavaSparkContext(new SparkConf().setMaster("local[" + threads + "]").setAppName("backflush-bench")
                .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.ui.enabled", "false"));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        spark.close();
    }

    @Benchmark
    public SweepResult local() throws InterruptedException {
        return SweepRunner.run(sweep, threads, done -> { });
    }

    @Benchmark
    public SweepResult spark() {
        return SparkSweep.run(spark, sweep, task);
    }
}
