package io.backflush.sim.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backflush.core.param.InvalidParameterException;
import io.backflush.core.param.ParameterFileException;
import io.backflush.core.param.ParameterFiles;
import io.backflush.core.param.RecordBinder;
import io.backflush.core.param.YamlDocument;
import io.backflush.sim.program.BackflushProgram;
import io.backflush.sim.program.ProgramFiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads cleaning strategies from YAML files:
 *
 * <pre>
 * name: my-routine                 # optional; defaults to the file name
 * description: water daily, detergent on Sundays
 * postShotFlushSeconds: 2          # optional: pump through the open group after every shot, s (0..10)
 * scrubScreenEveryDays: 7          # optional: the shower screen scrubbed by hand every N days (0: never)
 * tasks:
 *   - everyDays: 1                 # 1 daily, 7 weekly
 *     program: water-5x10          # a named program, or a program file (relative to this file)
 *   - everyDays: 7
 *     program: detergent-5x10-rinse-5
 *     detergentGrams: 3
 *     untilClear: false            # optional: adaptive detergent/rinse cycle counts
 *     replacesDaily: true          # optional: replaces the daily task on the days it runs
 *   - everyLitres: 200             # or by litres through the boiler (instead of everyDays)
 *     program: descale-manufacturer
 *     acidGrams: 25                # citric acid in the tank's litre of solution
 * </pre>
 *
 * Errors are {@link StrategyFileException}s naming the file, field path and line.
 */
public final class StrategyFiles {
    private static final ParameterFiles<Strategy> FILES = new ParameterFiles<>("strategy", "strategies",
            Strategies::find, () -> Strategies.all().keySet(), StrategyFiles::read, StrategyFileException::new);

    private StrategyFiles() {
    }

    /** The file's shape, bound before the programs are resolved. */
    record TaskSpec(Integer everyDays, String program, Double detergentGrams, Boolean untilClear,
                    Boolean replacesDaily, Double everyLitres, Double acidGrams) {
    }

    record StrategySpec(String name, String description, List<TaskSpec> tasks, Double postShotFlushSeconds,
                        Integer scrubScreenEveryDays) {
    }

    /** The loader: named strategies from {@link Strategies}, strategy files by path. */
    public static ParameterFiles<Strategy> files() {
        return FILES;
    }

    /** A named strategy from {@link Strategies}, or else a strategy file. */
    public static Strategy resolve(String nameOrPath) {
        return FILES.resolve(nameOrPath);
    }

    /** Reads a strategy file; program files it names are relative to its directory. */
    public static Strategy load(Path file) {
        return FILES.load(file);
    }

    /**
     * Reads strategy-file text.
     *
     * @param baseDirectory the directory program files are relative to; null: programs by name only
     */
    public static Strategy parse(String sourceName, String yaml, Path baseDirectory) {
        return FILES.parse(sourceName, yaml, baseDirectory);
    }

    private static Strategy read(YamlDocument document, String defaultName, Path baseDirectory) {
        // optional fields get their defaults before binding (the binder insists on every field)
        ObjectNode root = document.root();
        if (!root.hasNonNull("name")) {
            root.put("name", defaultName);
        }
        if (!root.has("description")) {
            root.put("description", "");
        }
        if (!root.has("postShotFlushSeconds")) {
            root.put("postShotFlushSeconds", 0.0);
        }
        if (!root.has("scrubScreenEveryDays")) {
            root.put("scrubScreenEveryDays", 0);
        }
        if (root.get("tasks") != null && root.get("tasks").isArray()) {
            for (JsonNode task : root.get("tasks")) {
                if (task instanceof ObjectNode t) {
                    if (!t.has("detergentGrams")) {
                        t.put("detergentGrams", 0.0);
                    }
                    if (!t.has("untilClear")) {
                        t.put("untilClear", false);
                    }
                    if (!t.has("replacesDaily")) {
                        t.put("replacesDaily", false);
                    }
                    if (!t.has("everyLitres")) {
                        t.put("everyLitres", 0.0);
                    }
                    if (!t.has("everyDays") && t.path("everyLitres").asDouble() > 0) {
                        t.put("everyDays", 0);
                    }
                    if (!t.has("acidGrams")) {
                        t.put("acidGrams", 0.0);
                    }
                }
            }
        }
        RecordBinder.refuseEmptyEntries(document, root, "tasks", "a task");
        StrategySpec spec = RecordBinder.bind(document, root, StrategySpec.class);
        if (spec.tasks() == null) {
            throw document.error("tasks", "is missing: list the cleaning tasks (an empty list [] means never cleaned)");
        }
        List<CleaningTask> tasks = new ArrayList<>();
        for (int i = 0; i < spec.tasks().size(); i++) {
            String path = "tasks[" + i + "]";
            TaskSpec t = spec.tasks().get(i);
            if (t.everyDays() == null) {
                throw document.error(path + ".everyDays", "is missing");
            }
            if (t.program() == null) {
                throw document.error(path + ".program", "is missing");
            }
            BackflushProgram program = program(document, path + ".program", t.program(), baseDirectory);
            try {
                tasks.add(new CleaningTask(t.everyDays(), program,
                        t.detergentGrams() == null ? 0.0 : t.detergentGrams(),
                        Boolean.TRUE.equals(t.untilClear()), Boolean.TRUE.equals(t.replacesDaily()),
                        t.everyLitres() == null ? 0.0 : t.everyLitres(), t.acidGrams() == null ? 0.0 : t.acidGrams()));
            } catch (InvalidParameterException e) {
                throw document.error(path + "." + e.field(), e.reason(), e);
            }
        }
        try {
            return new Strategy(spec.name(), spec.description(), tasks,
                    spec.postShotFlushSeconds() == null ? 0.0 : spec.postShotFlushSeconds(),
                    spec.scrubScreenEveryDays() == null ? 0 : spec.scrubScreenEveryDays());
        } catch (InvalidParameterException e) {
            throw document.error(e.field(), e.reason(), e);
        }
    }

    /** A program named in the file: a built-in, or a program file relative to the strategy file. */
    private static BackflushProgram program(YamlDocument document, String path, String reference, Path base) {
        try {
            return ProgramFiles.files().resolveFrom(base, reference);
        } catch (ParameterFileException e) {
            throw document.error(path, e.getMessage(), e);
        }
    }
}
