package io.backflush.sim.sweep;

import io.backflush.core.cleaning.CleaningParameters;
import io.backflush.sim.usage.LifeResult;
import io.backflush.sim.usage.MachineLife;
import io.backflush.sim.usage.StepPolicy;
import io.backflush.sim.usage.Figure;
import io.backflush.sim.usage.ScaleFigure;
import io.backflush.sim.usage.Spread;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** One life of point {@code index} for one seed. */
    public static LifeResult life(Sweep sweep, int index, long seed) {
        return new MachineLife(sweep.machine(), sweep.usageAt(index), sweep.strategyAt(index), seed,
                StepPolicy.fast(), CleaningParameters.defaults())
                .water(sweep.waterAt(index), io.backflush.core.scale.ScaleParameters.defaults()).run();
    }

    /**
     * The figures of one life of point {@code index}, in {@link Figure} order, then (when the sweep's
     * machines scale) in {@link ScaleFigure} order: all a sweep keeps of it.
     */
    static double[] figures(Sweep sweep, int index, long seed) {
        LifeResult life = life(sweep, index, seed);
        Figure[] all = Figure.values();
        ScaleFigure[] scale = scaleFigures(sweep);
        double[] v = new double[all.length + scale.length];
        for (int k = 0; k < all.length; k++) {
            v[k] = all[k].of(life);
        }
        for (int k = 0; k < scale.length; k++) {
            v[all.length + k] = scale[k].of(life.scale());
        }
        return v;
    }

    /** The scale figures a sweep keeps: all of them when its machines scale, else none. */
    private static ScaleFigure[] scaleFigures(Sweep sweep) {
        return sweep.scales() ? ScaleFigure.values() : new ScaleFigure[0];
    }

    /** Point {@code index} over every seed, in seed order (not yet marked on the front). */
    public static SweepPoint point(Sweep sweep, int index) {
        List<double[]> lives = new ArrayList<>();
        for (long seed : sweep.seeds()) {
            lives.add(figures(sweep, index, seed));
        }
        return summarise(sweep, index, lives);
    }

    /** Each figure's spread over the lives (each the figures of one seed, in {@link #figures} order). */
    static SweepPoint summarise(Sweep sweep, int index, List<double[]> lives) {
        Map<String, Spread> spreads = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>();
        for (Figure f : Figure.values()) {
            keys.add(f.key());
        }
        for (ScaleFigure f : scaleFigures(sweep)) {
            keys.add(f.key());
        }
        for (int k = 0; k < keys.size(); k++) {
            double[] column = new double[lives.size()];
            for (int s = 0; s < column.length; s++) {
                column[s] = lives.get(s)[k];
            }
            spreads.put(keys.get(k), Spread.of(column));
        }
        return new SweepPoint(index, sweep.points().get(index), spreads, false);
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
            List<List<Future<double[]>>> futures = new ArrayList<>();
            for (int i = 0; i < sweep.points().size(); i++) {
                int index = i;
                List<Future<double[]>> row = new ArrayList<>();
                for (long seed : sweep.seeds()) {
                    row.add(pool.submit(() -> {
                        double[] life = figures(sweep, index, seed);
                        progress.accept(done.incrementAndGet());
                        return life;
                    }));
                }
                futures.add(row);
            }
            List<SweepPoint> points = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                List<double[]> lives = new ArrayList<>();
                for (Future<double[]> f : futures.get(i)) {
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
