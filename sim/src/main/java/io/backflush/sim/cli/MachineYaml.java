package io.backflush.sim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backflush.core.machine.MachineParameters;
import io.backflush.core.machine.Presets;
import io.backflush.core.param.RecordBinder;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A preset as a complete machine file ({@code machines --show NAME}): every parameter, each with its
 * unit and its source as a comment, taken from the defaults table of {@code docs/model.md} §4
 * (shipped in the jar), so the file says what the documentation says. Numbers are written in their
 * shortest exact decimal form, so reading the file back gives the preset's values bit for bit.
 */
final class MachineYaml {
    /** The table's short names for components. */
    private static final Map<String, String> ALIASES = Map.of("OPV", "overPressureValve", "Cd", "dischargeCoefficient");

    private MachineYaml() {
    }

    record Row(List<String> tokens, String unit, String source) {
    }

    static String of(String presetName, MachineParameters preset) {
        JsonNode tree = RecordBinder.toTree(preset);
        ObjectNode file = JsonNodeFactory.instance.objectNode();
        file.put("preset", presetName);
        tree.properties().forEach(e -> file.set(e.getKey(), e.getValue()));
        // parameter names (not components, which are objects, or null when a preset lacks one), over every preset
        Set<String> leaves = new HashSet<>(ALIASES.values());
        for (MachineParameters p : Presets.all().values()) {
            collectLeaves(RecordBinder.toTree(p), leaves);
        }
        List<Row> rows = rows();
        StringBuilder out = new StringBuilder();
        out.append("# machine file: preset ").append(presetName).append(" with every parameter written out.\n")
                .append("# Comments: unit; source ([S] sourced, [E] estimate, [D] derived), from docs/model.md section 4.\n")
                .append("# Change any value and run it: backflush run --machine THIS.yaml --program water-5x10\n");
        write(out, file, new ArrayList<>(), 0, rows, leaves);
        return out.toString();
    }

    private static void collectLeaves(JsonNode node, Set<String> leaves) {
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (e.getValue().isObject()) {
                collectLeaves(e.getValue(), leaves);
            } else if (!e.getValue().isNull()) {
                leaves.add(e.getKey());
            }
        }
    }

    private static void write(StringBuilder out, JsonNode node, List<String> path, int depth, List<Row> rows,
                              Set<String> leaves) {
        String indent = "  ".repeat(depth);
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            JsonNode value = e.getValue();
            if (value.isObject()) {
                out.append(indent).append(e.getKey()).append(":\n");
                path.add(e.getKey());
                write(out, value, path, depth + 1, rows, leaves);
                path.remove(path.size() - 1);
                continue;
            }
            String line = indent + e.getKey() + ": " + scalar(value);
            String comment = value.isNull() ? null : comment(path, e.getKey(), rows, leaves);
            out.append(line);
            if (comment != null) {
                out.append(" ".repeat(Math.max(1, 40 - line.length()))).append("# ").append(comment);
            }
            out.append('\n');
        }
    }

    private static String scalar(JsonNode v) {
        if (v.isNull()) {
            return "null";
        }
        if (v.isIntegralNumber()) {
            return v.asText();
        }
        if (v.isNumber()) {
            return BigDecimal.valueOf(v.doubleValue()).toPlainString();
        }
        if (v.isBoolean()) {
            return v.asText();
        }
        // a JSON string is a YAML double-quoted scalar
        return JsonNodeFactory.instance.textNode(v.asText()).toString();
    }

    /** "unit; source" of the table row for this parameter, or null when the table has none. */
    static String comment(List<String> parents, String leaf, List<Row> rows, Set<String> leaves) {
        for (Row row : rows) {
            List<String> fields = new ArrayList<>();
            boolean componentsMatch = true;
            for (String t : row.tokens()) {
                String name = ALIASES.getOrDefault(t, t);
                if (leaves.contains(name)) {
                    fields.add(name);
                } else if (!parents.contains(name)) {
                    componentsMatch = false;
                }
            }
            int at = fields.indexOf(leaf);
            if (!componentsMatch || at < 0) {
                continue;
            }
            String[] units = row.unit().split(" / ");
            String unit = units.length == fields.size() ? units[at].strip() : row.unit();
            return (unit.isEmpty() || unit.equals("–") ? "no unit" : unit) + "; " + row.source();
        }
        return null;
    }

    /** The rows of the defaults table in docs/model.md: parameter, unit, four presets, source. */
    static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = MachineYaml.class.getResourceAsStream("model.md")) {
            if (in == null) {
                return rows;
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            boolean inTable = false;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("| parameter | unit | single-boiler")) {
                    inTable = true;
                } else if (inTable && !line.startsWith("|")) {
                    break;
                } else if (inTable && !line.startsWith("|---")) {
                    String[] cells = line.split("\\|", -1);
                    if (cells.length >= 8) {
                        List<String> tokens = new ArrayList<>();
                        for (String t : cells[1].replace("/", " ").split("\\s+")) {
                            if (!t.isBlank()) {
                                tokens.add(t.strip());
                            }
                        }
                        rows.add(new Row(tokens, cells[2].strip(), cells[cells.length - 2].strip().replace("`", "")));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
