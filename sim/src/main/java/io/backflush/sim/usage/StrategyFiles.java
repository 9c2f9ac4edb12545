package io.backflush.sim.usage;

import io.backflush.core.param.InvalidParameterException;
import io.backflush.core.param.ParameterFileException;
import io.backflush.core.param.YamlDocument;
import io.backflush.sim.program.BackflushProgram;
import io.backflush.sim.program.ProgramFiles;
import io.backflush.sim.program.Programs;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads cleaning strategies from YAML files:
 *
 * <pre>
 * name: my-routine                 # optional; defaults to the file name
 * description: water daily, detergent on Sundays
 * tasks:
 *   - everyDays: 1                 # 1 daily, 7 weekly
 *     program: water-5x10          # a named program, or a program file (relative to this file)
 *   - everyDays: 7
 *     program: detergent-5x10-rinse-5
 *     detergentGrams: 3
 *     untilClear: false            # optional: adaptive detergent/rinse cycle counts
 *     replacesDaily: true          # optional: replaces the daily task on the days it runs
 * </pre>
 *
 * Errors are {@link StrategyFileException}s naming the file, field path and line.
 */
public final class StrategyFiles {
    private StrategyFiles() {
    }

    /** The file's shape, bound before the programs are resolved. */
    record TaskSpec(Integer everyDays, String program, Double detergentGrams, Boolean untilClear,
                    Boolean replacesDaily) {
    }

    record StrategySpec(String name, String description, List<TaskSpec> tasks) {
    }

    /** A named strategy from {@link Strategies}, or else a strategy file. */
    public static Strategy resolve(String nameOrPath) {
        Objects.requireNonNull(nameOrPath, "nameOrPath");
        var named = Strategies.find(nameOrPath);
        if (named.isPresent()) {
            return named.get();
        }
        var file = YamlDocument.existingFile(nameOrPath);
        if (file.isPresent()) {
            return load(file.get());
        }
        String suggestion = YamlDocument.closest(nameOrPath, Strategies.all().keySet())
                .map(c -> " (did you mean '" + c + "'?)").orElse("");
        throw new StrategyFileException(nameOrPath, "", 0, 0, "no such strategy or file" + suggestion
                + "; strategies: " + String.join(", ", Strategies.all().keySet()), null);
    }

    public static Strategy load(Path file) {
        YamlDocument document;
        try {
            document = YamlDocument.read(file);
        } catch (ParameterFileException e) {
            throw new StrategyFileException(e);
        }
        Path name = file.getFileName();
        return build(document, YamlDocument.nameOf(name == null ? file.toString() : name.toString()),
                file.toAbsolutePath().getParent());
    }

    public static Strategy parse(String sourceName, String yaml, Path baseDirectory) {
        YamlDocument document;
        try {
            document = YamlDocument.parse(sourceName, yaml);
        } catch (ParameterFileException e) {
            throw new StrategyFileException(e);
        }
        return build(document, YamlDocument.nameOf(sourceName), baseDirectory);
    }

    private static Strategy build(YamlDocument document, String defaultName, Path baseDirectory) {
        // optional fields get their defaults before binding (the binder insists on every field)
        com.fasterxml.jackson.databind.node.ObjectNode root = document.root();
        if (!root.has("name")) {
            root.put("name", defaultName);
        }
        if (!root.has("description")) {
            root.put("description", "");
        }
        if (root.get("tasks") != null && root.get("tasks").isArray()) {
            for (com.fasterxml.jackson.databind.JsonNode task : root.get("tasks")) {
                if (task instanceof com.fasterxml.jackson.databind.node.ObjectNode t) {
                    if (!t.has("detergentGrams")) {
                        t.put("detergentGrams", 0.0);
                    }
                    if (!t.has("untilClear")) {
                        t.put("untilClear", false);
                    }
                    if (!t.has("replacesDaily")) {
                        t.put("replacesDaily", false);
                    }
                }
            }
        }
        StrategySpec spec;
        try {
            spec = document.bind(root, StrategySpec.class);
        } catch (ParameterFileException e) {
            throw new StrategyFileException(e);
        }
        if (spec.tasks() == null) {
            throw new StrategyFileException(document.error("tasks", "is missing: list the cleaning tasks (an empty list [] means never cleaned)"));
        }
        List<CleaningTask> tasks = new ArrayList<>();
        for (int i = 0; i < spec.tasks().size(); i++) {
            String path = "tasks[" + i + "]";
            TaskSpec t = spec.tasks().get(i);
            if (t == null) {
                throw new StrategyFileException(document.error(path, "is an empty entry: expected a task"));
            }
            if (t.everyDays() == null) {
                throw new StrategyFileException(document.error(path + ".everyDays", "is missing"));
            }
            if (t.program() == null) {
                throw new StrategyFileException(document.error(path + ".program", "is missing"));
            }
            BackflushProgram program = program(document, path + ".program", t.program(), baseDirectory);
            try {
                tasks.add(new CleaningTask(t.everyDays(), program,
                        t.detergentGrams() == null ? 0.0 : t.detergentGrams(),
                        Boolean.TRUE.equals(t.untilClear()), Boolean.TRUE.equals(t.replacesDaily())));
            } catch (InvalidParameterException e) {
                throw new StrategyFileException(document.error(path + "." + e.field(), e.reason()));
            }
        }
        String name = spec.name() == null ? defaultName : spec.name();
        return new Strategy(name, spec.description(), tasks);
    }

    private static BackflushProgram program(YamlDocument document, String path, String reference, Path base) {
        if (Programs.find(reference).isPresent()) {
            return Programs.find(reference).get();
        }
        if (base == null) {
            throw new StrategyFileException(document.error(path, "unknown program '" + reference
                    + "': expected one of " + String.join(", ", Programs.all().keySet())));
        }
        Path file;
        try {
            file = base.resolve(reference);
        } catch (java.nio.file.InvalidPathException e) {
            throw new StrategyFileException(document.error(path, "'" + reference + "' is no program name and no valid path"));
        }
        try {
            return ProgramFiles.resolve(Files.exists(file) ? file.toString() : reference);
        } catch (ParameterFileException e) {
            throw new StrategyFileException(document.error(path, e.getMessage()));
        }
    }
}
