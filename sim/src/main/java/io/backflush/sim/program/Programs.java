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
        add(new BackflushProgram("descale-manufacturer", List.of(
                        new Phase(PhaseKind.DESCALE, 6, 20, 280),
                        new Phase(PhaseKind.FLUSH, 40, 20, 5))),
                "descale: 6 x (20 s of solution through the open group, 280 s soak), then 40 x 20 s of fresh "
                        + "water (manufacturer-style)");
        add(new BackflushProgram("descale-firmware", List.of(
                        new Phase(PhaseKind.DESCALE, 15, 30, 60, 0.1),
                        new Phase(PhaseKind.DESCALE, 40, 1, 0.2, 0.3),
                        new Phase(PhaseKind.FLUSH, 40, 20, 5))),
                "descale: 15 x (30 s at 10 % duty, 60 s soak), 40 x (1 s at 30 %, 0.2 s open), 40 x 20 s "
                        + "fresh water (Gaggiuino, shortened)");
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
