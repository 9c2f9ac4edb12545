package io.backflush.sim.usage;

import io.backflush.core.cleaning.CleaningParameters;
import io.backflush.core.cleaning.Site;
import io.backflush.core.machine.Machine;
import io.backflush.core.scale.ScaleParameters;
import io.backflush.core.machine.WaterChemistry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * Simulates every strategy for every seed, in parallel, and averages over the seeds. Each
 * (strategy, seed) run is independent and deterministic, and the results are combined in a fixed
 * order, so the numbers do not depend on the thread count.
 */
public final class StrategyComparison {
    private StrategyComparison() {
    }

    /**
     * @param seeds    the seeds (one run per strategy per seed)
     * @param threads  worker threads (1 or more)
     * @param progress called with the number of finished runs after each one (from worker threads)
     */
    public static ComparisonResult compare(Machine machine, Usage usage, List<Strategy> strategies, List<Long> seeds,
                                           int threads, StepPolicy policy, CleaningParameters cleaning,
                                           IntConsumer progress) throws InterruptedException {
        return compare(machine, usage, strategies, seeds, threads, policy, cleaning, null, ScaleParameters.defaults(),
                progress);
    }

    /**
     * As {@link #compare(Machine, Usage, List, List, int, StepPolicy, CleaningParameters, IntConsumer)},
     * with the machine scaling from {@code water} (null: no scale).
     */
    public static ComparisonResult compare(Machine machine, Usage usage, List<Strategy> strategies, List<Long> seeds,
                                           int threads, StepPolicy policy, CleaningParameters cleaning,
                                           WaterChemistry water, ScaleParameters scale, IntConsumer progress)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "backflush-compare");
            t.setDaemon(true);
            return t;
        });
        try {
            List<List<Future<LifeResult>>> futures = new ArrayList<>();
            java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
            for (Strategy strategy : strategies) {
                List<Future<LifeResult>> row = new ArrayList<>();
                for (long seed : seeds) {
                    row.add(pool.submit(() -> {
                        LifeResult result = new MachineLife(machine, usage, strategy, seed, policy, cleaning)
                                .water(water, scale).run();
                        progress.accept(done.incrementAndGet());
                        return result;
                    }));
                }
                futures.add(row);
            }
            List<StrategySummary> rows = new ArrayList<>();
            List<List<LifeResult>> lives = new ArrayList<>();
            for (int i = 0; i < strategies.size(); i++) {
                List<LifeResult> results = new ArrayList<>();
                for (Future<LifeResult> f : futures.get(i)) {
                    results.add(f.get());
                }
                lives.add(results);
                rows.add(summarise(strategies.get(i).name(), results));
            }
            return new ComparisonResult(machine.name(), usage.days(), usage.shotsPerDay(), usage.roast().label(),
                    seeds.size(), water, rows, verdicts(lives));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The verdicts a comparison makes (each only where the seeds separate the strategies,
     * {@link Verdict#decide}): cleanest cups (mean cup penalty) and least water; none for one strategy.
     */
    public static List<Verdict> verdicts(List<List<LifeResult>> lives) {
        List<Verdict> v = new ArrayList<>();
        for (Verdict d : new Verdict[] {Verdict.decide("cleanest cups", Figure.MEAN_CUP_PENALTY, lives),
                Verdict.decide("least water", Figure.WATER_USED_ML, lives)}) {
            if (d != null) {
                v.add(d);
            }
        }
        return v;
    }

    static StrategySummary summarise(String name, List<LifeResult> results) {
        int n = results.size();
        double penalty = 0;
        double worst = 0;
        double water = 0;
        double detergent = 0;
        double minutes = 0;
        double tainted = 0;
        double drip = 0;
        int days = results.isEmpty() ? 0 : results.get(0).residuePerDayMg().size();
        double[] residueDays = new double[days];
        double[] penaltyDays = new double[days];
        Map<String, Double> residue = new LinkedHashMap<>();
        for (Site site : Site.values()) {
            residue.put(site.label(), 0.0);
        }
        for (LifeResult r : results) {
            penalty += r.meanCupPenalty() / n;
            worst = Math.max(worst, r.worstCupPenalty());
            water += r.waterUsedMl() / n;
            detergent += r.detergentUsedG() / n;
            minutes += r.cleaningMinutes() / n;
            tainted += (double) r.taintedShots() / n;
            drip += (double) r.dripDays() / n;
            for (int d = 0; d < days; d++) {
                residueDays[d] += r.residuePerDayMg().get(d) / n;
                penaltyDays[d] += r.cupPenaltyPerDay().get(d) / n;
            }
            for (Map.Entry<String, Double> e : r.residueEndMg().entrySet()) {
                residue.merge(e.getKey(), e.getValue() / n, Double::sum);
            }
        }
        Map<String, Double> scaleMg = null;
        double litres = 0;
        double descale = 0;
        double acid = 0;
        double acidTainted = 0;
        double[] scaleDays = new double[days];
        for (LifeResult r : results) {
            LifeResult.ScaleResult sc = r.scale();
            litres += sc.litresHeated() / n;
            descale += sc.descaleMinutes() / n;
            acid += sc.acidUsedG() / n;
            acidTainted += (double) sc.acidTaintedShots() / n;
            if (sc.scaleMg() != null) {
                if (scaleMg == null) {
                    scaleMg = new LinkedHashMap<>();
                }
                for (Map.Entry<String, Double> e : sc.scaleMg().entrySet()) {
                    scaleMg.merge(e.getKey(), e.getValue() / n, Double::sum);
                }
                for (int d = 0; d < Math.min(days, sc.scalePerDayMg().size()); d++) {
                    scaleDays[d] += sc.scalePerDayMg().get(d) / n;
                }
            }
        }
        List<Double> scaleSeries = new ArrayList<>();
        if (scaleMg != null) {
            for (double v : scaleDays) {
                scaleSeries.add(v);
            }
        }
        List<Double> residueSeries = new ArrayList<>();
        List<Double> penaltySeries = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            residueSeries.add(residueDays[d]);
            penaltySeries.add(penaltyDays[d]);
        }
        return new StrategySummary(name, penalty, worst, residue, water, detergent, minutes, tainted, drip,
                residueSeries, penaltySeries, scaleMg, litres, descale, acid, acidTainted, scaleSeries,
                StrategySummary.spreads(results), results);
    }
}
