package io.backflush.sim.firmware;

import com.fasterxml.jackson.databind.JsonNode;
import io.backflush.sim.hil.fault.FaultSpec;
import io.backflush.sim.hil.fault.FaultSpecException;
import io.backflush.sim.hil.fault.Scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A scenario for {@code firmware run}: the server's fault scenario ({@code faults:}, see
 * docs/protocol.md) and the button presses the kit makes ({@code presses:}), in one YAML file:
 * <pre>
 * presses:
 *   - { button: clean, at: 1.0 }           # held 0.2 s
 *   - { button: steam, at: 5, for: 30 }    # a switch on for 30 s
 * faults:
 *   - { fault: stuck, target: boiler_c, at: 20 }
 * </pre>
 *
 * @param faults  armed in the session
 * @param presses pressed by the kit, in the order given
 */
public record FirmwareScenario(List<FaultSpec> faults, List<Press> presses) {
    private static final Pattern BUTTON = Pattern.compile("[a-z0-9_]{1,32}");
    private static final Set<String> PRESS_KEYS = Set.of("button", "at", "for");
    /** How long a press without {@code for} holds the button, s. */
    public static final double DEFAULT_PRESS_SECONDS = 0.2;

    public static final FirmwareScenario NONE = new FirmwareScenario(List.of(), List.of());

    /**
     * A button held from {@code atSeconds} for {@code forSeconds}.
     */
    public record Press(String button, double atSeconds, double forSeconds) {
        /** The kit's {@code --press} argument. */
        public String argument() {
            return button + ":" + atSeconds + ":" + forSeconds;
        }
    }

    public FirmwareScenario {
        faults = List.copyOf(faults);
        presses = List.copyOf(presses);
    }

    /** Loads a scenario; errors name the file and the entry. */
    public static FirmwareScenario load(Path file) throws IOException {
        String yaml;
        try {
            if (Files.size(file) > 1_000_000) {
                throw new FirmwareInputException(file + ": scenario file over 1 MB");
            }
            yaml = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new FirmwareInputException(file + ": no such file");
        }
        return parse(file.toString(), yaml);
    }

    public static FirmwareScenario parse(String source, String yaml) {
        JsonNode root;
        try {
            root = Scenario.tree(source, yaml);
        } catch (FaultSpecException e) {
            throw new FirmwareInputException(e.getMessage());
        }
        if (root == null || !root.isObject() || !(root.has("faults") || root.has("presses"))) {
            throw new FirmwareInputException(source + ": expected a 'presses:' list, a 'faults:' list, or both");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!key.equals("faults") && !key.equals("presses")) {
                throw new FirmwareInputException(source + ": unknown key '" + key + "' (expected presses, faults)");
            }
        }
        List<FaultSpec> faults = List.of();
        if (root.has("faults")) {
            try {
                faults = Scenario.parse(source, yaml);
            } catch (FaultSpecException e) {
                throw new FirmwareInputException(e.getMessage());
            }
        }
        List<Press> presses = new ArrayList<>();
        if (root.has("presses")) {
            JsonNode list = root.get("presses");
            if (!list.isArray()) {
                throw new FirmwareInputException(source + ": presses: expected a list");
            }
            int index = 0;
            for (JsonNode entry : list) {
                index++;
                String where = source + ": presses[" + index + "]";
                if (!entry.isObject()) {
                    throw new FirmwareInputException(where + ": expected a map with button, at, for");
                }
                for (Iterator<String> it = entry.fieldNames(); it.hasNext(); ) {
                    String key = it.next();
                    if (!PRESS_KEYS.contains(key)) {
                        throw new FirmwareInputException(where + ": unknown key '" + key + "' (expected button, at, for)");
                    }
                }
                JsonNode button = entry.get("button");
                if (button == null || !button.isTextual() || !BUTTON.matcher(button.asText()).matches()) {
                    throw new FirmwareInputException(where + ".button: expected a button name from the pin map (a-z, 0-9, _)");
                }
                double at = number(entry, "at", where, Double.NaN);
                double hold = number(entry, "for", where, DEFAULT_PRESS_SECONDS);
                if (!(at >= 0) || !(at <= 1.0e6)) {
                    throw new FirmwareInputException(where + ".at: expected seconds from 0 to 1e6");
                }
                if (!(hold > 0) || !(hold <= 1.0e6)) {
                    throw new FirmwareInputException(where + ".for: expected seconds above 0 and at most 1e6");
                }
                presses.add(new Press(button.asText(), at + 0.0, hold)); // + 0.0: -0.0 is 0
            }
        }
        return new FirmwareScenario(faults, presses);
    }

    private static double number(JsonNode entry, String key, String where, double fallback) {
        JsonNode v = entry.get(key);
        if (v == null) {
            if (fallback != fallback) {
                throw new FirmwareInputException(where + ": missing '" + key + "'");
            }
            return fallback;
        }
        if (!v.isNumber()) {
            throw new FirmwareInputException(where + "." + key + ": expected a number of seconds, got '" + v.asText() + "'");
        }
        return v.asDouble();
    }
}
