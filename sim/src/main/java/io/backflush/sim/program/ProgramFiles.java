package io.backflush.sim.program;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backflush.core.param.ParameterFiles;
import io.backflush.core.param.RecordBinder;
import io.backflush.core.param.YamlDocument;

import java.nio.file.Path;

/**
 * Reads backflush programs from YAML files:
 *
 * <pre>
 * name: my-clean          # optional; defaults to the file name without its extension
 * phases:                 # one or more, run in order
 *   - kind: detergent     # water | detergent | rinse (blind basket) | descale | flush (open group)
 *     cycles: 5           # 1..1000
 *     pumpOnSeconds: 10   # 0 &lt; t ≤ 600
 *     releaseSeconds: 10  # 0 &lt; t ≤ 600 (a descale phase soaks)
 *     pumpDuty: 1         # optional, 0 &lt; d ≤ 1 (default 1)
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
    private static final ParameterFiles<BackflushProgram> FILES = new ParameterFiles<>("program", "programs",
            Programs::find, () -> Programs.all().keySet(), ProgramFiles::read, ProgramFileException::new);

    private ProgramFiles() {
    }

    /** The loader: named programs from {@link Programs}, program files by path. */
    public static ParameterFiles<BackflushProgram> files() {
        return FILES;
    }

    /**
     * A named program from {@link Programs}, or else a program file.
     *
     * @throws ProgramFileException if the name is no program and no file, or the file is bad
     */
    public static BackflushProgram resolve(String nameOrPath) {
        return FILES.resolve(nameOrPath);
    }

    /**
     * Reads a program file.
     *
     * @throws ProgramFileException naming the file, field and line of the first problem found
     */
    public static BackflushProgram load(Path file) {
        return FILES.load(file);
    }

    /**
     * Reads program-file text.
     *
     * @param sourceName the name used in messages and, without directory and extension, as the
     *                   default program name
     * @throws ProgramFileException naming the source, field and line of the first problem found
     */
    public static BackflushProgram parse(String sourceName, String yaml) {
        return FILES.parse(sourceName, yaml, null);
    }

    private static BackflushProgram read(YamlDocument document, String defaultName, Path baseDir) {
        ObjectNode tree = document.root();
        if (!tree.hasNonNull("name")) {
            tree.put("name", defaultName);
        }
        if (tree.get("phases") != null && tree.get("phases").isArray()) {
            for (com.fasterxml.jackson.databind.JsonNode phase : tree.get("phases")) {
                if (phase instanceof ObjectNode p && !p.has("pumpDuty")) {
                    p.put("pumpDuty", 1.0); // optional: full duty
                }
            }
        }
        RecordBinder.refuseEmptyEntries(document, tree, "phases", "a phase");
        return RecordBinder.bind(document, tree, BackflushProgram.class);
    }
}
