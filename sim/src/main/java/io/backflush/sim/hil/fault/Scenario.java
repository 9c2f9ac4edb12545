package io.backflush.sim.hil.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fault scenario file: YAML with a {@code faults:} list, each entry a map with the fault spec's
 * keys, e.g.
 * <pre>
 * faults:
 *   - fault: stuck
 *     target: boiler_c
 *     at: 20
 *   - fault: weak_pump
 *     factor: 0.5
 *     when: group_bar > 8
 * </pre>
 */
public final class Scenario {
    private Scenario() {
    }

    /** Loads a scenario; errors name the file and the entry. */
    public static List<FaultSpec> load(Path file) throws IOException {
        if (Files.size(file) > 1_000_000) {
            throw new FaultSpecException(file + ": scenario file over 1 MB");
        }
        return parse(file.toString(), Files.readString(file));
    }

    /** The YAML tree of a scenario file; not YAML: one line naming the source. */
    public static JsonNode tree(String source, String yaml) {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException e) {
            String m = String.valueOf(e.getMessage());
            int cut = m.indexOf('\n');
            throw new FaultSpecException(source + ": not valid YAML: " + (cut < 0 ? m : m.substring(0, cut)));
        }
    }

    public static List<FaultSpec> parse(String source, String yaml) {
        JsonNode root = tree(source, yaml);
        if (root == null || !root.isObject() || !root.has("faults") || !root.get("faults").isArray()) {
            throw new FaultSpecException(source + ": expected a 'faults:' list");
        }
        List<FaultSpec> specs = new ArrayList<>();
        int index = 0;
        for (JsonNode entry : root.get("faults")) {
            index++;
            if (!entry.isObject()) {
                throw new FaultSpecException(source + ": faults[" + index + "]: expected a map");
            }
            Map<String, String> map = new LinkedHashMap<>();
            StringBuilder text = new StringBuilder();
            for (Iterator<Map.Entry<String, JsonNode>> it = entry.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isValueNode()) {
                    throw new FaultSpecException(source + ": faults[" + index + "]." + e.getKey() + ": expected a scalar");
                }
                map.put(e.getKey(), e.getValue().asText());
            }
            text.append(map.getOrDefault("fault", "?"));
            map.forEach((k, v) -> {
                if (!k.equals("fault")) {
                    text.append(' ').append(k).append('=').append(v.replace(" ", ""));
                }
            });
            try {
                specs.add(FaultSpec.of(map, text.toString()));
            } catch (FaultSpecException e) {
                throw new FaultSpecException(source + ": faults[" + index + "]: " + e.getMessage());
            }
        }
        return specs;
    }
}
