package io.backflush.sim.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backflush.core.cleaning.Roast;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.MachineFiles;
import io.backflush.core.machine.WaterChemistry;
import io.backflush.core.param.InvalidParameterException;
import io.backflush.core.param.ParameterFileException;
import io.backflush.core.param.YamlDocument;
import io.backflush.sim.usage.Strategy;
import io.backflush.sim.usage.StrategyFiles;
import io.backflush.sim.usage.Usage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads sweep files:
 *
 * <pre>
 * name: daily-detergent-dose          # optional; defaults to the file name
 * machine: single-boiler              # a preset or a machine file (relative to this file)
 * strategy: detergent-daily           # the base strategy: a name or a strategy file
 * usage: { days: 30, shotsPerDay: 150, roast: medium, fixedShots: false }
 * water: { hardnessMgPerL: 175, alkalinityMgPerL: 125 }   # optional: the machine scales (default: the machine file's)
 * seeds: 4                            # seeds 1..4 for every point, or a list: [1, 2, 7]
 * design: grid                        # grid (default), random or latin-hypercube
 * samples: 20                         # random and latin-hypercube: how many points
 * seed: 1                             # random and latin-hypercube: the design's seed
 * maxPoints: 1000                     # optional: more points need --yes
 * axes:
 *   - { name: cycles, values: [3, 5, 8] }
 *   - { name: tasks[0].detergentGrams, from: 1, to: 4, steps: 4 }   # grid: 1, 2, 3, 4
 *   - { name: roast, values: [light, dark] }
 * </pre>
 *
 * Axis names: the program parameters {@code cycles}, {@code pumpOnSeconds} and
 * {@code releaseSeconds} (every phase of every task, or {@code tasks[i].NAME}, or
 * {@code tasks[i].phases[j].NAME}); the task parameters {@code everyDays} and
 * {@code detergentGrams} (every task, or {@code tasks[i].NAME}), {@code everyLitres} and
 * {@code acidGrams} (every descaling task, or {@code tasks[i].NAME}); the usage parameters
 * {@code shotsPerDay}, {@code days} and {@code roast}, and the water's {@code hardnessMgPerL} and
 * {@code alkalinityMgPerL}. Every problem is a
 * {@link ParameterFileException} naming the file, line, column and field.
 */
public final class SweepFiles {
    private static final Set<String> TOP = Set.of("name", "machine", "strategy", "usage", "seeds", "design", "samples",
            "seed", "maxPoints", "axes", "water");
    private static final Set<String> WATER = Set.of("hardnessMgPerL", "alkalinityMgPerL", "softeningFraction");
    private static final Set<String> USAGE = Set.of("days", "shotsPerDay", "roast", "fixedShots");
    private static final Set<String> AXIS = Set.of("name", "values", "from", "to", "steps");
    /** Most seeds per point. */
    public static final int MAX_SEEDS = 1000;
    /** Most points a sweep may have, whatever --max-points and --yes say (split a larger sweep into files). */
    public static final int MAX_POINTS = 100_000;

    private SweepFiles() {
    }

    /** Reads a sweep file; machine and strategy files it names are relative to its directory. */
    public static Sweep load(Path file) {
        YamlDocument document = YamlDocument.read(file);
        Path base = file.toAbsolutePath().getParent();
        return read(document, stem(file.getFileName().toString()), base);
    }

    /**
     * Reads sweep-file text.
     *
     * @param baseDirectory the directory machine and strategy files are relative to; null: built-in names only
     */
    public static Sweep parse(String sourceName, String yaml, Path baseDirectory) {
        return read(YamlDocument.parse(sourceName, yaml), stem(Path.of(sourceName).getFileName().toString()),
                baseDirectory);
    }

    private static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    private static Sweep read(YamlDocument doc, String defaultName, Path base) {
        ObjectNode root = doc.root();
        unknownFields(doc, root, "", TOP);
        String name = root.hasNonNull("name") ? text(doc, root, "name") : defaultName;
        Machine machine = resolve(doc, "machine", MachineFiles.files(),
                required(doc, root, "machine", "a preset or a machine file"), base);
        Strategy strategy = resolve(doc, "strategy", StrategyFiles.files(),
                required(doc, root, "strategy", "a strategy name or a strategy file"), base);
        Usage usage = usage(doc, root.get("usage"));
        WaterChemistry water = root.has("water") ? water(doc, root.get("water")) : machine.water();
        List<Long> seeds = seeds(doc, root.get("seeds"));
        Design design = Design.GRID;
        if (root.hasNonNull("design")) {
            design = Design.parse(text(doc, root, "design"));
            if (design == null) {
                throw doc.error("design", "unknown design '" + root.get("design").asText()
                        + "': expected grid, random or latin-hypercube");
            }
        }
        int samples = 0;
        long designSeed = 0;
        if (design == Design.GRID) {
            for (String f : List.of("samples", "seed")) {
                if (root.has(f)) {
                    throw doc.error(f, "is for a random or latin-hypercube design; a grid takes every combination");
                }
            }
        } else {
            samples = integer(doc, root, "samples", 1, MAX_POINTS, true);
            designSeed = root.has("seed") ? integer(doc, root, "seed", 0, Integer.MAX_VALUE, true) : 1;
        }
        Integer maxPoints = root.has("maxPoints") ? integer(doc, root, "maxPoints", 1, Integer.MAX_VALUE, true) : null;
        JsonNode axesNode = root.get("axes");
        if (axesNode == null || !axesNode.isArray() || axesNode.isEmpty()) {
            throw doc.error("axes", axesNode == null ? "is missing: list the axes to vary" : "must be a non-empty list of axes");
        }
        List<Axis> axes = new ArrayList<>();
        for (int i = 0; i < axesNode.size(); i++) {
            Axis axis = axis(doc, "axes[" + i + "]", axesNode.get(i), strategy, design);
            for (Axis other : axes) {
                if (other.name().equals(axis.name())) {
                    throw doc.error("axes[" + i + "].name", axis.name() + " is given twice");
                }
            }
            axes.add(axis);
        }
        if (design == Design.GRID) {
            long size = 1;
            for (Axis a : axes) {
                size = Math.min(Long.MAX_VALUE / 2, size * a.gridValues().size());
            }
            if (size > MAX_POINTS) {
                throw doc.error("axes", "the grid has " + size + " points, more than the " + MAX_POINTS
                        + " a sweep file may have: split it, or use a random or latin-hypercube design");
            }
        }
        List<Map<String, Object>> points = Sweep.points(design, axes, samples, designSeed);
        Sweep sweep = new Sweep(name, machine, strategy, usage, water, seeds, design, samples, designSeed, maxPoints, axes,
                points);
        checkPoints(doc, sweep, axes);
        return sweep;
    }

    /**
     * Builds every point's strategy and usage once, so a value out of range (0 cycles, 30 g of
     * detergent) is reported now, at its axis, with the point.
     */
    private static void checkPoints(YamlDocument doc, Sweep sweep, List<Axis> axes) {
        for (int i = 0; i < sweep.points().size(); i++) {
            Map<String, Object> point = sweep.points().get(i);
            try {
                sweep.strategy(i, point);
                sweep.usage(point);
                sweep.water(point);
            } catch (InvalidParameterException e) {
                String where = axes.stream().filter(a -> a.parameter().key().equals(e.field())).findFirst()
                        .map(a -> "axes[" + axes.indexOf(a) + "]").orElse("axes");
                throw doc.error(where, "point " + i + " " + point + ": " + e.field() + " " + e.reason());
            }
        }
    }

    private static Axis axis(YamlDocument doc, String path, JsonNode node, Strategy strategy, Design design) {
        if (!(node instanceof ObjectNode axis)) {
            throw doc.error(path, "must be a mapping with a name and values, or a name, from and to");
        }
        unknownFields(doc, axis, path, AXIS);
        String name = required(doc, axis, path + ".name", "name", "the parameter to vary");
        int task = -1;
        int phase = -1;
        String rest = name;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("tasks\\[(\\d+)]\\.(.*)").matcher(rest);
        if (m.matches()) {
            task = Integer.parseInt(m.group(1));
            rest = m.group(2);
            if (task >= strategy.tasks().size()) {
                throw doc.error(path + ".name", name + ": the strategy " + strategy.name() + " has "
                        + strategy.tasks().size() + " task" + (strategy.tasks().size() == 1 ? "" : "s")
                        + " (tasks[0]" + (strategy.tasks().size() > 1 ? "..tasks[" + (strategy.tasks().size() - 1) + "]" : "")
                        + ")");
            }
            java.util.regex.Matcher p = java.util.regex.Pattern.compile("phases\\[(\\d+)]\\.(.*)").matcher(rest);
            if (p.matches()) {
                phase = Integer.parseInt(p.group(1));
                rest = p.group(2);
                int phases = strategy.tasks().get(task).program().phases().size();
                if (phase >= phases) {
                    throw doc.error(path + ".name", name + ": the program of tasks[" + task + "] has " + phases
                            + " phase" + (phases == 1 ? "" : "s"));
                }
            }
        }
        Axis.Parameter parameter = Axis.Parameter.find(rest);
        if (parameter == null || (task >= 0 && parameter.scope() == Axis.Scope.USAGE)
                || (phase >= 0 && parameter.scope() != Axis.Scope.PHASE)) {
            throw doc.error(path + ".name", "unknown axis '" + name + "': expected "
                    + Arrays.stream(Axis.Parameter.values()).map(Axis.Parameter::key).collect(Collectors.joining(", "))
                    + " (program and task parameters may be narrowed: tasks[i].cycles, tasks[i].phases[j].cycles)");
        }
        if (parameter.scope() != Axis.Scope.USAGE && strategy.tasks().isEmpty()) {
            throw doc.error(path + ".name", name + ": the strategy " + strategy.name() + " has no tasks to vary");
        }
        if (parameter.descalingTasks() && task < 0
                && strategy.tasks().stream().noneMatch(io.backflush.sim.usage.CleaningTask::descales)) {
            throw doc.error(path + ".name", name + ": the strategy " + strategy.name() + " has no descaling task "
                    + "(none of its programs has a descale phase); name one task: tasks[i]." + parameter.key());
        }
        if (parameter == Axis.Parameter.ACID_GRAMS && task >= 0 && !strategy.tasks().get(task).descales()) {
            throw doc.error(path + ".name", name + ": the program of tasks[" + task + "] ("
                    + strategy.tasks().get(task).program().name() + ") has no descale phase to put acid in");
        }
        JsonNode values = axis.get("values");
        boolean hasRange = axis.has("from") || axis.has("to") || axis.has("steps");
        if (values != null && hasRange) {
            throw doc.error(path, "give either values or from/to, not both");
        }
        if (values != null) {
            if (!values.isArray() || values.isEmpty()) {
                throw doc.error(path + ".values", "is an empty range: list at least one value");
            }
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                list.add(value(doc, path + ".values[" + i + "]", values.get(i), parameter));
            }
            return new Axis(name, parameter, task, phase, list, 0, 0, 0);
        }
        if (parameter.categorical()) {
            throw doc.error(path, name + " takes values (light, medium, dark), not a range");
        }
        if (!axis.has("from") || !axis.has("to")) {
            throw doc.error(path, "needs values: [...] or from: and to:");
        }
        double from = number(doc, axis, path + ".from", "from");
        double to = number(doc, axis, path + ".to", "to");
        if (to < from) {
            throw doc.error(path + ".to", String.format(Locale.ROOT, "is an empty range: to (%s) is below from (%s)",
                    trim(to), trim(from)));
        }
        int steps = 0;
        if (design == Design.GRID) {
            if (!axis.has("steps")) {
                throw doc.error(path, "a grid range needs steps: (how many values from 'from' to 'to')");
            }
            steps = integer(doc, axis, path + ".steps", "steps", 0, 100_000);
            if (steps < 1) {
                throw doc.error(path + ".steps", "is an empty range: steps must be at least 1, got " + steps);
            }
            if (steps > 1 && from == to) {
                throw doc.error(path + ".steps", steps + " steps from " + trim(from) + " to itself: use steps: 1");
            }
        } else if (axis.has("steps")) {
            throw doc.error(path + ".steps", "is for a grid; a " + design.label() + " design draws from the range");
        }
        return new Axis(name, parameter, task, phase, null, from, to, steps);
    }

    private static Object value(YamlDocument doc, String path, JsonNode v, Axis.Parameter parameter) {
        if (parameter.categorical()) {
            try {
                return Roast.parse(v.asText()).label();
            } catch (IllegalArgumentException e) {
                throw doc.error(path, e.getMessage());
            }
        }
        if (!v.isNumber()) {
            throw doc.error(path, "must be a number, got '" + v.asText() + "'");
        }
        if (parameter.integer()) {
            if (v.asDouble() != Math.rint(v.asDouble())) {
                throw doc.error(path, parameter.key() + " takes whole numbers, got " + v.asText());
            }
            return (int) Math.round(v.asDouble());
        }
        return v.asDouble();
    }

    /** A built-in by name or a file relative to the sweep file, as the {@code field} names it. */
    private static <T> T resolve(YamlDocument doc, String field, io.backflush.core.param.ParameterFiles<T> files,
                                 String reference, Path base) {
        try {
            return files.resolveFrom(base, reference);
        } catch (ParameterFileException e) {
            throw doc.error(field, e.getMessage(), e);
        } catch (InvalidParameterException e) {
            throw doc.error(field, reference + ": " + e.getMessage(), e);
        }
    }

    private static Usage usage(YamlDocument doc, JsonNode node) {
        if (node == null || node.isNull()) {
            throw doc.error("usage", "is missing: give days, shotsPerDay and roast");
        }
        if (!(node instanceof ObjectNode u)) {
            throw doc.error("usage", "must be a mapping of days, shotsPerDay, roast and fixedShots");
        }
        unknownFields(doc, u, "usage", USAGE);
        int days = integer(doc, u, "usage.days", "days", 1, 3650);
        double shots = number(doc, u, "usage.shotsPerDay", "shotsPerDay");
        Roast roast = Roast.MEDIUM;
        if (u.has("roast")) {
            try {
                roast = Roast.parse(u.get("roast").asText());
            } catch (IllegalArgumentException e) {
                throw doc.error("usage.roast", e.getMessage());
            }
        }
        boolean fixed = u.has("fixedShots") && u.get("fixedShots").asBoolean();
        if (u.has("fixedShots") && !u.get("fixedShots").isBoolean()) {
            throw doc.error("usage.fixedShots", "must be true or false");
        }
        try {
            return new Usage(days, shots, !fixed, roast, 18.0, 7.0, 19.0);
        } catch (InvalidParameterException e) {
            throw doc.error("usage." + e.field(), e.reason());
        }
    }

    /** The {@code water:} section: a machine file's fields, each optional (defaults as the command line's). */
    private static WaterChemistry water(YamlDocument doc, JsonNode node) {
        if (!(node instanceof ObjectNode w)) {
            throw doc.error("water", "must be a mapping of hardnessMgPerL, alkalinityMgPerL and softeningFraction");
        }
        unknownFields(doc, w, "water", WATER);
        double hardness = w.has("hardnessMgPerL") ? number(doc, w, "water.hardnessMgPerL", "hardnessMgPerL")
                : WaterChemistry.DEFAULT_HARDNESS_MG_PER_L;
        double alkalinity = w.has("alkalinityMgPerL") ? number(doc, w, "water.alkalinityMgPerL", "alkalinityMgPerL")
                : WaterChemistry.DEFAULT_ALKALINITY_MG_PER_L;
        double softening = w.has("softeningFraction") ? number(doc, w, "water.softeningFraction", "softeningFraction")
                : 0.0;
        try {
            return new WaterChemistry(hardness, alkalinity, softening);
        } catch (InvalidParameterException e) {
            throw doc.error("water." + e.field(), e.reason());
        }
    }

    private static List<Long> seeds(YamlDocument doc, JsonNode node) {
        List<Long> seeds = new ArrayList<>();
        if (node == null) {
            seeds.add(1L);
        } else if (node.isIntegralNumber()) {
            long n = node.asLong();
            if (n < 1 || n > MAX_SEEDS) {
                throw doc.error("seeds", "must be between 1 and " + MAX_SEEDS + " (seeds 1..N), got " + node.asText());
            }
            for (long s = 1; s <= n; s++) {
                seeds.add(s);
            }
        } else if (node.isArray()) {
            if (node.isEmpty()) {
                throw doc.error("seeds", "is an empty list: give at least one seed");
            }
            for (int i = 0; i < node.size(); i++) {
                if (!node.get(i).isIntegralNumber()) {
                    throw doc.error("seeds[" + i + "]", "must be a whole number, got '" + node.get(i).asText() + "'");
                }
                long s = node.get(i).asLong();
                if (seeds.contains(s)) {
                    throw doc.error("seeds[" + i + "]", "seed " + s + " is given twice");
                }
                seeds.add(s);
            }
            if (seeds.size() > MAX_SEEDS) {
                throw doc.error("seeds", "at most " + MAX_SEEDS + " seeds");
            }
        } else {
            throw doc.error("seeds", "must be a count (seeds 1..N) or a list of seeds");
        }
        return seeds;
    }

    private static void unknownFields(YamlDocument doc, ObjectNode node, String path, Set<String> known) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String f = names.next();
            if (!known.contains(f)) {
                throw doc.error(path.isEmpty() ? f : path + "." + f, "unknown field; expected one of "
                        + known.stream().sorted().collect(Collectors.joining(", ")));
            }
        }
    }

    private static String required(YamlDocument doc, ObjectNode node, String field, String what) {
        return required(doc, node, field, field, what);
    }

    private static String required(YamlDocument doc, ObjectNode node, String path, String field, String what) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw doc.error(path, "is missing: " + what);
        }
        if (!v.isTextual()) {
            throw doc.error(path, "must be text: " + what);
        }
        return v.asText();
    }

    private static String text(YamlDocument doc, ObjectNode node, String field) {
        return required(doc, node, field, field);
    }

    private static double number(YamlDocument doc, ObjectNode node, String path, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw doc.error(path, "is missing");
        }
        if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw doc.error(path, "must be a finite number, got '" + v.asText() + "'");
        }
        return v.asDouble();
    }

    private static int integer(YamlDocument doc, ObjectNode node, String field, long min, long max, boolean top) {
        return integer(doc, node, field, field, min, max);
    }

    private static int integer(YamlDocument doc, ObjectNode node, String path, String field, long min, long max) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw doc.error(path, "is missing");
        }
        if (!v.isIntegralNumber()) {
            throw doc.error(path, "must be a whole number, got '" + v.asText() + "'");
        }
        long n = v.asLong();
        if (n < min || n > max) {
            throw doc.error(path, "must be between " + min + " and " + max + ", got " + n);
        }
        return (int) n;
    }

    private static String trim(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
