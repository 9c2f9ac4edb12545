package io.backflush.sim.program;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backflush.core.param.ParameterFileException;
import io.backflush.core.param.YamlDocument;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads backflush programs from YAML files:
 *
 * <pre>
 * name: my-clean          # optional; defaults to the file name without its extension
 * phases:                 # one or more, run in order
 *   - kind: detergent     # water | detergent | rinse
 *     cycles: 5           # 1..1000
 *     pumpOnSeconds: 10   # 0 &lt; t ≤ 600
 *     releaseSeconds: 10  # 0 &lt; t ≤ 600
 *   - kind: rinse
 *     cycles: 5
 *     pumpOnSeconds: 10
 *     releaseSeconds: 10
 * </pre>
 *
 * <p>Every problem is a {@link ProgramFileException} whose message names the file, the field's
 * path and its line: {@code my-clean.yaml:7:5: phases[1].cycles: must be between 1 and 1000, got 0}
 * (list indices are 0-based).
 */
public final class ProgramFiles {
    private ProgramFiles() {
    }

    /**
     * A named program from {@link Programs}, or else a program file.
     *
     * @throws ProgramFileException if the name is no program and no file, or the file is bad
     */
    public static BackflushProgram resolve(String nameOrPath) {
        Objects.requireNonNull(nameOrPath, "nameOrPath");
        var named = Programs.find(nameOrPath);
        if (named.isPresent()) {
            return named.get();
        }
        var file = YamlDocument.existingFile(nameOrPath);
        if (file.isPresent()) {
            return load(file.get());
        }
        String suggestion = YamlDocument.closest(nameOrPath, Programs.all().keySet())
                .map(c -> " (did you mean '" + c + "'?)").orElse("");
        throw new ProgramFileException(nameOrPath, "", 0, 0,
                "no such program or file" + suggestion + "; programs: " + programNames(), null);
    }

    /**
     * Reads a program file.
     *
     * @throws ProgramFileException naming the file, field and line of the first problem found
     */
    public static BackflushProgram load(Path file) {
        Objects.requireNonNull(file, "file");
        YamlDocument document;
        try {
            document = YamlDocument.read(file);
        } catch (ParameterFileException e) {
            throw new ProgramFileException(e);
        }
        Path fileName = file.getFileName();
        return build(document, YamlDocument.nameOf(fileName == null ? file.toString() : fileName.toString()));
    }

    /**
     * Reads program-file text.
     *
     * @param sourceName the name used in messages and, without directory and extension, as the
     *                   default program name
     * @throws ProgramFileException naming the source, field and line of the first problem found
     */
    public static BackflushProgram parse(String sourceName, String yaml) {
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(yaml, "yaml");
        YamlDocument document;
        try {
            document = YamlDocument.parse(sourceName, yaml);
        } catch (ParameterFileException e) {
            throw new ProgramFileException(e);
        }
        return build(document, YamlDocument.nameOf(sourceName));
    }

    private static BackflushProgram build(YamlDocument document, String defaultName) {
        ObjectNode tree = document.root();
        JsonNode name = tree.get("name");
        if (name == null || name.isNull()) {
            tree.put("name", defaultName);
        }
        JsonNode phases = tree.get("phases");
        if (phases != null && phases.isArray()) {
            for (int i = 0; i < phases.size(); i++) {
                if (phases.get(i).isNull()) {
                    throw new ProgramFileException(document.error("phases[" + i + "]", "is an empty entry: expected a phase"));
                }
            }
        }
        try {
            return document.bind(tree, BackflushProgram.class);
        } catch (ParameterFileException e) {
            throw new ProgramFileException(e);
        }
    }


    private static String programNames() {
        return String.join(", ", Programs.all().keySet());
    }
}
