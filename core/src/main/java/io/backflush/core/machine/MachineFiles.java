package io.backflush.core.machine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backflush.core.param.InvalidParameterException;
import io.backflush.core.param.ParameterFileException;
import io.backflush.core.param.ParameterFiles;
import io.backflush.core.param.RecordBinder;
import io.backflush.core.param.YamlDocument;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Reads machine files: YAML that names a preset and overrides any of its parameters, nested like
 * the parameter records.
 *
 * <pre>
 * preset: single-boiler        # required: one of the names in {@link Presets}
 * name: my-gaggia              # optional; defaults to the file name without its extension
 * description: Gaggia with a 12 bar OPV   # optional; defaults to the preset's, noted as such
 * water:                       # optional: the water it is fed (mg/L as CaCO₃); the machine then scales
 *   hardnessMgPerL: 175
 *   alkalinityMgPerL: 125
 *   softeningFraction: 0       # optional
 * overPressureValve:
 *   crackingPressureBar: 12    # mappings merge field by field into the preset's
 * threeWayValve: null          # an explicit null removes an optional component
 * pump:
 *   type: rotary               # a different type replaces the whole block: give every field
 *   nominalFlowMlPerS: 28
 *   bypassPressureBar: 9
 *   bypassGainMlPerSBar: 200
 * </pre>
 *
 * <p>Every problem is a {@link MachineFileException} whose message names the file, the field's
 * path and its line: {@code my.yaml:3:3: chamber.freeVolumeMl: must be between 1.0 and 1000.0, got -5.0}.
 * A pump curve CSV path is resolved against the machine file's directory.
 */
public final class MachineFiles {
    private static final ParameterFiles<Machine> FILES = new ParameterFiles<>("preset", "presets",
            name -> Presets.find(name).map(Machine::of), () -> Presets.all().keySet(), MachineFiles::read,
            MachineFileException::new);

    private MachineFiles() {
    }

    /** The loader: presets by name, machine files by path. */
    public static ParameterFiles<Machine> files() {
        return FILES;
    }

    /**
     * A preset by name, or else a machine file.
     *
     * @throws MachineFileException if the name is no preset and no file, or the file is bad
     */
    public static Machine resolve(String nameOrPath) {
        return FILES.resolve(nameOrPath);
    }

    /**
     * Reads a machine file; a pump curve path in it is resolved against the file's directory.
     *
     * @throws MachineFileException naming the file, field and line of the first problem found
     */
    public static Machine load(Path file) {
        return FILES.load(file);
    }

    /**
     * Reads machine-file text.
     *
     * @param sourceName the name used in messages and, without directory and extension, as the
     *                   default machine name
     * @param yaml       the file's text
     * @param baseDir    directory against which a pump curve path is resolved (null: the working
     *                   directory)
     * @throws MachineFileException naming the source, field and line of the first problem found
     */
    public static Machine parse(String sourceName, String yaml, Path baseDir) {
        return FILES.parse(sourceName, yaml, baseDir);
    }

    private static Machine read(YamlDocument document, String defaultName, Path baseDir) {
        ObjectNode file = document.root();
        JsonNode presetNode = file.remove("preset");
        if (presetNode == null || presetNode.isNull()) {
            throw document.error("preset", "is missing: name the preset this machine starts from, one of "
                    + FILES.names());
        }
        if (!presetNode.isValueNode()) {
            throw document.error("preset", "expected a preset name, one of " + FILES.names());
        }
        String presetName = presetNode.asText();
        MachineParameters preset = Presets.find(presetName)
                .orElseThrow(() -> document.error("preset", FILES.unknown(presetName)));

        JsonNode name = file.get("name");
        if (name == null || name.isNull()) {
            file.put("name", defaultName);
        }
        if (!file.has("description")) {
            file.put("description", "based on preset " + preset.name() + ": " + preset.description());
        }
        // the water it is fed: not a parameter of the circuit, bound on its own (same paths as in the file)
        io.backflush.core.machine.WaterChemistry water = null;
        JsonNode waterNode = file.remove("water");
        if (waterNode != null && !waterNode.isNull()) {
            if (waterNode instanceof ObjectNode w && !w.has("softeningFraction")) {
                w.put("softeningFraction", 0.0);
            }
            ObjectNode section = file.objectNode();
            section.set("water", waterNode);
            water = RecordBinder.bind(document, section, WaterSection.class).water();
        }
        JsonNode presetTree = RecordBinder.toTree(preset);
        JsonNode merged = merge(presetTree, file);

        MachineParameters parameters;
        try {
            parameters = RecordBinder.bind(document, merged, MachineParameters.class);
        } catch (ParameterFileException e) {
            throw withPresetNote(document, presetTree, preset.name(), e);
        }
        try {
            return Machine.of(parameters, baseDir).withWater(water);
        } catch (InvalidParameterException e) {
            throw withPresetNote(document, presetTree, preset.name(), document.error(e.field(), e.reason(), e));
        } catch (InvalidPathException e) {
            throw document.error("pump.curve", "not a usable file path: " + e.getMessage());
        }
    }

    /** A machine file's {@code water:} section, bound with the file's paths. */
    record WaterSection(io.backflush.core.machine.WaterChemistry water) {
    }

    /**
     * Deep merge: mappings merge field by field, except that a mapping whose {@code type} differs
     * from the preset's replaces it whole; anything else (a value, a list, null) replaces.
     */
    static JsonNode merge(JsonNode base, JsonNode override) {
        if (base != null && base.isObject() && override.isObject() && sameType(base, override)) {
            ObjectNode result = ((ObjectNode) base).deepCopy();
            for (Map.Entry<String, JsonNode> field : override.properties()) {
                result.set(field.getKey(), merge(result.get(field.getKey()), field.getValue()));
            }
            return result;
        }
        return override.deepCopy();
    }

    private static boolean sameType(JsonNode base, JsonNode override) {
        return !override.has("type") || Objects.equals(base.get("type"), override.get("type"));
    }

    /** Points out a value the file did not set, which came from the preset. */
    private static ParameterFileException withPresetNote(YamlDocument document, JsonNode presetTree, String preset,
                                                         ParameterFileException e) {
        String path = e.fieldPath();
        if (!path.isEmpty() && !document.contains(path)
                && !presetTree.at("/" + path.replace('.', '/')).isMissingNode()) {
            return document.error(path, e.reason() + " (value from preset '" + preset + "')", e.getCause());
        }
        return e;
    }
}
