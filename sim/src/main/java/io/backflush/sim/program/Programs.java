package io.backflush.sim.program;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The built-in backflush programs, with the published procedure each follows. */
public final class Programs {
    private Programs() {
    }

    private static final Map<String, BackflushProgram> PROGRAMS = new LinkedHashMap<>();
    private static final Map<String, String> DESCRIPTIONS = new LinkedHashMap<>();

    static {
        add(new BackflushProgram("water-5x10", List.of(new Phase(PhaseKind.WATER, 5, 10, 10))),
                "5 water cycles, 10 s pump on / 10 s release (Clive Coffee timing, daily water backflush)");
        add(new BackflushProgram("detergent-5x10-rinse-5", List.of(
                        new Phase(PhaseKind.DETERGENT, 5, 10, 10),
                        new Phase(PhaseKind.RINSE, 5, 10, 10))),
                "5 detergent cycles then 5 rinse cycles, 10 s / 10 s (seed article; Clive Coffee)");
    }

    private static void add(BackflushProgram program, String description) {
        PROGRAMS.put(program.name(), program);
        DESCRIPTIONS.put(program.name(), description);
    }

    public static Optional<BackflushProgram> find(String name) {
        return Optional.ofNullable(PROGRAMS.get(name));
    }

    public static Map<String, BackflushProgram> all() {
        return Collections.unmodifiableMap(PROGRAMS);
    }

    public static String description(String name) {
        return DESCRIPTIONS.getOrDefault(name, "");
    }
}
