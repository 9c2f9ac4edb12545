package io.backflush.sim.sweep;

import io.backflush.core.cleaning.CleaningParameters;
import io.backflush.sim.usage.LifeResult;
import io.backflush.sim.usage.MachineLife;
import io.backflush.sim.usage.StepPolicy;
import io.backflush.sim.usage.StrategySummary;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Runs a sweep: one machine life per point and seed ({@link MachineLife}, fast steps), summarised
 * per point over its seeds. Lives share nothing mutable and are combined in point and seed order,
 * so the result is the same for any thread count, and the same as {@link #point} computes point by
 * point (what the Spark module runs as one task per point).
 */
public final class SweepRunner {
    private SweepRunner() {
    }

    /** One life of point {@code index} for one seed, without its per-day series (a sweep keeps the figures only). */
    public static LifeResult life(Sweep sweep, int index, long seed) {
        LifeResult r = new MachineLife(sweep.machine(), sweep.usageAt(index), sweep.strategyAt(index), seed,
                StepPolicy.fast(), CleaningParameters.defaults()).run();
        return new LifeResult(r.strategy(), r.seed(), r.shots(), r.meanCupPenalty(), r.worstCupPenalty(), r.residueEndMg(),
                r.waterUsedMl(), r.detergentUsedG(), r.cleaningMinutes(), r.taintedShots(), r.dripDays(), List.of(),
                List.of());
    }

    /** Point {@code index} over every seed, in seed order (not yet marked on the front). */
    public static SweepPoint point(Sweep sweep, int index) {
        List<LifeResult> lives = new ArrayList<>();
        for (long seed : sweep.seeds()) {
            lives.add(life(sweep, index, seed));
        }
        return summarise(sweep, index, lives);
    }

    static SweepPoint summarise(Sweep sweep, int index, List<LifeResult> lives) {
        return new SweepPoint(index, sweep.points().get(index), StrategySummary.spreads(lives), false);
    }

    /** The result from every point, in point order (as {@link #point} gives them): front marked. */
    public static SweepResult result(Sweep sweep, List<SweepPoint> points) {
        List<SweepPoint> marked = Pareto.mark(points);
        List<Integer> front = new ArrayList<>();
        for (SweepPoint p : marked) {
            if (p.pareto()) {
                front.add(p.index());
            }
        }
        return new SweepResult(sweep.name(), sweep.machine().name(), sweep.strategy().name(), sweep.design().label(),
                sweep.usage().days(), sweep.seeds(), sweep.axes().stream().map(Axis::name).toList(), front, marked);
    }

    /**
     * Runs every point and seed on {@code threads} worker threads.
     *
     * @param progress called with the number of finished lives (of points × seeds) after each one
     */
    public static SweepResult run(Sweep sweep, int threads, IntConsumer progress) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "backflush-sweep");
            t.setDaemon(true);
            return t;
        });
        try {
            AtomicInteger done = new AtomicInteger();
            List<List<Future<LifeResult>>> futures = new ArrayList<>();
            for (int i = 0; i < sweep.points().size(); i++) {
                int index = i;
                List<Future<LifeResult>> row = new ArrayList<>();
                for (long seed : sweep.seeds()) {
                    row.add(pool.submit(() -> {
                        LifeResult life = life(sweep, index, seed);
                        progress.accept(done.incrementAndGet());
                        return life;
                    }));
                }
                futures.add(row);
            }
            List<SweepPoint> points = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                List<LifeResult> lives = new ArrayList<>();
                for (Future<LifeResult> f : futures.get(i)) {
                    lives.add(f.get());
                }
                points.add(summarise(sweep, i, lives));
            }
            return result(sweep, points);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
