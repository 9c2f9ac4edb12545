package io.backflush.sim.sweep;

import io.backflush.core.cleaning.Roast;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.WaterChemistry;
import io.backflush.core.param.InvalidParameterException;
import io.backflush.sim.program.BackflushProgram;
import io.backflush.sim.program.Phase;
import io.backflush.sim.usage.CleaningTask;
import io.backflush.sim.usage.Strategy;
import io.backflush.sim.usage.Usage;
import org.apache.commons.math3.random.Well19937c;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sweep read from a sweep file ({@link SweepFiles}): a base machine, strategy and usage, the
 * axes to vary, how points are picked ({@link Design}) and the seeds every point runs. Its points
 * are computed once, from the file alone (the random designs from their own seed), so the same
 * file gives the same points on any machine; each point's strategy and usage are built (and so
 * checked) when the sweep is read, before anything is simulated.
 *
 * @param name        the sweep's name (default: the file name without extension)
 * @param machine     the base machine
 * @param strategy    the base strategy
 * @param usage       the base usage
 * @param water       the base water (the sweep file's {@code water:}, else the machine file's), or null: the
 *                    machine does not scale unless a water axis is swept
 * @param seeds       the usage seeds every point runs
 * @param design      how points are picked
 * @param samples     points of a random or Latin-hypercube design (0 for a grid)
 * @param designSeed  seed of a random or Latin-hypercube design
 * @param maxPoints   the file's limit on points without {@code --yes}, or null for the default
 * @param axes        the axes, in file order
 * @param points      each point's axis values (Integer, Double or String), by axis name, in axis order
 */
public record Sweep(String name, Machine machine, Strategy strategy, Usage usage, WaterChemistry water,
                    List<Long> seeds, Design design,
                    int samples, long designSeed, Integer maxPoints, List<Axis> axes,
                    List<Map<String, Object>> points) {
    public Sweep {
        seeds = List.copyOf(seeds);
        axes = List.copyOf(axes);
        List<Map<String, Object>> copy = new ArrayList<>();
        for (Map<String, Object> p : points) {
            copy.add(Collections.unmodifiableMap(new LinkedHashMap<>(p)));
        }
        points = Collections.unmodifiableList(copy);
    }

    /** The points a design picks along the axes. */
    static List<Map<String, Object>> points(Design design, List<Axis> axes, int samples, long seed) {
        List<Map<String, Object>> points = new ArrayList<>();
        if (design == Design.GRID) {
            points.add(new LinkedHashMap<>());
            for (Axis axis : axes) {
                List<Map<String, Object>> next = new ArrayList<>();
                for (Map<String, Object> p : points) {
                    for (Object v : axis.gridValues()) {
                        Map<String, Object> q = new LinkedHashMap<>(p);
                        q.put(axis.name(), v);
                        next.add(q);
                    }
                }
                points = next;
            }
            return points;
        }
        Well19937c random = new Well19937c(seed);
        double[][] position = new double[axes.size()][samples];
        for (int a = 0; a < axes.size(); a++) {
            if (design == Design.RANDOM) {
                for (int k = 0; k < samples; k++) {
                    position[a][k] = random.nextDouble();
                }
            } else {
                // Latin hypercube: stratum perm[k] of `samples` equal strata, at a uniform place inside it
                int[] perm = new int[samples];
                for (int k = 0; k < samples; k++) {
                    perm[k] = k;
                }
                for (int k = samples - 1; k > 0; k--) {
                    int j = random.nextInt(k + 1);
                    int t = perm[k];
                    perm[k] = perm[j];
                    perm[j] = t;
                }
                for (int k = 0; k < samples; k++) {
                    position[a][k] = (perm[k] + random.nextDouble()) / samples;
                }
            }
        }
        for (int k = 0; k < samples; k++) {
            Map<String, Object> p = new LinkedHashMap<>();
            for (int a = 0; a < axes.size(); a++) {
                p.put(axes.get(a).name(), axes.get(a).at(position[a][k]));
            }
            points.add(p);
        }
        return points;
    }

    /** The strategy at point {@code index}: the base strategy with the point's strategy and program values. */
    public Strategy strategyAt(int index) {
        return strategy(index, points.get(index));
    }

    /** The usage at point {@code index}: the base usage with the point's usage values. */
    public Usage usageAt(int index) {
        return usage(points.get(index));
    }

    /** The water at point {@code index}: the base water with the point's water values; null: no scale. */
    public WaterChemistry waterAt(int index) {
        return water(points.get(index));
    }

    /** Whether the machines scale: a base water or a water axis (then every point has a water). */
    public boolean scales() {
        return water != null || axes.stream().anyMatch(a -> a.parameter().water());
    }

    WaterChemistry water(Map<String, Object> point) {
        Double hardness = null;
        Double alkalinity = null;
        for (Axis axis : axes) {
            Object v = point.get(axis.name());
            switch (axis.parameter()) {
                case HARDNESS_MG_PER_L -> hardness = ((Number) v).doubleValue();
                case ALKALINITY_MG_PER_L -> alkalinity = ((Number) v).doubleValue();
                default -> {
                    // not the water
                }
            }
        }
        if (hardness == null && alkalinity == null) {
            return water;
        }
        // the other one from the base water, else the default (as --hardness alone gives)
        return new WaterChemistry(hardness != null ? hardness
                : water != null ? water.hardnessMgPerL() : WaterChemistry.DEFAULT_HARDNESS_MG_PER_L,
                alkalinity != null ? alkalinity
                        : water != null ? water.alkalinityMgPerL() : WaterChemistry.DEFAULT_ALKALINITY_MG_PER_L,
                water != null ? water.softeningFraction() : 0.0);
    }

    Strategy strategy(int index, Map<String, Object> point) {
        List<CleaningTask> tasks = new ArrayList<>();
        for (int t = 0; t < strategy.tasks().size(); t++) {
            CleaningTask task = strategy.tasks().get(t);
            int everyDays = task.everyDays();
            double everyLitres = task.everyLitres();
            double grams = task.detergentGrams();
            double acid = task.acidGrams();
            List<Phase> phases = new ArrayList<>(task.program().phases());
            boolean programChanged = false;
            for (Axis axis : axes) {
                Object v = point.get(axis.name());
                if (axis.parameter().scope() == Axis.Scope.USAGE || (axis.task() >= 0 && axis.task() != t)
                        || (axis.task() < 0 && axis.parameter().descalingTasks() && !task.descales())) {
                    continue;
                }
                switch (axis.parameter()) {
                    // a task runs by days or by litres: setting one drops the other
                    case EVERY_DAYS -> {
                        everyDays = ((Number) v).intValue();
                        everyLitres = 0.0;
                    }
                    case EVERY_LITRES -> {
                        everyLitres = ((Number) v).doubleValue();
                        if (!(everyLitres > 0)) {
                            throw new InvalidParameterException("everyLitres", "must be above 0 L, got " + v);
                        }
                        everyDays = 0;
                    }
                    case DETERGENT_GRAMS -> grams = ((Number) v).doubleValue();
                    case ACID_GRAMS -> acid = ((Number) v).doubleValue();
                    default -> {
                        for (int f = 0; f < phases.size(); f++) {
                            if (axis.phase() >= 0 && axis.phase() != f) {
                                continue;
                            }
                            Phase p = phases.get(f);
                            double n = ((Number) v).doubleValue();
                            phases.set(f, switch (axis.parameter()) {
                                case CYCLES -> new Phase(p.kind(), (int) n, p.pumpOnSeconds(), p.releaseSeconds());
                                case PUMP_ON_SECONDS -> new Phase(p.kind(), p.cycles(), n, p.releaseSeconds());
                                case RELEASE_SECONDS -> new Phase(p.kind(), p.cycles(), p.pumpOnSeconds(), n);
                                default -> throw new IllegalStateException(axis.parameter().key());
                            });
                            programChanged = true;
                        }
                    }
                }
            }
            BackflushProgram program = programChanged
                    ? new BackflushProgram(task.program().name() + "@" + index, phases) : task.program();
            tasks.add(new CleaningTask(everyDays, program, grams, task.untilClear(), task.replacesDaily(), everyLitres,
                    acid));
        }
        return new Strategy(strategy.name() + "@" + index, strategy.description(), tasks,
                strategy.postShotFlushSeconds(), strategy.scrubScreenEveryDays());
    }

    Usage usage(Map<String, Object> point) {
        int days = usage.days();
        double shots = usage.shotsPerDay();
        Roast roast = usage.roast();
        for (Axis axis : axes) {
            Object v = point.get(axis.name());
            switch (axis.parameter()) {
                case DAYS -> days = ((Number) v).intValue();
                case SHOTS_PER_DAY -> shots = ((Number) v).doubleValue();
                case ROAST -> roast = Roast.parse((String) v);
                default -> {
                    // a strategy or program parameter
                }
            }
        }
        return new Usage(days, shots, usage.randomShots(), roast, usage.doseGrams(), usage.onHour(), usage.offHour());
    }
}
